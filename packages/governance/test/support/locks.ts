/**
 * Locks made in tests from zod schemas, converted as the contracts loader converts them (the input as input, the
 * output and error data as output), so the check's tests run on real converter output without loading modules.
 */
import { z } from 'zod';
import { LOCKFILE_VERSION, type LockedMajor, type ServiceLock } from '../../src/check/lock/lock-file.js';
import type { JsonSchema } from '../../src/check/schema-diff/types.js';

/** A schema for a test: a zod schema, or a JSON Schema written out. */
export type TestSchema = z.ZodType | { readonly json: JsonSchema };

/** One major of a test contract; every key has a default. */
export interface TestMajor {
  readonly input?: TestSchema;
  readonly output?: TestSchema;
  readonly errors?: Readonly<Record<string, TestSchema>>;
  readonly idempotent?: boolean;
  readonly current?: boolean;
}

/** A schema as JSON Schema, converted like the loader does (`$schema` dropped, like the lock). */
export function jsonOf(schema: TestSchema, io: 'input' | 'output'): JsonSchema {
  if ('json' in schema) return schema.json;
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, target: 'draft-2020-12' }) as Record<
    string,
    unknown
  >;
  return rest;
}

/** One locked major. */
export function lockedMajor(major: number, m: TestMajor = {}): LockedMajor {
  return {
    contract: `shop.fn`,
    version: major,
    current: m.current ?? true,
    idempotent: m.idempotent ?? true,
    input: jsonOf(m.input ?? z.object({}), 'input'),
    output: jsonOf(m.output ?? z.object({}), 'output'),
    errors: Object.fromEntries(
      Object.entries(m.errors ?? {}).map(([name, s]) => [name, { data: jsonOf(s, 'output') }]),
    ),
  };
}

/**
 * A lock of service `shop`: function key → major → test contract.
 *
 * @example
 * lock({ get: { 1: { input: z.object({ id: z.number() }) } } })
 */
export function lock(functions: Record<string, Record<number, TestMajor>>): ServiceLock {
  return {
    lockfileVersion: LOCKFILE_VERSION,
    service: 'shop',
    functions: Object.fromEntries(
      Object.entries(functions).map(([fn, majors]) => [
        fn,
        Object.fromEntries(Object.entries(majors).map(([major, m]) => [major, lockedMajor(Number(major), m)])),
      ]),
    ),
  };
}
