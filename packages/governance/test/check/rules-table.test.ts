/**
 * Every rule of the table, one case each: a locked contract, a changed one, and the difference the check must find
 * (its rule, verdict from the table, part and JSON Pointer).
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type CallerEntry, compareLocks } from '../../src/check/compare-locks.js';
import { RULES, type RuleId } from '../../src/check/rules.js';
import { lock, type TestMajor } from '../support/locks.js';

interface Case {
  readonly rule: RuleId;
  /** The locked functions and the current ones (default: one function `fn`, major 1). */
  readonly before: Record<string, Record<number, TestMajor>>;
  readonly after: Record<string, Record<number, TestMajor>>;
  readonly part?: string;
  readonly pointer?: string;
  readonly callers?: readonly CallerEntry[];
  /** Other differences the change makes too. */
  readonly also?: readonly RuleId[];
}

const obj = z.object;
const input = (before: z.ZodType, after: z.ZodType) => ({
  before: { fn: { 1: { input: before } } },
  after: { fn: { 1: { input: after } } },
});
const output = (before: z.ZodType, after: z.ZodType) => ({
  before: { fn: { 1: { output: before } } },
  after: { fn: { 1: { output: after } } },
});
const errorData = (before: z.ZodType, after: z.ZodType) => ({
  before: { fn: { 1: { errors: { Oops: before } } } },
  after: { fn: { 1: { errors: { Oops: after } } } },
});
const AB = [obj({ k: z.literal('a') }), obj({ k: z.literal('b'), x: z.number() })] as const;

