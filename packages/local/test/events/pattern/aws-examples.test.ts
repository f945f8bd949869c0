/**
 * The examples of AWS's "Amazon EventBridge event patterns", "content filtering" and "comparison operators" pages,
 * written as a table (pattern, event, expected), and the invalid patterns the API refuses with
 * `InvalidEventPatternException`.
 */
import { describe, expect, it } from 'vitest';
import { compilePattern, InvalidEventPatternError, patternProblem } from '../../../src/events/pattern/index.js';

/** The EC2 state-change event AWS's pages use, with the fields their content-filtering examples read. */
const EC2_EVENT = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '111122223333',
  time: '2017-12-22T18:43:48Z',
  region: 'us-west-1',
  resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
  detail: {
    'instance-id': 'i-1234567890abcdef0',
    state: 'terminated',
    'c-count': 5,
    'd-count': 7,
    'x-limit': 301.8,
    sourceIPAddress: '10.0.0.123',
    service: 'EventBridge',
    FileName: 'image.PNG',
    FilePath: '/usr/lib/tmp',
    responseElements: null,
    LastName: '',
    EventBusArn: 'arn:aws:events:us-east-1:123456789012:event-bus/orders',
  },
};

function withDetail(fields: Record<string, unknown>): typeof EC2_EVENT {
  return { ...EC2_EVENT, detail: { ...EC2_EVENT.detail, ...fields } };
}

type Row = readonly [name: string, pattern: unknown, event: unknown, expected: boolean];

