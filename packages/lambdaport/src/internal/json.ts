/**
 * JSON helpers for request bodies.
 */
import { InvalidRequestError } from '../errors.js';

/**
 * Parses JSON text, or throws an `InvalidRequestError` whose issue names `where` (such as `body`).
 * `JSON.parse` makes `__proto__` an own property, never a prototype; schemas then copy only known keys.
 */
export function parseJsonOrThrow(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidRequestError([{ path: where, message: `Expected JSON: ${(error as Error).message}` }]);
  }
}

/** True when a `content-type` header names JSON (`application/json`, `application/problem+json`, ...). */
export function isJsonContentType(value: string | undefined): boolean {
  if (!value) return false;
  const type = value.split(';', 1)[0]!.trim().toLowerCase();
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}