const CASES: readonly Case[] = [
  {
    rule: 'input.field-added-required',
    ...input(obj({ a: z.string() }), obj({ a: z.string(), b: z.number() })),
    part: 'input',
    pointer: '/properties/b',
  },
  {
    rule: 'input.field-added-optional',
    ...input(obj({ a: z.string() }), obj({ a: z.string(), b: z.number().optional() })),
    part: 'input',
    pointer: '/properties/b',
  },
  {
    rule: 'input.field-added-optional',
    ...input(obj({ a: z.string() }), obj({ a: z.string(), b: z.number().default(1) })),
    part: 'input',
    pointer: '/properties/b',
  },
  {
    rule: 'input.field-made-required',
    ...input(obj({ a: z.string().optional() }), obj({ a: z.string() })),
    part: 'input',
    pointer: '/properties/a',
  },
  {
    rule: 'input.field-made-optional',
    ...input(obj({ a: z.string() }), obj({ a: z.string().optional() })),
    part: 'input',
    pointer: '/properties/a',
  },
  {
    rule: 'input.strict-field-removed',
    ...input(z.strictObject({ a: z.string(), b: z.string() }), z.strictObject({ a: z.string() })),
    part: 'input',
    pointer: '/properties/b',
  },
  {
    rule: 'input.field-removed',
    ...input(obj({ a: z.string(), b: z.string() }), obj({ a: z.string() })),
    part: 'input',
    pointer: '/properties/b',
  },
  {
    rule: 'input.type-narrowed',
    ...input(obj({ a: z.number() }), obj({ a: z.number().int() })),
    part: 'input',
    pointer: '/properties/a',
  },
  {
    rule: 'input.type-widened',
    ...input(obj({ a: z.string() }), obj({ a: z.union([z.string(), z.number()]) })),
    part: 'input',
    pointer: '/properties/a',
  },
  {
    rule: 'input.type-changed',
    ...input(obj({ a: z.string() }), obj({ a: z.number() })),
    part: 'input',
    pointer: '/properties/a',
  },
  {
    rule: 'input.null-removed',
    ...input(obj({ a: z.string().nullable() }), obj({ a: z.string() })),
    part: 'input',
    pointer: '/properties/a',
  },
  {
    rule: 'input.null-added',
    ...input(obj({ a: z.string() }), obj({ a: z.string().nullable() })),
    part: 'input',
    pointer: '/properties/a',
  },
  {
    rule: 'input.enum-narrowed',
    ...input(obj({ a: z.enum(['x', 'y']) }), obj({ a: z.enum(['x']) })),
    part: 'input',
    pointer: '/properties/a',
  },
  {
    rule: 'input.enum-widened',
    ...input(obj({ a: z.enum(['x']) }), obj({ a: z.enum(['x', 'y']) })),
    part: 'input',
    pointer: '/properties/a',
  },
  {
    rule: 'input.range-narrowed',
    ...input(obj({ a: z.number().max(100) }), obj({ a: z.number().max(50) })),
    part: 'input',
    pointer: '/properties/a/maximum',
  },
  {
    rule: 'input.range-narrowed',
    ...input(obj({ a: z.string() }), obj({ a: z.string().min(3) })),
    part: 'input',
    pointer: '/properties/a/minLength',
  },
  {
    rule: 'input.range-narrowed',
    ...input(obj({ a: z.string() }), obj({ a: z.email() })),
    part: 'input',
    pointer: '/properties/a/pattern',
    also: ['input.range-narrowed'], // and its format
  },
  {
    rule: 'input.range-widened',
    ...input(obj({ a: z.array(z.string()).max(3) }), obj({ a: z.array(z.string()).max(5) })),
    part: 'input',
    pointer: '/properties/a/maxItems',
  },
  {
    rule: 'input.constraint-changed',
    ...input(obj({ a: z.string().regex(/^a/) }), obj({ a: z.string().regex(/^b/) })),
    part: 'input',
    pointer: '/properties/a/pattern',
  },
  {
    rule: 'input.made-strict',
    ...input(obj({ a: z.string() }), z.strictObject({ a: z.string() })),
    part: 'input',
    pointer: '/additionalProperties',
  },
  {
    rule: 'input.made-lenient',
    ...input(z.strictObject({ a: z.string() }), obj({ a: z.string() })),
    part: 'input',
    pointer: '/additionalProperties',
  },
  {
    rule: 'input.variant-removed',
    ...input(z.discriminatedUnion('k', [...AB]), z.discriminatedUnion('k', [AB[0]])),
    part: 'input',
    pointer: '/oneOf/1',
  },
  {
    rule: 'input.variant-removed',
    ...input(z.discriminatedUnion('k', [...AB]), z.discriminatedUnion('k', [AB[0], obj({ k: z.literal('c') })])),
    part: 'input',
    pointer: '/oneOf/1',
    also: ['input.variant-added'],
  },
  {
    rule: 'input.variant-added',
    ...input(z.union([AB[0], z.array(z.string())]), z.union([AB[0], z.array(z.string()), z.boolean()])),
    part: 'input',
    pointer: '/anyOf/2',
  },
  {
    rule: 'input.unrecognized',
    before: { fn: { 1: { input: { json: { type: 'string' } } } } },
    after: { fn: { 1: { input: { json: { type: 'string', not: { const: '' } } } } } },
    part: 'input',
    pointer: '/not',
  },
  {
    rule: 'output.field-added',
    ...output(obj({ a: z.string() }), obj({ a: z.string(), b: z.number() })),
    part: 'output',
    pointer: '/properties/b',
  },
  {
    rule: 'output.field-removed',
    ...output(obj({ a: z.string(), b: z.number() }), obj({ a: z.string() })),
    part: 'output',
    pointer: '/properties/b',
  },
  {
    rule: 'output.field-made-optional',
    ...output(obj({ a: z.string() }), obj({ a: z.string().optional() })),
    part: 'output',
    pointer: '/properties/a',
  },
  {
    rule: 'output.field-made-required',
    ...output(obj({ a: z.string().optional() }), obj({ a: z.string() })),
    part: 'output',
    pointer: '/properties/a',
  },
  {
    rule: 'output.type-widened',
    ...output(obj({ a: z.number().int() }), obj({ a: z.number() })),
    part: 'output',
    pointer: '/properties/a',
  },
  {
    rule: 'output.type-narrowed',
    ...output(obj({ a: z.union([z.string(), z.number()]) }), obj({ a: z.string() })),
    part: 'output',
    pointer: '/properties/a',
  },
  {
    rule: 'output.type-changed',
    ...output(obj({ a: z.boolean() }), obj({ a: z.string() })),
    part: 'output',
    pointer: '/properties/a',
  },
  {
    rule: 'output.null-added',
    ...output(obj({ a: z.string() }), obj({ a: z.string().nullable() })),
    part: 'output',
    pointer: '/properties/a',
  },
  {
    rule: 'output.null-removed',
    ...output(obj({ a: obj({ b: z.string() }).nullable() }), obj({ a: obj({ b: z.string() }) })),
    part: 'output',
    pointer: '/properties/a',
  },
  {
    rule: 'output.enum-widened',
    ...output(obj({ s: z.enum(['active', 'archived']) }), obj({ s: z.enum(['active', 'archived', 'deleted']) })),
    part: 'output',
    pointer: '/properties/s',
  },
  {
    rule: 'output.enum-narrowed',
    ...output(obj({ s: z.union([z.literal('a'), z.literal('b')]) }), obj({ s: z.literal('a') })),
    part: 'output',
    pointer: '/properties/s',
  },
  {
    rule: 'output.range-widened',
    ...output(obj({ n: z.number().min(1) }), obj({ n: z.number().min(0) })),
    part: 'output',
    pointer: '/properties/n/minimum',
  },
  {
    rule: 'output.range-narrowed',
    ...output(obj({ n: z.number() }), obj({ n: z.number().lt(10) })),
    part: 'output',
    pointer: '/properties/n/exclusiveMaximum',
  },
  {
    rule: 'output.constraint-changed',
    ...output(obj({ n: z.number().multipleOf(2) }), obj({ n: z.number().multipleOf(3) })),
    part: 'output',
    pointer: '/properties/n/multipleOf',
  },
  {
    rule: 'output.variant-added',
    ...output(z.discriminatedUnion('k', [AB[0]]), z.discriminatedUnion('k', [...AB])),
    part: 'output',
    pointer: '/oneOf/1',
  },
  {
    rule: 'output.variant-removed',
    ...output(z.union([obj({ a: z.string() }), z.array(z.string())]), obj({ a: z.string() })),
    part: 'output',
    pointer: '/anyOf/1',
  },
  {
    rule: 'output.unrecognized',
    before: { fn: { 1: { output: { json: { type: 'object', patternProperties: { '^x': {} } } } } } },
    after: { fn: { 1: { output: { json: { type: 'object', patternProperties: { '^y': {} } } } } } },
    part: 'output',
    pointer: '/patternProperties',
  },
  {
    rule: 'output.range-widened',
    ...errorData(obj({ id: z.number().max(10) }), obj({ id: z.number() })),
    part: 'errors.Oops.data',
    pointer: '/properties/id/maximum',
  },
  {
    rule: 'output.field-removed',
    ...errorData(obj({ id: z.number(), why: z.string() }), obj({ id: z.number() })),
    part: 'errors.Oops.data',
    pointer: '/properties/why',
  },
  {
    rule: 'errors.removed',
    before: { fn: { 1: { errors: { Oops: obj({}) } } } },
    after: { fn: { 1: {} } },
    part: 'errors.Oops',
    pointer: '',
  },
  {
    rule: 'errors.renamed',
    before: { fn: { 1: { errors: { Oops: obj({ id: z.number() }) } } } },
    after: { fn: { 1: { errors: { Whoops: obj({ id: z.number() }) } } } },
    part: 'errors.Oops',
    pointer: '',
  },
  {
    rule: 'errors.added',
    before: { fn: { 1: {} } },
    after: { fn: { 1: { errors: { Oops: obj({}) } } } },
    part: 'errors.Oops',
    pointer: '',
  },
  {
    rule: 'idempotency.lost',
    before: { fn: { 1: { idempotent: true } } },
    after: { fn: { 1: { idempotent: false } } },
    part: 'idempotent',
    pointer: '',
  },
  {
    rule: 'idempotency.gained',
    before: { fn: { 1: { idempotent: false } } },
    after: { fn: { 1: { idempotent: true } } },
    part: 'idempotent',
    pointer: '',
  },
  { rule: 'function.added', before: { fn: { 1: {} } }, after: { fn: { 1: {} }, other: { 1: {} } }, part: '' },
  { rule: 'function.removed', before: { fn: { 1: {} }, other: { 1: {} } }, after: { fn: { 1: {} } }, part: '' },
  {
    rule: 'function.major-added',
    before: { fn: { 1: {} } },
    after: { fn: { 2: {}, 1: { current: false } } },
    part: '',
  },
  {
    rule: 'function.major-removed',
    before: { fn: { 2: {}, 1: { current: false } } },
    after: { fn: { 2: {} } },
    part: '',
  },
  {
    rule: 'function.major-removed-while-called',
    before: { fn: { 2: {}, 1: { current: false } } },
    after: { fn: { 2: {} } },
    callers: [{ caller: 'orders.create', function: 'fn', entry: 'shop.fn@v1', pinnedMajor: 1 }],
    part: '',
  },
  {
    rule: 'function.major-removed-while-called',
    before: { fn: { 1: {} } },
    after: { fn: { 2: {} } },
    callers: [{ caller: 'orders.create', function: 'fn', entry: 'shop.fn', pinnedMajor: undefined }],
    part: '',
    also: ['function.major-added'],
  },
];

