/**
 * Shared types of the local Lambda service: what the front door, the Invoke API, the pool and the
 * environments exchange. See docs/design/local-runtime.md.
 */

export type { FunctionVersion, LocalFunction } from '@lambdaport/config';

import type { LocalFunction } from '@lambdaport/config';

/** One invocation handed to the pool. */
export interface InvocationRequest {
  readonly requestId: string;
  /** The raw payload bytes (already checked to be JSON by the Invoke API). */
  readonly payload: Buffer;
  /** The `X-Amz-Client-Context` header as sent (base64 of JSON), if any. */
  readonly clientContext: string | undefined;
  /** The ARN the caller used, with qualifier when one was given. */
  readonly invokedFunctionArn: string;
  /** Capture the invocation's log for `X-Amz-Log-Result`. */
  readonly tail: boolean;
}

/** What came back from one invocation. */
export interface InvocationResult {
  /** The response bytes: the function's result, or the error JSON when `functionError` is set. */
  readonly payload: Buffer;
  /** `Unhandled` when the function failed (threw, timed out, crashed, response too large). */
  readonly functionError: 'Unhandled' | undefined;
  /** The version that ran (`$LATEST` or a number). */
  readonly executedVersion: string;
  /** The invocation's log lines (START..REPORT), only when `tail` was asked. */
  readonly log: string | undefined;
}

/**
 * Thrown by the pool when the function's reserved concurrency is used up: a throttle. The Invoke API answers it
 * 429 `TooManyRequestsException` with `Reason`, Function URLs 429, async invocations retry it. Recognise it with
 * `instanceof ConcurrencyLimitError` (its `name` is its own, not the AWS error type).
 *
 * @example
 * if (reserved !== undefined && inFlight >= reserved) throw new ConcurrencyLimitError(fn.arn);
 */
export class ConcurrencyLimitError extends Error {
  override readonly name = 'ConcurrencyLimitError';
  /** The `Reason` of the 429 answer. */
  readonly reason = 'ReservedFunctionConcurrentInvocationLimitExceeded';
  constructor(readonly functionArn: string) {
    super(`Rate Exceeded: the reserved concurrency of ${functionArn} is used up.`);
  }
}

/** Runs invocations of the functions: one pool of execution environments per function version. */
export interface Invoker {
  invoke(fn: LocalFunction, version: string, request: InvocationRequest): Promise<InvocationResult>;
}
