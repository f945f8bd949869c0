import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  aliasName,
  deployedName,
  deployedNameProblem,
  envOverrideName,
  errorNameProblem,
  eventNameProblem,
  friendlyCallProblem,
  friendlyEventProblem,
  friendlyName,
  friendlyNameProblem,
  functionArn,
  functionNameProblem,
  isQualified,
  majorVersionProblem,
  NAME_RULES,
  olderMajorDeployedName,
  olderMajorDeployedNameProblem,
  parseAliasName,
  parseDeployedName,
  parseFriendlyCall,
  parseFriendlyEvent,
  parseFriendlyName,
  serviceNameProblem,
  ssmAliasParameter,
  ssmFunctionParameter,
  ssmServicePath,
  stageNameProblem,
  tableArn,
  tableKeyProblem,
  tableName,
  tableNameProblem,
} from '../src/names.js';

const SERVICE = `expected ${NAME_RULES.service.expected}`;
const FUNCTION = `expected ${NAME_RULES.function.expected}`;
const STAGE = `expected ${NAME_RULES.stage.expected}`;

/** [value, is it a valid service, function, stage] */
const WORDS: readonly [unknown, boolean, boolean, boolean][] = [
  ['records', true, true, true],
  ['order-history', true, true, true],
  ['pr-42', true, true, true],
  ['a', true, true, true],
  ['getUrl', false, true, false],
  ['get-Url', false, true, false],
  ['Records', false, false, false],
  ['get_one', false, false, false],
  ['records.get', false, false, false],
  ['', false, false, false],
  ['1records', false, false, false],
  ['records-', false, false, false],
  ['-records', false, false, false],
  ['re--cords', false, false, false],
  ['has space', false, false, false],
  ['s'.repeat(16), true, true, true],
  ['s'.repeat(17), true, true, false],
  ['s'.repeat(40), true, true, false],
  ['s'.repeat(41), false, true, false],
  ['f'.repeat(64), false, true, false],
  ['f'.repeat(65), false, false, false],
  [undefined, false, false, false],
  [42, false, false, false],
];

describe('lambdaport/names: the grammar', () => {
  it.each(WORDS)('%j: service %s, function %s, stage %s', (value, service, fn, stage) => {
    expect(serviceNameProblem(value)).toBe(service ? undefined : `${SERVICE}, got ${shownForTest(value)}`);
    expect(functionNameProblem(value)).toBe(fn ? undefined : `${FUNCTION}, got ${shownForTest(value)}`);
    expect(stageNameProblem(value)).toBe(stage ? undefined : `${STAGE}, got ${shownForTest(value)}`);
  });

  it('friendly names: exactly one dot, each half named with its own rule', () => {
    expect(friendlyNameProblem('records.get')).toBeUndefined();
    expect(friendlyNameProblem('order-history.getUrl')).toBeUndefined();
    expect(friendlyNameProblem('records')).toBe(
      'expected a friendly name "<service>.<function>" (exactly one "."), got "records"',
    );
    expect(friendlyNameProblem('records.v2.get')).toBe(
      'expected a friendly name "<service>.<function>" (exactly one "."), got "records.v2.get"',
    );
    expect(friendlyNameProblem('Records.get')).toBe(`friendly name "Records.get": ${SERVICE}, got "Records"`);
    expect(friendlyNameProblem('records.get_one')).toBe(`friendly name "records.get_one": ${FUNCTION}, got "get_one"`);
    expect(friendlyNameProblem('records.')).toBe(`friendly name "records.": ${FUNCTION}, got ""`);
    expect(parseFriendlyName('records.getUrl')).toEqual({ service: 'records', fn: 'getUrl' });
    expect(() => parseFriendlyName('records.get_one')).toThrow(new TypeError(friendlyNameProblem('records.get_one')));
    expect(friendlyName('records', 'get')).toBe('records.get');
  });

  it('table keys, declared error names and major versions', () => {
    expect(tableKeyProblem('records.v2_x-y')).toBeUndefined();
    expect(tableKeyProblem('my table')).toBe(
      'expected a table name of letters, digits, "_", "-" and ".", got "my table"',
    );
    expect(tableKeyProblem('')).toBeDefined();
    expect(errorNameProblem('RecordNotFound')).toBeUndefined();
    expect(errorNameProblem('Records.get_one')).toBeUndefined();
    expect(errorNameProblem('bad name')).toBe(
      'expected an error name (letters, digits, "_" and ".", starting with a letter), got "bad name"',
    );
    expect(errorNameProblem('1Bad')).toBeDefined();
    expect(majorVersionProblem(1)).toBeUndefined();
    for (const bad of [0, -1, 1.5, Number.NaN, '1', undefined]) {
      expect(majorVersionProblem(bad)).toMatch(/^expected an API major version \(a whole number from 1\), got /);
    }
  });
});

