/**
 * A contract's examples (`defineFunction({ examples })`): typed by the schemas, shape always checked, validated against
 * the schemas where outputs are validated (development and tests), left alone in production.
 */
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { defineFunction, type FunctionExample } from '../../src/contract.js';
import type { StandardSchemaV1 } from '../../src/schema.js';

const base = {
  name: 'records.get',
  version: 1,
  description: 'Fetch one record by id.',
  input: z.object({ id: z.number().int() }),
  output: z.object({ id: z.number(), title: z.string() }),
} as const;

const saved = process.env.LAMBDAPORT_VALIDATE_OUTPUT;
afterEach(() => {
  if (saved === undefined) delete process.env.LAMBDAPORT_VALIDATE_OUTPUT;
  else process.env.LAMBDAPORT_VALIDATE_OUTPUT = saved;
});

describe('defineFunction examples', () => {
  it('keeps them on the contract, frozen, typed by the input and output schemas', () => {
    const contract = defineFunction({
      ...base,
      examples: [{ name: 'one that exists', input: { id: 1 }, output: { id: 1, title: 'Quarterly report' } }],
    });

    expect(contract.examples).toEqual([
      { name: 'one that exists', input: { id: 1 }, output: { id: 1, title: 'Quarterly report' } },
    ]);
    expect(Object.isFrozen(contract.examples) && Object.isFrozen(contract.examples[0])).toBe(true);
    expect(defineFunction(base).examples).toEqual([]);
    expectTypeOf(contract.examples).toEqualTypeOf<
      readonly FunctionExample<{ id: number }, { id: number; title: string }>[]
    >();
    expect(() =>
      // @ts-expect-error an input of the wrong type does not compile (and is refused when run here)
      defineFunction({ ...base, examples: [{ input: { id: 'one' } }] }),
    ).toThrow(/examples\[0\]\.input does not match its schema/);
  });

  it('refuses an example that does not match its schema, naming the example and the field, where outputs are validated', () => {
    process.env.LAMBDAPORT_VALIDATE_OUTPUT = '1';

    expect(() => defineFunction({ ...base, examples: [{ input: { id: 1.5 } }] })).toThrow(
      'defineFunction("records.get"): examples[0].input does not match its schema: id: Invalid input: expected int, received number',
    );
    expect(() =>
      defineFunction({ ...base, examples: [{ input: { id: 1 } }, { input: { id: 2 }, output: { id: 2 } as never }] }),
    ).toThrow(
      'defineFunction("records.get"): examples[1].output does not match its schema: title: Invalid input: expected string, received undefined',
    );
  });

  it('leaves the values to the tools in production (no cost at a cold start), but always checks the shape', () => {
    process.env.LAMBDAPORT_VALIDATE_OUTPUT = '0';

    expect(defineFunction({ ...base, examples: [{ input: { id: 1.5 } }] }).examples).toHaveLength(1);
    expect(() => defineFunction({ ...base, examples: {} as never })).toThrow(
      'defineFunction("records.get"): examples must be an array of { name?, input, output? }',
    );
    expect(() => defineFunction({ ...base, examples: [{ output: { id: 1, title: 'x' } } as never] })).toThrow(
      'defineFunction("records.get"): examples[0].input is missing: the payload a caller sends',
    );
    expect(() => defineFunction({ ...base, examples: [{ input: { id: 1 }, payload: 1 } as never] })).toThrow(
      'defineFunction("records.get"): examples[0]: unknown key "payload" (expected one of: name, input, output)',
    );
    expect(() => defineFunction({ ...base, examples: [{ name: '', input: { id: 1 } }] })).toThrow(
      'defineFunction("records.get"): examples[0].name must be a non-empty string',
    );
  });

  it('leaves an asynchronous schema to the tools, with no unhandled rejection', async () => {
    process.env.LAMBDAPORT_VALIDATE_OUTPUT = '1';
    const asyncSchema: StandardSchemaV1<{ id: number }> = {
      '~standard': { version: 1, vendor: 'test', validate: () => Promise.reject(new Error('async only')) },
    };
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      const contract = defineFunction({ ...base, input: asyncSchema, examples: [{ input: { id: 1 } }] });
      expect(contract.examples).toHaveLength(1);
      await new Promise((resolve) => setImmediate(resolve));
      expect(rejections).toEqual([]);
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });
});