const ROWS: readonly Row[] = [
  // exact values, AND between fields, OR within a field's array
  [
    'source, detail-type and state',
    {
      source: ['aws.ec2'],
      'detail-type': ['EC2 Instance State-change Notification'],
      detail: { state: ['terminated'] },
    },
    EC2_EVENT,
    true,
  ],
  ['one of several states', { detail: { state: ['running', 'terminated'] } }, EC2_EVENT, true],
  ['a state not listed', { detail: { state: ['running', 'stopped'] } }, EC2_EVENT, false],
  ['every field must match (AND)', { source: ['aws.ec2'], detail: { state: ['running'] } }, EC2_EVENT, false],
  [
    'a value among the event array (resources)',
    {
      resources: [
        'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
        'arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0',
      ],
    },
    EC2_EVENT,
    true,
  ],
  ['no value of the event array', { resources: ['arn:aws:ec2:us-east-1:1:instance/i-x'] }, EC2_EVENT, false],
  ['the string "5" is not the number 5', { detail: { 'c-count': ['5'] } }, EC2_EVENT, false],
  ['the number 5', { detail: { 'c-count': [5] } }, EC2_EVENT, true],
  ['null matches a null value', { detail: { responseElements: [null] } }, EC2_EVENT, true],
  ['null does not match an absent field', { detail: { absent: [null] } }, EC2_EVENT, false],
  ['the empty string', { detail: { LastName: [''] } }, EC2_EVENT, true],
  ['a field the event lacks', { detail: { colour: ['red'] } }, EC2_EVENT, false],
  ['a leaf against an object', { detail: ['terminated'] }, EC2_EVENT, false],
  ['a nested pattern against a string', { source: { x: ['aws.ec2'] } }, EC2_EVENT, false],

  // prefix, suffix, equals-ignore-case
  ['prefix of time', { time: [{ prefix: '2017-12-22' }] }, EC2_EVENT, true],
  ['prefix not there', { time: [{ prefix: '2017-10-02' }] }, EC2_EVENT, false],
  ['prefix ignoring case', { detail: { service: [{ prefix: { 'equals-ignore-case': 'eventb' } }] } }, EC2_EVENT, true],
  ['prefix is case-sensitive', { detail: { service: [{ prefix: 'eventb' }] } }, EC2_EVENT, false],
  ['prefix on a number', { detail: { 'c-count': [{ prefix: '5' }] } }, EC2_EVENT, false],
  ['suffix', { detail: { FileName: [{ suffix: '.PNG' }] } }, EC2_EVENT, true],
  ['suffix is case-sensitive', { detail: { FileName: [{ suffix: '.png' }] } }, EC2_EVENT, false],
  ['suffix ignoring case', { detail: { FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] } }, EC2_EVENT, true],
  [
    'equals-ignore-case',
    { 'detail-type': [{ 'equals-ignore-case': 'ec2 instance state-change notification' }] },
    EC2_EVENT,
    true,
  ],

  // anything-but
  ['anything-but a string', { detail: { state: [{ 'anything-but': 'initializing' }] } }, EC2_EVENT, true],
  ['anything-but that string', { detail: { state: [{ 'anything-but': 'terminated' }] } }, EC2_EVENT, false],
  ['anything-but a number', { detail: { 'x-limit': [{ 'anything-but': 123 }] } }, EC2_EVENT, true],
  [
    'anything-but a list of strings',
    { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } },
    withDetail({ state: 'stopped' }),
    false,
  ],
  [
    'anything-but a list of numbers',
    { detail: { 'x-limit': [{ 'anything-but': [100, 200, 300] }] } },
    withDetail({ 'x-limit': 200 }),
    false,
  ],
  ['anything-but a prefix', { detail: { state: [{ 'anything-but': { prefix: 'init' } }] } }, EC2_EVENT, true],
  [
    'anything-but a prefix, the value has it',
    { detail: { state: [{ 'anything-but': { prefix: 'init' } }] } },
    withDetail({ state: 'initializing' }),
    false,
  ],
  ['anything-but a suffix', { detail: { FileName: [{ 'anything-but': { suffix: '.txt' } }] } }, EC2_EVENT, true],
  [
    'anything-but a suffix, the value has it',
    { detail: { FileName: [{ 'anything-but': { suffix: '.txt' } }] } },
    withDetail({ FileName: 'notes.txt' }),
    false,
  ],
  [
    'anything-but ignoring case',
    { detail: { state: [{ 'anything-but': { 'equals-ignore-case': ['Stopped', 'OverLoaded'] } }] } },
    withDetail({ state: 'STOPPED' }),
    false,
  ],
  [
    'anything-but a wildcard',
    { detail: { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] } },
    EC2_EVENT,
    false,
  ],
  [
    'anything-but a wildcard, another path',
    { detail: { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] } },
    withDetail({ FilePath: '/usr/bin/tmp' }),
    true,
  ],
  ['anything-but on an absent field', { detail: { colour: [{ 'anything-but': 'red' }] } }, EC2_EVENT, false],

  // numeric
  [
    'numeric ranges and equality (AWS example: all three match)',
    {
      detail: {
        'c-count': [{ numeric: ['>', 0, '<=', 5] }],
        'd-count': [{ numeric: ['<', 10] }],
        'x-limit': [{ numeric: ['=', 3.018e2] }],
      },
    },
    EC2_EVENT,
    true,
  ],
  ['numeric upper bound excluded', { detail: { 'c-count': [{ numeric: ['>', 0, '<', 5] }] } }, EC2_EVENT, false],
  ['numeric on a string', { detail: { state: [{ numeric: ['>', 0] }] } }, EC2_EVENT, false],

  // IP addresses
  ['cidr, an address inside', { detail: { sourceIPAddress: [{ cidr: '10.0.0.0/24' }] } }, EC2_EVENT, true],
  ['cidr, an address outside', { detail: { sourceIPAddress: [{ cidr: '10.0.1.0/24' }] } }, EC2_EVENT, false],
  [
    'cidr, IPv6',
    { detail: { sourceIPAddress: [{ cidr: '2001:db8::/32' }] } },
    withDetail({ sourceIPAddress: '2001:db8::1' }),
    true,
  ],

  // exists
  ['exists true', { detail: { state: [{ exists: true }] } }, EC2_EVENT, true],
  ['exists false on a present field', { detail: { state: [{ exists: false }] } }, EC2_EVENT, false],
  ['exists false on an absent field', { detail: { 'no-such': [{ exists: false }] } }, EC2_EVENT, true],
  ['exists true on a null value', { detail: { responseElements: [{ exists: true }] } }, EC2_EVENT, true],
  ['exists only looks at leaves: not an object', { detail: [{ exists: true }] }, EC2_EVENT, false],

  // wildcard
  [
    'wildcard in an ARN',
    { detail: { EventBusArn: [{ wildcard: 'arn:aws:events:us-east-1:*:event-bus/*' }] } },
    EC2_EVENT,
    true,
  ],
  [
    'wildcard over several path levels',
    { detail: { FilePath: [{ wildcard: 'dir/*.png' }] } },
    withDetail({ FilePath: 'dir/dir2/dir3/image.png' }),
    true,
  ],
  [
    'wildcard: the rest must match',
    { detail: { FilePath: [{ wildcard: 'dir/*.png' }] } },
    withDetail({ FilePath: 'dir/image.jpg' }),
    false,
  ],
  [
    'wildcard: an escaped star is literal',
    { detail: { FilePath: [{ wildcard: 'a\\*b' }] } },
    withDetail({ FilePath: 'axxb' }),
    false,
  ],
  ['wildcard: regex characters are literal', { detail: { state: [{ wildcard: 'term.nated' }] } }, EC2_EVENT, false],

  // $or
  [
    '$or of three numeric conditions (AWS example)',
    {
      detail: {
        $or: [
          { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] },
          { 'd-count': [{ numeric: ['<', 10] }] },
          { 'x-limit': [{ numeric: ['=', 3.018e2] }] },
        ],
      },
    },
    withDetail({ 'c-count': 50, 'x-limit': 1 }),
    true,
  ],
  [
    '$or where no branch matches',
    { detail: { $or: [{ 'c-count': [{ numeric: ['>', 10] }] }, { 'd-count': [{ numeric: ['>', 10] }] }] } },
    EC2_EVENT,
    false,
  ],
  [
    '$or together with other fields (AND)',
    { source: ['aws.ec2'], $or: [{ region: ['eu-west-1'] }, { detail: { state: ['terminated'] } }] },
    EC2_EVENT,
    true,
  ],
  [
    '$or together with a field that fails',
    { source: ['aws.s3'], $or: [{ region: ['us-west-1'] }, { detail: { state: ['terminated'] } }] },
    EC2_EVENT,
    false,
  ],

  // arrays of objects: the nested pattern matches one element as a whole
  [
    'an array of objects, one element matches',
    { detail: { items: { sku: ['b'], qty: [2] } } },
    withDetail({
      items: [
        { sku: 'a', qty: 1 },
        { sku: 'b', qty: 2 },
      ],
    }),
    true,
  ],
  [
    'an array of objects, the values come from different elements',
    { detail: { items: { sku: ['a'], qty: [2] } } },
    withDetail({
      items: [
        { sku: 'a', qty: 1 },
        { sku: 'b', qty: 2 },
      ],
    }),
    false,
  ],
];

