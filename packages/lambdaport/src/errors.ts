/**
 * lambdaport's errors: one base class with a stable string `code`, `cause` and `toJSON()`.
 *
 * Errors are recognised by a brand (a global symbol), not only by `instanceof`, so two bundled copies
 * of lambdaport still understand each other's errors.
 */

const BRAND = Symbol.for('lambdaport.error');

/** A field-level validation problem: `path` is a dotted path such as `items[0].id` (empty for the root). */
export interface Issue {
  readonly path: string;
  readonly message: string;
}

/** The JSON shape of every lambdaport error. */
export interface ErrorJSON {
  name: string;
  code: string;
  message: string;
  data?: unknown;
}

/**
 * The base of every error lambdaport throws.
 *
 * @example
 * try { await records.invoke({ id: 1 }); }
 * catch (e) { if (LambdaportError.is(e)) console.log(e.code); }
 */
export class LambdaportError extends Error {
  /** A stable machine-readable code; never changes between releases. */
  readonly code: string;
  readonly [BRAND] = true;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    Object.defineProperty(this, 'name', { value: new.target.name, enumerable: false, configurable: true });
  }

  /** True for any lambdaport error, from this copy of the library or another. */
  static is(value: unknown): value is LambdaportError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  toJSON(): ErrorJSON {
    return { name: this.name, code: this.code, message: this.message };
  }
}

/** The shape both validation errors share: field-level `issues`, carried as `data` in `toJSON()`. */
abstract class IssuesError extends LambdaportError {
  readonly issues: readonly Issue[];

  constructor(code: string, prefix: string, issues: readonly Issue[], message?: string, options?: { cause?: unknown }) {
    super(code, message ?? describeIssues(prefix, issues), options);
    this.issues = issues;
  }

  override toJSON(): ErrorJSON {
    return { ...super.toJSON(), data: { issues: this.issues } };
  }
}

/**
 * The input (or a response) did not match the contract's schema. `issues` names each bad field.
 *
 * @example
 * throw new InvalidRequestError([{ path: 'id', message: 'Expected integer' }]);
 */
export class InvalidRequestError extends IssuesError {
  static readonly code = 'InvalidRequest';

  constructor(issues: readonly Issue[], message?: string, options?: { cause?: unknown }) {
    super(InvalidRequestError.code, 'Invalid request', issues, message, options);
  }

  static override is(value: unknown): value is InvalidRequestError {
    return LambdaportError.is(value) && value.code === InvalidRequestError.code;
  }
}

/**
 * A function returned a value that does not match its contract's output schema.
 *
 * @example
 * if (InvalidResponseError.is(e)) console.error(e.issues);
 */
export class InvalidResponseError extends IssuesError {
  static readonly code = 'InvalidResponse';

  constructor(issues: readonly Issue[], message?: string, options?: { cause?: unknown }) {
    super(InvalidResponseError.code, 'Invalid response', issues, message, options);
  }

  static override is(value: unknown): value is InvalidResponseError {
    return LambdaportError.is(value) && value.code === InvalidResponseError.code;
  }
}

/**
 * Anything thrown that is not a lambdaport error, normalised. The original is kept as `cause`.
 *
 * @example
 * const e = fromUnknown(thrown); logger.error(e.message, { code: e.code });
 */
export class InternalError extends LambdaportError {
  static readonly code = 'Internal';
  constructor(message: string, options?: { cause?: unknown }) {
    super(InternalError.code, message, options);
  }
}

/**
 * Normalises anything thrown into a LambdaportError, keeping lambdaport errors as they are.
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

/** "Invalid request: id: Expected number; name: Required" (at most 5 issues named). */
export function describeIssues(prefix: string, issues: readonly Issue[]): string {
  if (issues.length === 0) return prefix;
  const shown = issues.slice(0, 5).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
  const more = issues.length > 5 ? `; and ${issues.length - 5} more` : '';
  return `${prefix}: ${shown.join('; ')}${more}`;
}
