/**
 * Normalises anything thrown into a lambdaport error.
 */
import { InternalError, LambdaportError } from '../errors.js';

/**
 * Keeps lambdaport errors as they are; wraps anything else in an `InternalError` whose `cause` is the original.
 *
 * @example
 * catch (e) { const err = fromUnknown(e); console.log(err.code, err.message); }
 */
export function fromUnknown(value: unknown): LambdaportError {
  if (LambdaportError.is(value)) return value;
  if (value instanceof Error) return new InternalError(value.message, { cause: value });
  return new InternalError(typeof value === 'string' ? value : `Non-error thrown: ${safeString(value)}`, {
    cause: value,
  });
}

function safeString(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