describe("AWS's documented pattern examples", () => {
  it.each(ROWS)('%s', (_name, pattern, event, expected) => {
    expect(compilePattern(pattern)(event)).toBe(expected);
    expect(compilePattern(JSON.stringify(pattern))(event)).toBe(expected);
  });

  it('an event that is not an object matches nothing', () => {
    const matches = compilePattern({ source: [{ exists: false }] });
    expect([null, 'x', 5, [EC2_EVENT]].map(matches)).toEqual([false, false, false, false]);
    expect(matches({})).toBe(true);
  });
});

const INVALID: readonly (readonly [name: string, pattern: string, where: string, reason: RegExp])[] = [
  ['not JSON', '{"source": [', '', /not JSON/],
  ['not an object', '["aws.ec2"]', '', /JSON object/],
  ['the empty pattern', '{}', '', /empty objects/],
  ['a bare value instead of an array', '{"source":"aws.ec2"}', 'source', /array of values or an object/],
  ['an empty array', '{"detail":{"state":[]}}', 'detail.state', /empty arrays/],
  ['an empty nested object', '{"detail":{}}', 'detail', /empty objects/],
  ['an array in an array', '{"source":[["a"]]}', 'source[0]', /arrays inside/],
  ['an unknown operator', '{"source":[{"contains":"a"}]}', 'source[0]', /unknown operator "contains"/],
  ['two operators in one object', '{"source":[{"prefix":"a","suffix":"b"}]}', 'source[0]', /exactly one key/],
  ['prefix of a number', '{"source":[{"prefix":5}]}', 'source[0].prefix', /string/],
  ['numeric with a string bound', '{"n":[{"numeric":[">","5"]}]}', 'n[0].numeric[1]', /must be a number/],
  ['numeric with an unknown operator', '{"n":[{"numeric":["!=",5]}]}', 'n[0].numeric[0]', /unknown numeric/],
  ['numeric bounds in the wrong order', '{"n":[{"numeric":["<",5,">",1]}]}', 'n[0].numeric', /lower bound/],
  ['numeric of three elements', '{"n":[{"numeric":[">",1,"<"]}]}', 'n[0].numeric', /two of each/],
  ['numeric beyond AWS bounds', '{"n":[{"numeric":[">",6e9]}]}', 'n[0].numeric[1]', /between/],
  ['exists not a boolean', '{"n":[{"exists":"yes"}]}', 'n[0].exists', /true or false/],
  ['anything-but of mixed types', '{"n":[{"anything-but":["a",1]}]}', 'n[0].anything-but', /strings only/],
  [
    'anything-but of an unknown operator',
    '{"n":[{"anything-but":{"numeric":[">",1]}}]}',
    'n[0].anything-but.numeric',
    /does not take/,
  ],
  ['anything-but of null', '{"n":[{"anything-but":null}]}', 'n[0].anything-but', /takes a string/],
  ['wildcard with two stars in a row', '{"n":[{"wildcard":"a**b"}]}', 'n[0].wildcard', /two consecutive/],
  ['wildcard with a bad escape', '{"n":[{"wildcard":"a\\\\nb"}]}', 'n[0].wildcard', /may only escape/],
  ['cidr with a bad prefix length', '{"ip":[{"cidr":"10.0.0.0/33"}]}', 'ip[0].cidr', /not a CIDR block/],
  ['cidr that is not an address', '{"ip":[{"cidr":"example.com/8"}]}', 'ip[0].cidr', /not a CIDR block/],
  ['$or with one branch', '{"$or":[{"a":[1]}]}', '$or', /at least two/],
  ['$or that is not an array', '{"$or":{"a":[1]}}', '$or', /at least two/],
  ['a $or branch that is not an object', '{"$or":[{"a":[1]},["b"]]}', '$or[1]', /must be an object/],
];

describe('invalid patterns: InvalidEventPatternException, naming what and where', () => {
  it.each(INVALID)('%s', (_name, pattern, where, reason) => {
    let caught: unknown;
    try {
      compilePattern(pattern);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidEventPatternError);
    const error = caught as InvalidEventPatternError;
    expect(error.code).toBe('InvalidEventPatternException');
    expect(error.path).toBe(where);
    expect(error.reason).toMatch(reason);
    expect(error.message).toMatch(/^Event pattern is not valid\. Reason: /);
    expect(patternProblem(pattern)).toBe(error.message);
  });

  it('a valid pattern has no problem', () => {
    expect(patternProblem('{"source":["orders"]}')).toBeUndefined();
  });
});
