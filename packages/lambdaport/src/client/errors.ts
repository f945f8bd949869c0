/**
 * The client's errors. Each names the function (friendly name) and the version it was calling, as fields and in its
 * message. Errors decoded from the callee (typed contract errors, `InvalidRequestError`, `RemoteFunctionError`) are
 * the core's classes; their origin is attached and read with `originOf()`.
 */
import { LambdaportError } from '../errors.js';

/** Which function a call was for, and what it resolved to. */
export interface ErrorOrigin {
  /** The friendly name: `records.get`. */
  readonly functionName: string;
  /** The contract's major version. */
  readonly version: number;
  /** The deployed function name or ARN invoked, once resolved. */
  readonly target?: string | undefined;
  /** The `Qualifier` sent (`v1`), when one was. */
  readonly qualifier?: string | undefined;
  /** The registry entry it came from (an SSM parameter, a map key, an environment variable). */
  readonly parameter?: string | undefined;
  /** The version that ran (`X-Amz-Executed-Version`), when the callee answered. */
  readonly executedVersion?: string | undefined;
}

const ORIGIN = Symbol.for('lambdaport.errorOrigin');

/**
 * The function and version an error thrown by a lambdaport client came from.
 *
 * @example
 * catch (e) { if (RecordNotFound.is(e)) log.warn('not found', originOf(e)); }
 */
export function originOf(error: unknown): ErrorOrigin | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const origin = (error as Record<symbol, unknown>)[ORIGIN];
  return typeof origin === 'object' && origin !== null ? (origin as ErrorOrigin) : undefined;
}

/** Attaches `origin` to `error` (non-enumerable, so logs and `toJSON()` are unchanged) and returns the error. */
export function withOrigin<E>(error: E, origin: ErrorOrigin): E {
  if (typeof error === 'object' && error !== null && Object.isExtensible(error)) {
    Object.defineProperty(error, ORIGIN, { value: origin, enumerable: false, configurable: true, writable: true });
  }
  return error;
}

/** `records.get v1` (`→ arn:...:v1` once resolved). */
export function describeOrigin(origin: ErrorOrigin): string {
  const target = origin.target
    ? ` → ${origin.target}${origin.qualifier ? ` (qualifier ${origin.qualifier})` : ''}`
    : '';
  return `${origin.functionName} v${origin.version}${target}`;
}

/**
 * The base of the errors a client makes itself: `functionName`, `version` and `target` say which call failed.
 *
 * @example
 * if (InvocationError.is(e)) console.error(e.code, e.functionName, e.version);
 */
export class InvocationError extends LambdaportError {
  static override readonly errorName: string = 'InvocationError';
  readonly functionName: string;
  readonly version: number;
  readonly target: string | undefined;

  constructor(origin: ErrorOrigin, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.functionName = origin.functionName;
    this.version = origin.version;
    this.target = origin.target;
    withOrigin(this, origin);
  }

  override toJSON() {
    return {
      ...super.toJSON(),
      data: { functionName: this.functionName, version: this.version, target: this.target },
    };
  }
}

/**
 * Lambda throttled the call (`TooManyRequestsException`, 429) and the retries allowed by the deadline ran out.
 *
 * @example
 * if (ThrottledError.is(e)) setTimeout(again, (e.retryAfter ?? 1) * 1000);
 */
export class ThrottledError extends InvocationError {
  static override readonly errorName = 'ThrottledError';
  /** Seconds Lambda asked the caller to wait, when it said. */
  readonly retryAfter: number | undefined;
  /** Lambda's reason, such as `ReservedFunctionConcurrentInvocationLimitExceeded`. */
  readonly reason: string | undefined;

  constructor(origin: ErrorOrigin, details: { retryAfter?: number; reason?: string }, options?: { cause?: unknown }) {
    const after = details.retryAfter !== undefined ? `; retry after ${details.retryAfter} s` : '';
    super(
      origin,
      `${describeOrigin(origin)} was throttled${details.reason ? ` (${details.reason})` : ''}${after}`,
      options,
    );
    this.retryAfter = details.retryAfter;
    this.reason = details.reason;
  }
}

/**
 * Lambda has no such function or qualifier (`ResourceNotFoundException`, 404): the message names the friendly name,
 * the ARN it resolved to and where that came from.
 *
 * @example
 * if (FunctionNotFoundError.is(e)) console.error(e.target, e.parameter);
 */
export class FunctionNotFoundError extends InvocationError {
  static override readonly errorName = 'FunctionNotFoundError';
  readonly qualifier: string | undefined;
  readonly parameter: string | undefined;

  constructor(origin: ErrorOrigin, options?: { cause?: unknown }) {
    const from = origin.parameter ? ` (resolved from ${origin.parameter})` : '';
    super(
      origin,
      `Function not found: ${origin.functionName} v${origin.version} resolved to ${origin.target ?? '?'}${
        origin.qualifier ? ` with qualifier ${origin.qualifier}` : ''
      }${from}, which Lambda does not know`,
      options,
    );
    this.qualifier = origin.qualifier;
    this.parameter = origin.parameter;
  }
}

/**
 * The request payload is over Lambda's limit (6,291,456 bytes synchronous, 1,048,576 bytes `Event`). Checked before
 * anything is sent; a 413 from Lambda maps here too.
 *
 * @example
 * if (PayloadTooLargeError.is(e)) console.error(e.size, e.limit);
 */
export class PayloadTooLargeError extends InvocationError {
  static override readonly errorName = 'PayloadTooLargeError';
  readonly size: number | undefined;
  readonly limit: number;

