/**
 * The options every adapter takes, checked once at construction with errors that name the bad key.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { checkKeys } from '../contract.js';
import { DEADLINE_MARGIN_MS } from './defaults.js';
import { defaultLogger } from './logging.js';
import { validateOutputDefault } from './output-validation.js';

export { validateOutputDefault } from './output-validation.js';

/** Options shared by every adapter. */
export interface AdapterOptions {
  /**
   * Validate the logic's result against the contract's output schema (a mismatch is an `InvalidResponseError`).
   * Default: `LAMBDAPORT_VALIDATE_OUTPUT=1` or `0` when set (`lambdaport dev` sets 1); else off under
   * `NODE_ENV=production` and in AWS Lambda (`AWS_LAMBDA_FUNCTION_NAME` set), on everywhere else: tests, scripts.
   */
  validateOutput?: boolean;
  /**
   * Your Powertools Logger. When given, the adapter keeps it filled with the Lambda context and the correlation id
   * on every invocation (so your own log lines carry them) and writes failure lines to it. Without it, lambdaport
   * logs only failures, to a shared default logger, with the same keys.
   */
  logger?: Logger;
  /** `ctx.signal` fires this many ms before the Lambda deadline (at most half the time left). Default 500. */
  deadlineMarginMs?: number;
}

export const ADAPTER_OPTION_KEYS = ['validateOutput', 'logger', 'deadlineMarginMs'] as const;

/** Resolved adapter options. */
export interface ResolvedOptions {
  readonly validateOutput: boolean;
  /** The caller's logger, refreshed each invocation; undefined when lambdaport uses its default. */
  readonly userLogger: Logger | undefined;
  readonly marginMs: number;
  logger(): Logger;
}

/** Checks and resolves the shared options; `where` names the adapter in errors. */
export function resolveOptions(where: string, options: AdapterOptions, extraKeys: readonly string[]): ResolvedOptions {
  if (typeof options !== 'object' || options === null) throw new TypeError(`${where}: options must be an object`);
  checkKeys(`${where} options`, options, [...ADAPTER_OPTION_KEYS, ...extraKeys]);
  const { validateOutput, logger, deadlineMarginMs } = options;
  if (validateOutput !== undefined && typeof validateOutput !== 'boolean') {
    badOption(where, 'validateOutput', 'a boolean');
  }
  if (deadlineMarginMs !== undefined && !(typeof deadlineMarginMs === 'number' && deadlineMarginMs >= 0)) {
    badOption(where, 'deadlineMarginMs', 'a number >= 0');
  }
  if (logger !== undefined && typeof logger?.addContext !== 'function')
    badOption(where, 'logger', 'a Powertools Logger');
  return {
    validateOutput: validateOutput ?? validateOutputDefault(),
    userLogger: logger,
    marginMs: deadlineMarginMs ?? DEADLINE_MARGIN_MS,
    logger: logger ? () => logger : defaultLogger,
  };
}

/** Throws `TypeError: <where> options: <key> must be <what>`. */
export function badOption(where: string, key: string, what: string): never {
  throw new TypeError(`${where} options: ${key} must be ${what}`);
}
