/**
 * Starting and ending an invocation: the `ctx`, the caller's logger kept up to date, the failure line.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { AnyContract } from '../contract.js';
import { classify, type FailureKind, logFailure } from './failure.js';
import { Invocation } from './invocation.js';
import type { LambdaContext } from './lambda-context.js';
import type { ResolvedOptions } from './options.js';

type PowertoolsContext = Parameters<Logger['addContext']>[0];

/** Makes the invocation's `ctx`; refreshes the caller's own logger (context and correlation id) when one was given. */
export function begin(options: ResolvedOptions, context: LambdaContext | undefined, correlationId: string | undefined) {
  const ctx = new Invocation(context, correlationId, options.marginMs);
  const user = options.userLogger;
  if (user) {
    if (context) user.addContext(context as unknown as PowertoolsContext);
    user.appendKeys({ correlation_id: ctx.correlationId });
  }
  return ctx;
}

/** Classifies `error`, writes the failure's one log line and returns its kind. */
export function fail(
  options: ResolvedOptions,
  adapter: string,
  contract: AnyContract,
  error: unknown,
  ctx: Invocation,
  context: LambdaContext | undefined,
  extra?: Record<string, unknown>,
  kind: FailureKind = classify(error, contract),
): FailureKind {
  logFailure(options.logger(), error, { adapter, contract, kind, ctx, context, extra });
  return kind;
}
