/** Errors as the managed Node.js runtime serialises them (`errorType`, `errorMessage`, `trace`). Builtins only. */
import type { ErrorPayload } from './types.cjs';

/** An `Error`, or an object that looks like one (from another realm, or made by hand). */
function isErrorLike(value: unknown): value is Error {
  if (value instanceof Error) return true;
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.name === 'string' && typeof v.message === 'string' && typeof v.stack === 'string';
}

/**
 * The payload of something thrown: `errorType` is an error's `name` (for anything else, its `typeof`), `trace` its
 * stack's lines.
 *
 * @example
 * toPayload(new TypeError('bad')); // { errorType: 'TypeError', errorMessage: 'bad', trace: ['TypeError: bad', '    at ...'] }
 * toPayload('oops');               // { errorType: 'string', errorMessage: 'oops', trace: [] }
 */
function toPayload(error: unknown): ErrorPayload {
  try {
    if (isErrorLike(error)) {
      return {
        errorType: String(error.name),
        errorMessage: String(error.message),
        trace: String(error.stack ?? '').split('\n'),
      };
    }
    return { errorType: typeof error, errorMessage: String(error), trace: [] };
  } catch {
    return {
      errorType: 'handled',
      errorMessage:
        'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack',
      trace: [],
    };
  }
}

/**
 * A runtime error (`Runtime.ImportModuleError`...) wrapping the original one, as the managed runtime does: its own
 * first line, then the frames of the cause.
 *
 * @example
 * runtimeError('Runtime.HandlerNotFound', 'index.nope is undefined or not exported');
 */
function runtimeError(errorType: string, errorMessage: string, cause?: unknown): ErrorPayload {
  const frames = isErrorLike(cause)
    ? String(cause.stack ?? '')
        .split('\n')
        .slice(1)
    : [];
  return { errorType, errorMessage, trace: [`${errorType}: ${errorMessage}`, ...frames] };
}

export = { runtimeError, toPayload };
