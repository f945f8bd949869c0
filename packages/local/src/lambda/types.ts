/**
 * Shared types of the local Lambda service: what the front door, the Invoke API, the pool and the
 * environments exchange. See docs/design/local-runtime.md.
 */

/** One deployable unit: a function at one version, resolved from the config. */
export interface FunctionVersion {
  /** `$LATEST` or a published version number as a string ("1", "2"). */
  readonly version: string;
  readonly runtime: 'nodejs' | 'provided';
  /** nodejs: `path/file.ts#export` relative to the service dir; provided: path of the executable bootstrap. */
  readonly handler: string;
  readonly environment: Readonly<Record<string, string>>;
  readonly description: string;
}

/** A function as the local Lambda service knows it. */
export interface LocalFunction {
  /** Friendly name within the service: `get`. */
  readonly name: string;
  readonly service: string;
  readonly stage: string;
  readonly region: string;
  readonly accountId: string;
  /** `<stage>-<service>-<function>-<6-char hash>`. */
  readonly deployedName: string;
  /** `arn:aws:lambda:<region>:<account>:function:<deployedName>`. */
  readonly arn: string;
  /** Absolute path of the service dir (where its config lives). */
  readonly dir: string;
  readonly timeoutSeconds: number;
  readonly memorySize: number;
  readonly reservedConcurrency: number | undefined;
  readonly url: { readonly authType: 'NONE' | 'AWS_IAM' } | undefined;
  readonly description: string;
  /** `$LATEST` plus any published versions, keyed by version string. */
  readonly versions: ReadonlyMap<string, FunctionVersion>;
  /** Aliases (`v1`, `v2`) → version string. */
  readonly aliases: ReadonlyMap<string, string>;
  /**
   * The Lambda runtime the config names (`runtime`): `nodejs22.x` / `nodejs24.x` run on that Node major locally
   * (see environments/node-binaries.ts); undefined (or any other value) runs Node code on the Node running lambdaport.
   */
  readonly lambdaRuntime?: string | undefined;
}

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
