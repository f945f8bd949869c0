/**
 * Reading a lock file: parsed as JSON (a syntax error is reported with its line and column) and checked for shape
 * (each wrong place named), so a hand-edited or conflicted lock fails clearly.
 */
import type { JsonSchema } from '../schema-diff/types.js';
import { LOCKFILE_VERSION, type LockedMajor, type ServiceLock } from './lock-file.js';

/** A lock file that cannot be used: where, and what is wrong. */
export class LockFileError extends Error {
  override readonly name = 'LockFileError';
  /** The file (or `<ref>:<path>` for a lock read from git). */
  readonly file: string;

  constructor(file: string, message: string, options?: { cause?: unknown }) {
    super(`${file}: ${message}`, options);
    this.file = file;
  }
}

/**
 * Parses the text of a lock file read from `file` (used in messages only).
 *
 * @example
 * parseLock(await readFile('examples/records/lambdaport.lock.json', 'utf8'), 'examples/records/lambdaport.lock.json');
 */
export function parseLock(text: string, file: string): ServiceLock {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new LockFileError(file, `not JSON: ${syntaxMessage(text, error)}`, { cause: error });
  }
  const at = (where: string, expected: string, got: unknown): never => {
    throw new LockFileError(file, `${where}: expected ${expected}, got ${describe(got)}`);
  };
  if (!isRecord(value)) return at('the file', 'a JSON object (a lock file)', value);
  if (value.lockfileVersion !== LOCKFILE_VERSION) {
    return at(
      'lockfileVersion',
      `${LOCKFILE_VERSION} (rewrite it with \`lambdaport check --update\`)`,
      value.lockfileVersion,
    );
  }
  if (typeof value.service !== 'string') return at('service', 'the service name', value.service);
  if (!isRecord(value.functions)) return at('functions', 'an object of functions', value.functions);
  const functions: Record<string, Record<string, LockedMajor>> = {};
  for (const [fn, majors] of Object.entries(value.functions)) {
    if (!isRecord(majors)) return at(`functions.${fn}`, 'an object of majors ("1": {...})', majors);
    functions[fn] = {};
    for (const [major, entry] of Object.entries(majors)) {
      const where = `functions.${fn}.${major}`;
      if (!/^[1-9][0-9]*$/.test(major)) return at(where, 'a major number as the key ("1")', major);
      if (!isRecord(entry)) return at(where, 'an object', entry);
      if (typeof entry.contract !== 'string') return at(`${where}.contract`, 'the contract name', entry.contract);
      if (entry.version !== Number(major)) return at(`${where}.version`, `${major} (the major)`, entry.version);
      if (typeof entry.current !== 'boolean') return at(`${where}.current`, 'true or false', entry.current);
      if (typeof entry.idempotent !== 'boolean') return at(`${where}.idempotent`, 'true or false', entry.idempotent);
      for (const part of ['input', 'output'] as const) {
        if (!isSchema(entry[part])) return at(`${where}.${part}`, 'a JSON Schema (an object)', entry[part]);
      }
      if (!isRecord(entry.errors)) return at(`${where}.errors`, 'an object of errors', entry.errors);
      const errors: Record<string, { data: JsonSchema }> = {};
      for (const [name, error] of Object.entries(entry.errors)) {
        if (!isRecord(error) || !isSchema(error.data)) {
          return at(`${where}.errors.${name}`, '{ "data": <JSON Schema> }', error);
        }
        errors[name] = { data: error.data };
      }
      functions[fn][major] = {
        contract: entry.contract,
        version: entry.version,
        current: entry.current,
        idempotent: entry.idempotent,
        input: entry.input as JsonSchema,
        output: entry.output as JsonSchema,
        errors,
      };
    }
  }
  return { lockfileVersion: LOCKFILE_VERSION, service: value.service, functions };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'boolean' || isRecord(value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/**
 * JSON.parse's complaint with a line and column: Node 20 says "at position N", later Nodes say "(line L column C)"
 * themselves.
 */
function syntaxMessage(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/line \d+ column \d+/.test(message)) return message;
  const position = /at position (\d+)/.exec(message);
  if (position === null) {
    return text.trim() === '' ? `${message} (the file is empty)` : message;
  }
  const offset = Number(position[1]);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `${message} (line ${line} column ${column})`;
}