describe('lambdaport/names: deployed names', () => {
  it('are <stage>-<service>-<function>-<hash6>, unchanged from before the module', () => {
    const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 6);

    expect(deployedName('dev', 'records', 'get')).toBe('dev-records-get-27ab43');
    expect(deployedName('dev', 'records', 'getUrl')).toBe('dev-records-getUrl-315f5b');
    expect(deployedName('pr-42', 'order-history', 'list-all')).toBe(
      `pr-42-order-history-list-all-${hash('pr-42/order-history/list-all')}`,
    );
  });

  it('refuse bad parts and names over 64 characters, naming the rule', () => {
    const long = deployedNameProblem('s'.repeat(16), 'v'.repeat(40), 'get');

    expect(deployedNameProblem('dev', 'records', 'get')).toBeUndefined();
    expect(long).toMatch(/^the deployed name s{16}-v{40}-get-[0-9a-f]{6} is 68 characters; Lambda allows at most 64/);
    expect(deployedNameProblem('dev', 'Records', 'get')).toBe(`${SERVICE}, got "Records"`);
    expect(deployedNameProblem('Dev', 'records', 'get')).toBe(`${STAGE}, got "Dev"`);
    expect(deployedNameProblem('dev', 'records', 'get_one')).toBe(`${FUNCTION}, got "get_one"`);
    expect(() => deployedName('s'.repeat(16), 'v'.repeat(40), 'get')).toThrow(new TypeError(long));
    // exactly 64 is allowed: 3 + 1 + 40 + 1 + 12 + 1 + 6
    expect(deployedName('dev', 'v'.repeat(40), 'f'.repeat(12))).toHaveLength(64);
  });

  it('parse back to their parts by the hash, even when parts hold "-"', () => {
    for (const [stage, service, fn] of [
      ['dev', 'records', 'get'],
      ['dev', 'records', 'getUrl'],
      ['pr-42', 'order-history', 'list-all'],
      ['a-b', 'c', 'd-e-f'],
    ] as const) {
      expect(parseDeployedName(deployedName(stage, service, fn))).toEqual({ stage, service, fn });
    }
    expect(parseDeployedName('dev-records-get-000000')).toBeUndefined();
    expect(parseDeployedName('my-function')).toBeUndefined();
    expect(parseDeployedName('get')).toBeUndefined();
    expect(parseDeployedName(`dev-${'v'.repeat(60)}-get-27ab43`)).toBeUndefined();
  });
});

