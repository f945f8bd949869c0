/**
 * The registry's contract: friendly name and major version → what to pass to Lambda's Invoke.
 */

/** Where a name was resolved: what to pass as `FunctionName` and `Qualifier`. */
export interface ResolvedFunction {
  /** The friendly name asked for: `records.get`. */
  readonly name: string;
  /** The contract's major version asked for. */
  readonly version: number;
  /** The deployed function's name or ARN, passed as `FunctionName`. */
  readonly functionName: string;
  /** The `Qualifier` to pass (`v2`), or undefined when `functionName` already carries one. */
  readonly qualifier: string | undefined;
  /** What resolved it: `ssm`, `static` or `env`. */
  readonly source: 'ssm' | 'static' | 'env';
  /** The SSM parameter, map key or environment variable the value came from. */
  readonly parameter: string;
}

/** Options of one resolution. */
export interface ResolveOptions {
  /** Stops waiting (for a first load from SSM, for instance). */
  signal?: AbortSignal;
}

/**
 * Resolves friendly names to deployed functions. `resolve` may answer synchronously when the answer is cached
 * (the client's hot path then allocates no promise).
 *
 * @example
 * const target = await registry.resolve('records.get', 1);
 * // { functionName: 'arn:aws:lambda:us-east-1:000000000000:function:dev-records-get-1a2b3c', qualifier: 'v1', ... }
 */
export interface Registry {
  resolve(name: string, version: number, options?: ResolveOptions): ResolvedFunction | Promise<ResolvedFunction>;
  /**
   * Lambda said the resolved function does not exist (redeployed under another name?): look again soon. The client
   * calls it on `ResourceNotFoundException`; the current answer keeps being served until a reload succeeds.
   */
  invalidate?(name: string): void;
}
