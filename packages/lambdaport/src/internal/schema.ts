/**
 * Standard Schema helpers: recognise a schema, validate with it, and turn its issues into lambdaport's `Issue`s.
 */
import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { Issue } from '../errors.js';
import type { AnySchema, InferOutput } from '../schema.js';

/** The outcome of `validate`. */
export type ValidationResult<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

/** True when `value` looks like a Standard Schema (has a `~standard` object with `validate`). */
export function isStandardSchema(value: unknown): value is AnySchema {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return false;
  const std = (value as { '~standard'?: { version?: unknown; validate?: unknown } })['~standard'];
  return typeof std === 'object' && std !== null && std.version === 1 && typeof std.validate === 'function';
}

/**
 * Formats a Standard Schema path as `items[0].id`.
 *
 * @example
 * formatPath(['items', 0, 'id']); // 'items[0].id'
 */
export function formatPath(path: StandardSchemaV1.Issue['path']): string {
  if (!path || path.length === 0) return '';
  let out = '';
  for (const segment of path) {
    const key = typeof segment === 'object' && segment !== null ? segment.key : segment;
    if (typeof key === 'number') out += `[${key}]`;
    else {
      const name = String(key);
      out += out === '' ? name : `.${name}`;
    }
  }
  return out;
}

/** A schema's issues as lambdaport `Issue`s (dotted paths). */
export function toIssues(issues: ReadonlyArray<StandardSchemaV1.Issue>): Issue[] {
  const out: Issue[] = [];
  for (const i of issues) out.push({ path: formatPath(i.path), message: i.message });
  return out;
}

/**
 * Validates `value` against `schema`. Synchronous schemas stay synchronous (no promise on the hot path).
 *
 * @example
 * const r = validate(z.object({ id: z.number() }), { id: 1 });
 * if (!r.ok) console.log(r.issues);
 */
export function validate<S extends AnySchema>(
  schema: S,
  value: unknown,
): ValidationResult<InferOutput<S>> | Promise<ValidationResult<InferOutput<S>>> {
  const result = schema['~standard'].validate(value);
  if (result instanceof Promise) return result.then(settle);
  return settle(result);
}

function settle<T>(result: StandardSchemaV1.Result<T>): ValidationResult<T> {
  if (result.issues) return { ok: false, issues: toIssues(result.issues) };
  return { ok: true, value: result.value };
}
