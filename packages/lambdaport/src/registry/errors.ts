/**
 * The registry's errors: a name that resolves to nothing, and SSM unreachable with nothing cached.
 */
import { LambdaportError } from '../errors.js';

/**
 * No deployed function is registered under a friendly name. `parameter` is what was looked up:
 * an SSM parameter (`/lambdaport/dev/records/nope`), a static map key or an environment variable.
 *
 * @example
 * if (FunctionNotRegisteredError.is(e)) console.error(`Deploy it, or set ${e.parameter}`);
 */
export class FunctionNotRegisteredError extends LambdaportError {
  static override readonly errorName = 'FunctionNotRegisteredError';
  readonly functionName: string;
  readonly version: number;
  readonly parameter: string;

  constructor(
    functionName: string,
    version: number,
    parameter: string,
    detail?: string,
    options?: { cause?: unknown },
  ) {
    super(
      `No function registered for ${functionName} (v${version}): ${parameter} not found${detail ? ` (${detail})` : ''}`,
      options,
    );
    this.functionName = functionName;
    this.version = version;
    this.parameter = parameter;
  }
}

/**
 * The registry could not load a path (SSM unreachable, access denied, ...) and had no earlier value to serve.
 * SSM's own error is the `cause`.
 *
 * @example
 * if (RegistryUnavailableError.is(e)) console.error(e.path, e.cause);
 */
export class RegistryUnavailableError extends LambdaportError {
  static override readonly errorName = 'RegistryUnavailableError';
  readonly functionName: string;
  readonly version: number;
  readonly path: string;
  readonly parameter: string;

  constructor(functionName: string, version: number, path: string, parameter: string, options?: { cause?: unknown }) {
    const reason = options?.cause instanceof Error ? `: ${options.cause.name}: ${options.cause.message}` : '';
    super(
      `Cannot resolve ${functionName} (v${version}): loading SSM path ${path} for ${parameter} failed and nothing is cached${reason}`,
      options,
    );
    this.functionName = functionName;
    this.version = version;
    this.path = path;
    this.parameter = parameter;
  }
}
