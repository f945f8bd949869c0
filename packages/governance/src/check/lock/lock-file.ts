/**
 * The lock file (`lambdaport.lock.json`, one per service dir, committed): what callers rely on, per function and per
 * API major served: the contract's name and version, its idempotency, and the JSON Schemas of its input, output and
 * each declared error's data. `lambdaport check` compares the current contracts with it; `--update` rewrites it.
 */
import path from 'node:path';
import type { LoadedContract } from '../../contracts/types.js';
import type { JsonSchema } from '../schema-diff/types.js';

/** The lock file's name in a service dir. */
export const LOCK_FILE_NAME = 'lambdaport.lock.json';

/** The format of the lock file; a later format gets a new number. */
export const LOCKFILE_VERSION = 1;

/** One API major of one function, as callers rely on it. */
export interface LockedMajor {
  /** The contract's own name (`records.get`; `records.getUrl` serves it too). */
  readonly contract: string;
  /** The contract's `version`: the major. */
  readonly version: number;
  /** True for the major the function's canonical name serves (`version`); false for an older one (`versions`). */
  readonly current: boolean;
  readonly idempotent: boolean;
  /** What callers may send (JSON Schema, input form). */
  readonly input: JsonSchema;
  /** What callers receive (JSON Schema, output form). */
  readonly output: JsonSchema;
  /** Each declared error by name, with the JSON Schema of its data (output form). */
  readonly errors: { readonly [name: string]: { readonly data: JsonSchema } };
}

/** A service's lock file. */
export interface ServiceLock {
  readonly lockfileVersion: number;
  readonly service: string;
  /** Function key → major (as a string: `"1"`) → what is locked. */
  readonly functions: { readonly [fn: string]: { readonly [major: string]: LockedMajor } };
}

/**
 * The path of a service dir's lock file.
 *
 * @example
 * lockFilePath('examples/records') // 'examples/records/lambdaport.lock.json'
 */
export function lockFilePath(dir: string): string {
  return path.join(dir, LOCK_FILE_NAME);
}

/**
 * The lock a service's loaded contracts make (the functions in config order, majors in ascending order).
 *
 * @example
 * const lock = lockOf('records', contracts.filter((c) => c.service === 'records'));
 */
export function lockOf(service: string, contracts: readonly LoadedContract[]): ServiceLock {
  const functions: Record<string, Record<string, LockedMajor>> = {};
  for (const c of contracts) {
    if (c.service !== service) continue;
    functions[c.function] ??= {};
    functions[c.function]![String(c.major)] = {
      contract: c.contractName,
      version: c.version,
      current: c.current,
      idempotent: c.idempotent,
      input: withoutDialect(c.inputSchema),
      output: withoutDialect(c.outputSchema),
      errors: Object.fromEntries(c.errors.map((e) => [e.name, { data: withoutDialect(e.dataSchema) }])),
    };
  }
  return { lockfileVersion: LOCKFILE_VERSION, service, functions };
}

/** A schema without its `$schema` (the same dialect everywhere: noise in a diff). */
function withoutDialect(schema: { readonly [key: string]: unknown }): JsonSchema {
  const { $schema: _dialect, ...rest } = schema;
  return rest;
}

/**
 * The text of a lock file: JSON, two-space indented, ending with a newline (stable, so a change shows as a small
 * diff in review).
 *
 * @example
 * await writeFile(lockFilePath(dir), serializeLock(lock));
 */
export function serializeLock(lock: ServiceLock): string {
  const { lockfileVersion, service, functions } = lock;
  return `${JSON.stringify(
    {
      $comment:
        'Written by `lambdaport check --update`: the contracts this service serves, as its callers rely on them. Commit it; `lambdaport check` fails on a breaking change under the same major.',
      lockfileVersion,
      service,
      functions,
    },
    null,
    2,
  )}\n`;
}