describe('the rules table, one case per rule', () => {
  it('covers every rule of the table', () => {
    expect(new Set(CASES.map((c) => c.rule))).toEqual(new Set(RULES.map((r) => r.id)));
  });

  it.each(CASES.map((c, i) => [`${c.rule} (${i})`, c] as const))('%s', (_name, c) => {
    const differences = compareLocks(lock(c.before), lock(c.after), { callers: c.callers ?? [] });
    const rule = RULES.find((r) => r.id === c.rule)!;

    expect(differences.map((d) => d.rule)).toEqual([c.rule, ...(c.also ?? [])]);
    const [d] = differences;
    expect(d!.verdict).toBe(rule.verdict);
    if (c.part !== undefined) expect(d!.part).toBe(c.part);
    if (c.pointer !== undefined) expect(d!.pointer).toBe(c.pointer);
    expect(d!.fix === undefined).toBe(rule.verdict === 'safe');
  });
});

describe('what is not a difference', () => {
  it('the same contract, descriptions and examples aside, makes no difference', () => {
    const before = lock({ fn: { 1: { input: obj({ a: z.string() }), output: obj({ b: z.number() }) } } });
    const after = lock({
      fn: {
        1: { input: obj({ a: z.string().describe('the a') }), output: obj({ b: z.number().meta({ examples: [1] }) }) },
      },
    });

    expect(compareLocks(before, after)).toEqual([]);
  });

  it('an output that refuses unknown fields or accepts them is the same to callers', () => {
    const before = lock({ fn: { 1: { output: { json: { type: 'object', additionalProperties: false } } } } });
    const after = lock({ fn: { 1: { output: { json: { type: 'object' } } } } });

    expect(compareLocks(before, after)).toEqual([]);
  });

  it('a major that moved from current to older, unchanged, makes no difference', () => {
    const before = lock({ fn: { 1: { input: obj({ a: z.string() }) } } });
    const after = lock({
      fn: { 2: { input: obj({ b: z.string() }) }, 1: { input: obj({ a: z.string() }), current: false } },
    });

    expect(compareLocks(before, after).map((d) => d.rule)).toEqual(['function.major-added']);
  });

  it('the functions whose contract did not load are not compared (not called removed)', () => {
    const before = lock({ fn: { 1: {} }, broken: { 1: {} } });
    const after = lock({ fn: { 1: {} } });

    expect(compareLocks(before, after, { unknown: new Map([['broken', new Set([1])]]) })).toEqual([]);
  });
});