describe('lambdaport/names: the deployed names of older majors (one function per major)', () => {
  const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 6);

  it('are <stage>-<service>-<function>-v<N>-<hash6>, the hash over <stage>/<service>/<function>/v<N>', () => {
    expect(olderMajorDeployedName('dev', 'records', 'get', 1)).toBe('dev-records-get-v1-b9eb65');
    expect(olderMajorDeployedName('pr-42', 'order-history', 'list-all', 12)).toBe(
      `pr-42-order-history-list-all-v12-${hash('pr-42/order-history/list-all/v12')}`,
    );
    expect(olderMajorDeployedName('dev', 'records', 'get', 1)).not.toBe(deployedName('dev', 'records', 'get-v1'));
  });

  it('refuse bad parts, a bad major and names over 64 characters', () => {
    // 3 + 1 + 40 + 1 + 9 + 1 + 2 + 1 + 6 = 64
    expect(olderMajorDeployedName('dev', 'v'.repeat(40), 'f'.repeat(9), 1)).toHaveLength(64);
    const long = olderMajorDeployedNameProblem('dev', 'v'.repeat(40), 'f'.repeat(10), 1);

    expect(long).toMatch(
      /^the deployed name dev-v{40}-f{10}-v1-[0-9a-f]{6} of major 1 is 65 characters; Lambda allows at most 64/,
    );
    expect(olderMajorDeployedNameProblem('dev', 'records', 'get', 0)).toBe(
      'expected an API major version (a whole number from 1), got 0',
    );
    expect(olderMajorDeployedNameProblem('dev', 'Records', 'get', 1)).toBe(`${SERVICE}, got "Records"`);
    expect(() => olderMajorDeployedName('dev', 'v'.repeat(40), 'f'.repeat(10), 1)).toThrow(new TypeError(long));
  });

  it('parse back with their major; a current name never parses as an older one', () => {
    for (const [stage, service, fn, major] of [
      ['dev', 'records', 'get', 1],
      ['pr-42', 'order-history', 'list-all', 3],
      ['a-b', 'c', 'd-v1', 2],
    ] as const) {
      expect(parseDeployedName(olderMajorDeployedName(stage, service, fn, major))).toEqual({
        stage,
        service,
        fn,
        major,
      });
    }
    expect(parseDeployedName(deployedName('dev', 'records', 'get-v1'))).toEqual({
      stage: 'dev',
      service: 'records',
      fn: 'get-v1',
    });
    expect(parseDeployedName('dev-records-get-v1-000000')).toBeUndefined();
  });
});

describe('lambdaport/names: calls', () => {
  it('accept <service>.<function> and <service>.<function>@v<N>', () => {
    expect(parseFriendlyCall('records.get')).toEqual({ service: 'records', fn: 'get', major: undefined });
    expect(parseFriendlyCall('records.get@v2')).toEqual({ service: 'records', fn: 'get', major: 2 });
    expect(friendlyCallProblem('order-history.list-all@v12')).toBeUndefined();
  });

  it('refuse anything else, naming the rule or the bad half', () => {
    const call = `expected ${NAME_RULES.call.expected}`;
    // without "@" a call is a friendly name, refused in its words
    expect(friendlyCallProblem('nodot')).toBe(friendlyNameProblem('nodot'));
    expect(friendlyCallProblem('records.v2.get')).toBe(friendlyNameProblem('records.v2.get'));
    expect(friendlyCallProblem(3)).toBe(friendlyNameProblem(3));
    expect(friendlyCallProblem('records.get@1')).toBe(`${call}, got "records.get@1"`);
    expect(friendlyCallProblem('records.get@v0')).toBe(`${call}, got "records.get@v0"`);
    expect(friendlyCallProblem('records.get@v1@v2')).toBe(`${call}, got "records.get@v1@v2"`);
    expect(friendlyCallProblem('.get@v1')).toBe(friendlyNameProblem('.get'));
    expect(friendlyCallProblem('Records.get@v1')).toBe(`friendly name "Records.get": ${SERVICE}, got "Records"`);
    expect(() => parseFriendlyCall('records.get@v1.5')).toThrow(TypeError);
  });
});

