/**
 * lambdaport's errors: one base class with a stable `name`, a stable string `code`, `cause` and `toJSON()`.
 *
 * An error's identity is a string literal written in its class (`static readonly errorName = 'ThrottledError'`),
 * never the class's runtime name: a user's bundler may minify `class ThrottledError` into `class e`, and the name is
 * the `errorType` on the Lambda wire. Errors are recognised by a brand (a global symbol holding the stable names of
 * their classes), not only by `instanceof`, so two bundled copies of lambdaport still understand each other's errors.
 */
import { describeIssues } from './internal/describe-issues.js';

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

/** A class of lambdaport errors, as `is()` sees it: its instances and its stable name. */
type ErrorKind<T> = (abstract new (...args: never[]) => T) & { readonly errorName: string };

/** The stable names of a class and of its lambdaport ancestors, base first, per class. */
const lineages = new WeakMap<object, readonly string[]>();

function lineageOf(kind: typeof LambdaportError): readonly string[] {
  const known = lineages.get(kind);
  if (known) return known;
  const names: string[] = [];
  for (let c: unknown = kind; typeof c === 'function'; c = Object.getPrototypeOf(c)) {
    if (Object.hasOwn(c, 'errorName')) names.unshift((c as typeof LambdaportError).errorName);
    if (c === LambdaportError) break;
  }
  const lineage = Object.freeze(names);
  lineages.set(kind, lineage);
  return lineage;
}

/**
 * The base of every error lambdaport throws. A subclass declares its stable name as a literal; its `code` is that
 * name without the `Error` suffix, and `is()` recognises it (and its subclasses) from any copy of lambdaport.
 *
 * @example
 * try { await records.invoke({ id: 1 }); }
 * catch (e) { if (LambdaportError.is(e)) console.log(e.name, e.code); }
 *
 * @example
 * class QuotaExceededError extends LambdaportError {
 *   static override readonly errorName = 'QuotaExceededError'; // name 'QuotaExceededError', code 'QuotaExceeded'
 * }
 */
export class LambdaportError extends Error {
  /**
   * The stable name of this class: the `name` of its errors and their `errorType` on the wire. Every subclass
   * declares its own as a string literal, so minifying a bundle cannot change it.
   */
  static readonly errorName: string = 'LambdaportError';

  /** The stable `code` of this class's errors: `errorName` without its `Error` suffix (`ThrottledError` → `Throttled`). */
  static get code(): string {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class asked (`ThrottledError.code`), not the base.
    return this.errorName.endsWith('Error') ? this.errorName.slice(0, -'Error'.length) : this.errorName;
  }

  /** A stable machine-readable code; never changes between releases. */
  readonly code: string;
  /** The stable names of this error's classes, base first: what `is()` reads, in this copy of lambdaport or another. */
  readonly [BRAND]: readonly string[];

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    const kind = new.target as unknown as typeof LambdaportError;
    this[BRAND] = lineageOf(kind);
    this.code = kind.code;
    Object.defineProperty(this, 'name', { value: kind.errorName, enumerable: false, configurable: true });
  }

  /**
   * True when `value` is an error of this class or of a subclass, from this copy of lambdaport or another
   * (`LambdaportError.is(e)`: any lambdaport error; `ThrottledError.is(e)`: a throttle).
   */
  static is<T extends LambdaportError>(this: ErrorKind<T>, value: unknown): value is T {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class asked (`ThrottledError.is`): one is() for all.
    const name: unknown = this?.errorName;
    if (typeof name !== 'string') {
      throw new TypeError(
        'is() reads the class it is called on: write `(e) => ThrottledError.is(e)`, not `ThrottledError.is`',
      );
    }
    if (typeof value !== 'object' || value === null) return false;
    const lineage = (value as Record<symbol, unknown>)[BRAND];
    return Array.isArray(lineage) && lineage.includes(name);
  }

  toJSON(): ErrorJSON {
    return { name: this.name, code: this.code, message: this.message };
  }
}

/** The shape both validation errors share: field-level `issues`, carried as `data` in `toJSON()`. */
abstract class IssuesError extends LambdaportError {
  readonly issues: readonly Issue[];

  constructor(prefix: string, issues: readonly Issue[], message?: string, options?: { cause?: unknown }) {
    super(message ?? describeIssues(prefix, issues), options);
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
  static override readonly errorName = 'InvalidRequestError';

  constructor(issues: readonly Issue[], message?: string, options?: { cause?: unknown }) {
    super('Invalid request', issues, message, options);
  }
}

/**
 * A function returned a value that does not match its contract's output schema.
 *
 * @example
 * if (InvalidResponseError.is(e)) console.error(e.issues);
 */
export class InvalidResponseError extends IssuesError {
  static override readonly errorName = 'InvalidResponseError';

  constructor(issues: readonly Issue[], message?: string, options?: { cause?: unknown }) {
    super('Invalid response', issues, message, options);
  }
}

/**
 * Anything thrown that is not a lambdaport error, normalised. The original is kept as `cause`.
 *
 * @example
 * throw new InternalError('The record store answered garbage', { cause: error });
 */
export class InternalError extends LambdaportError {
  static override readonly errorName = 'InternalError';
}

/** The body of a Lambda function error, as the Invoke API returns it with `X-Amz-Function-Error`. */
export interface FunctionErrorPayload {
  errorType: string;
  errorMessage: string;
  trace?: string[];
}

/** Where a decoded remote error came from. */
export interface ErrorSource {
  /** The friendly or deployed name the caller asked for. */
  functionName?: string;
  /** The version that ran (`X-Amz-Executed-Version`). */
  version?: string;
}

/**
 * A function error that is neither a declared contract error nor a validation failure:
 * `errorType`, `errorMessage` and `trace` as the Invoke API returned them.
 *
 * @example
 * if (RemoteFunctionError.is(e)) console.log(e.errorType, e.trace);
 */
export class RemoteFunctionError extends LambdaportError {
  static override readonly errorName = 'RemoteFunctionError';
  readonly errorType: string;
  readonly trace: readonly string[];
  readonly functionName: string | undefined;
  readonly version: string | undefined;

  constructor(payload: FunctionErrorPayload, source: ErrorSource = {}) {
    const where = source.functionName ? ` in ${source.functionName}${source.version ? `:${source.version}` : ''}` : '';
    super(`${payload.errorType}${where}: ${payload.errorMessage}`);
    this.errorType = payload.errorType;
    this.trace = payload.trace ?? [];
    this.functionName = source.functionName;
    this.version = source.version;
  }

  override toJSON() {
    return { ...super.toJSON(), data: { errorType: this.errorType, functionName: this.functionName } };
  }
}
