/**
 * What kind of failure an error is, and the one log line each failed invocation gets.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { type AnyContract, ContractError } from '../contract.js';
import { InvalidRequestError, LambdaportError } from '../errors.js';
import { FAILURE_MESSAGE } from './defaults.js';
import type { Invocation } from './invocation.js';
import type { LambdaContext } from './lambda-context.js';

/** `invalid`: the input did not match; `declared`: one of the contract's errors; `unexpected`: anything else. */
export type FailureKind = 'invalid' | 'declared' | 'unexpected';

/** Sorts an error thrown by an invocation of `contract`. */
export function classify(error: unknown, contract: AnyContract): FailureKind {
  if (InvalidRequestError.is(error)) return 'invalid';
  if (ContractError.is(error)) {
    for (const declared of contract.errors) if (declared.errorName === error.name) return 'declared';
  }
  return 'unexpected';
}

/** The name and stable code of anything thrown. */
export function describeError(error: unknown): { name: string; code: string; message: string } {
  if (LambdaportError.is(error)) return { name: error.name, code: error.code, message: error.message };
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { name: error.name, code: typeof code === 'string' ? code : 'Internal', message: error.message };
  }
  return { name: 'NonError', code: 'Internal', message: `Non-error thrown: ${typeof error}` };
}

/** Details of a failed invocation, for its log line. */
export interface FailureInfo {
  readonly adapter: string;
  readonly contract: AnyContract;
  readonly kind: FailureKind;
  readonly ctx: Invocation;
  readonly context: LambdaContext | undefined;
  /** More keys for the line (an SQS message id, an HTTP route). */
  readonly extra?: Record<string, unknown>;
}

/**
 * Writes the one log line of a failed invocation: `warn` for bad input and declared errors, `error` with the
 * error itself (stack and cause chain) for anything unexpected. Lambda context keys use Powertools' names.
 */
export function logFailure(logger: Logger, error: unknown, info: FailureInfo): void {
  const { name, code, message } = describeError(error);
  const { ctx, context } = info;
  const memory = context?.memoryLimitInMB;
  // Undefined values are left out of the JSON line.
  const attributes: Record<string, unknown> = {
    adapter: info.adapter,
    function_contract: info.contract.name,
    error_name: name,
    error_code: code,
    error_message: message,
    correlation_id: ctx.correlationId,
    cold_start: ctx.coldStart,
    function_request_id: ctx.requestId,
    function_name: context?.functionName,
    function_version: context?.functionVersion,
    function_arn: context?.invokedFunctionArn,
    function_memory_size: memory ? Number(memory) : undefined,
    ...info.extra,
  };
  try {
    if (info.kind === 'unexpected') {
      attributes.error = error;
      logger.error(FAILURE_MESSAGE, attributes);
    } else {
      if (InvalidRequestError.is(error)) attributes.issues = error.issues.slice(0, 20);
      logger.warn(FAILURE_MESSAGE, attributes);
    }
  } catch {
    // Logging must never turn a failure into a different failure.
  }
}