describe('lambdaport/names: ARNs, aliases, tables, SSM and overrides', () => {
  it('builds unqualified and qualified ARNs and tells them apart', () => {
    const arn = functionArn('us-east-1', '000000000000', 'dev-records-get-27ab43');

    expect(arn).toBe('arn:aws:lambda:us-east-1:000000000000:function:dev-records-get-27ab43');
    expect(functionArn('us-east-1', '000000000000', 'dev-records-get-27ab43', 'v1')).toBe(`${arn}:v1`);
    expect(isQualified(arn)).toBe(false);
    expect(isQualified(`${arn}:v1`)).toBe(true);
    expect(isQualified('000000000000:function:f')).toBe(false);
    expect(isQualified('000000000000:function:f:v1')).toBe(true);
    expect(isQualified('my-fn')).toBe(false);
    expect(isQualified('my-fn:live')).toBe(true);
  });

  it('names aliases v<N> for a major N and parses them back', () => {
    expect(aliasName(1)).toBe('v1');
    expect(aliasName(12)).toBe('v12');
    expect(() => aliasName(0)).toThrow('expected an API major version (a whole number from 1), got 0');
    expect(() => aliasName(1.5)).toThrow(TypeError);
    expect(parseAliasName('v2')).toBe(2);
    for (const bad of ['v0', 'v01', 'V2', 'live', '2', 'v', 'v2x']) expect(parseAliasName(bad)).toBeUndefined();
  });

  it('builds table names within DynamoDB limits, and their ARNs', () => {
    expect(tableName('dev', 'records', 'records')).toBe('dev-records-records');
    expect(tableArn('eu-west-1', '123456789012', 'dev-records-records')).toBe(
      'arn:aws:dynamodb:eu-west-1:123456789012:table/dev-records-records',
    );
    expect(tableNameProblem('dev', 'records', 'x'.repeat(245))).toMatch(
      /^the table name dev-records-x+ is 257 characters; DynamoDB allows 3 to 255/,
    );
    expect(() => tableName('dev', 'records', 'my table')).toThrow(tableKeyProblem('my table'));
  });

  it('builds the SSM paths and the environment override names', () => {
    expect(ssmServicePath('dev', 'records')).toBe('/lambdaport/dev/records');
    expect(ssmServicePath('dev', 'records', '/custom')).toBe('/custom/dev/records');
    expect(ssmFunctionParameter('dev', 'records', 'get')).toBe('/lambdaport/dev/records/get');
    expect(ssmAliasParameter('dev', 'records', 'get', 2)).toBe('/lambdaport/dev/records/get/v2');
    expect(envOverrideName({ service: 'records', fn: 'get' })).toBe('LAMBDAPORT_FUNCTION_RECORDS_GET');
    expect(envOverrideName({ service: 'order-history', fn: 'getUrl' }, 3)).toBe(
      'LAMBDAPORT_FUNCTION_ORDER_HISTORY_GETURL_V3',
    );
  });
});

/** How the module shows a found value (its own words are what every entry point repeats). */
function shownForTest(value: unknown): string {
  if (value === undefined) return 'nothing';
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

describe('event names and <service>.<Event>', () => {
  const EVENT = `expected ${NAME_RULES.eventName.expected}`;

  it('accepts PascalCase names of at most 64 characters (the detail type)', () => {
    for (const good of ['OrderCreated', 'A', 'Order2Shipped', `A${'b'.repeat(63)}`]) {
      expect(eventNameProblem(good)).toBeUndefined();
    }
    for (const bad of ['orderCreated', 'Order-Created', 'Order_Created', '', `A${'b'.repeat(64)}`, 3]) {
      expect(eventNameProblem(bad)).toMatch(new RegExp(`^${EVENT.replace(/[()]/g, '\\$&')}, got `));
    }
  });

  it('splits <service>.<Event>, naming the half at fault', () => {
    expect(parseFriendlyEvent('order-history.OrderCreated')).toEqual({
      service: 'order-history',
      event: 'OrderCreated',
    });
    expect(friendlyEventProblem('orders.OrderCreated')).toBeUndefined();
    expect(friendlyEventProblem('orders')).toBe(
      'expected an event "<service>.<Event>" (exactly one "."), got "orders"',
    );
    expect(friendlyEventProblem('a.b.C')).toBe('expected an event "<service>.<Event>" (exactly one "."), got "a.b.C"');
    expect(friendlyEventProblem(5)).toBe('expected an event "<service>.<Event>" (exactly one "."), got 5');
    expect(friendlyEventProblem('Orders.OrderCreated')).toBe(
      `event "Orders.OrderCreated": ${serviceNameProblem('Orders')}`,
    );
    expect(friendlyEventProblem('orders.orderCreated')).toBe(
      `event "orders.orderCreated": ${EVENT}, got "orderCreated"`,
    );
    expect(() => parseFriendlyEvent('orders')).toThrow(TypeError);
  });
});