  constructor(origin: ErrorOrigin, details: { size?: number; limit: number }, options?: { cause?: unknown }) {
    super(
      origin,
      `Payload to ${describeOrigin(origin)} is too large${details.size !== undefined ? `: ${details.size} bytes` : ''} (limit ${details.limit} bytes)`,
      options,
    );
    this.size = details.size;
    this.limit = details.limit;
  }
}

/**
 * The call's deadline passed (its `timeoutMs`, or the caller's remaining Lambda time minus a margin).
 *
 * @example
 * if (DeadlineExceededError.is(e)) metrics.count('deadline', { fn: e.functionName });
 */
export class DeadlineExceededError extends InvocationError {
  static override readonly errorName = 'DeadlineExceededError';
  readonly timeoutMs: number;

  constructor(origin: ErrorOrigin, timeoutMs: number, options?: { cause?: unknown }) {
    super(origin, `${describeOrigin(origin)} did not answer within ${timeoutMs} ms`, options);
    this.timeoutMs = timeoutMs;
  }
}

/**
 * The caller's `signal` fired. Its reason is the `cause`.
 *
 * @example
 * if (InvocationAbortedError.is(e)) return; // the caller gave up
 */
export class InvocationAbortedError extends InvocationError {
  static override readonly errorName = 'InvocationAbortedError';

  constructor(origin: ErrorOrigin, options?: { cause?: unknown }) {
    super(origin, `Call to ${describeOrigin(origin)} was aborted by the caller`, options);
  }
}

/**
 * The circuit breaker of the target is open: the call failed fast, nothing was sent. Wraps cockatiel's error
 * (`cause`) and keeps its `isBrokenCircuitError` mark, so cockatiel's `isBrokenCircuitError()` recognises it.
 *
 * @example
 * if (BrokenCircuitError.is(e)) return fallback();
 */
export class BrokenCircuitError extends InvocationError {
  static override readonly errorName = 'BrokenCircuitError';
  readonly isBrokenCircuitError = true;

  constructor(origin: ErrorOrigin, options?: { cause?: unknown }) {
    super(origin, `Circuit open for ${describeOrigin(origin)}: recent calls failed, so this one was not sent`, options);
  }
}

/**
 * The bulkhead of the target is full (too many concurrent calls and a full queue): nothing was sent.
 *
 * @example
 * if (BulkheadRejectedError.is(e)) return busy();
 */
export class BulkheadRejectedError extends InvocationError {
  static override readonly errorName = 'BulkheadRejectedError';
  readonly isBulkheadRejectedError = true;

  constructor(origin: ErrorOrigin, options?: { cause?: unknown }) {
    super(origin, `Too many concurrent calls to ${describeOrigin(origin)}: the bulkhead rejected this one`, options);
  }
}

/**
 * Any other failure of the Invoke call itself: a Lambda service error (5xx, 403, ...) or a lost connection.
 * `sent` is false when the connection was never established (the request cannot have run).
 *
 * @example
 * if (LambdaServiceError.is(e)) console.error(e.awsErrorName, e.statusCode);
 */
export class LambdaServiceError extends InvocationError {
  static override readonly errorName: string = 'LambdaServiceError';
  readonly awsErrorName: string;
  readonly statusCode: number | undefined;
  readonly sent: boolean;

  constructor(
    origin: ErrorOrigin,
    details: { awsErrorName: string; statusCode?: number | undefined; sent: boolean; message: string },
    options?: { cause?: unknown },
  ) {
    const status = details.statusCode !== undefined ? ` (${details.statusCode})` : '';
    super(
      origin,
      `Invoking ${describeOrigin(origin)} failed: ${details.awsErrorName}${status}: ${details.message}`,
      options,
    );
    this.awsErrorName = details.awsErrorName;
    this.statusCode = details.statusCode;
    this.sent = details.sent;
  }
}

/** AWS's words in a denial: `User: <principal> is not authorized to perform: <action> on resource: <resource> …`. */
const DENIAL = /User: (\S+) is not authorized to perform: (\S+) on resource: (\S+)/;

/**
 * IAM refused the call (`AccessDeniedException`, 403): the caller's role may not perform `permission` on `resource`.
 * For a lambdaport function, the fix is a `calls` entry in its config (the local runtime's log names the file and key).
 * A `LambdaServiceError` too (status 403: never retried, not counted by the circuit breaker).
 *
 * @example
 * if (AccessDeniedError.is(e)) console.error(`${e.principal} lacks ${e.permission} on ${e.resource}`);
 */
export class AccessDeniedError extends LambdaServiceError {
  static override readonly errorName = 'AccessDeniedError';
  /** The IAM action that was denied: `lambda:InvokeFunction`. */
  readonly permission: string;
  /** The ARN it was denied on (an alias ARN when the call named one). */
  readonly resource: string | undefined;
  /** Who was denied: `arn:aws:sts::<account>:assumed-role/<role>/<function>`. */
  readonly principal: string | undefined;

  constructor(
    origin: ErrorOrigin,
    details: { message: string; statusCode?: number | undefined },
    options?: { cause?: unknown },
  ) {
    const match = DENIAL.exec(details.message);
    const permission = match?.[2] ?? 'lambda:InvokeFunction';
    super(
      origin,
      {
        awsErrorName: 'AccessDeniedException',
        statusCode: details.statusCode ?? 403,
        sent: true,
        message: `missing permission ${permission}${match ? ` on ${match[3]} for ${match[1]}` : ''}. ${details.message}`,
      },
      options,
    );
    this.permission = permission;
    this.resource = match?.[3];
    this.principal = match?.[1];
  }
}
