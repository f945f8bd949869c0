/**
 * The guards of a client, built on cockatiel: retries only when safe, with exponential backoff and full jitter bounded
 * by the call's deadline; a circuit breaker per target; an optional bulkhead.
 */
import {
  type BulkheadPolicy,
  bulkhead,
  type CircuitBreakerPolicy,
  ConsecutiveBreaker,
  circuitBreaker,
  DelegateBackoff,
  handleWhen,
  type IRetryBackoffContext,
  type RetryPolicy,
  retry,
} from 'cockatiel';
import { DeadlineExceededError, LambdaServiceError, ThrottledError } from '../client/errors.js';
import { type BreakerOptions, type BulkheadOptions, POLICY_DEFAULTS, type RetryOptions } from '../client/policies.js';
import { RemoteFunctionError } from '../errors.js';

/** When a failure may be retried: always (it cannot have run), only for idempotent contracts, or never. */
export type RetryClass = 'safe' | 'idempotent' | 'never';

/** Function errors that mean "the callee did not finish": a time-out or a crash. */
const UNFINISHED = new Set(['Sandbox.Timedout', 'Runtime.ExitError', 'Runtime.OutOfMemory']);

/**
 * Classifies a failure for retrying: throttles and connections never made are safe; a callee time-out or crash, a
 * 5xx or a connection lost after sending only for idempotent contracts; everything else never.
 *
 * @example
 * retryClass(new ThrottledError(origin, {})) // 'safe'
 */
export function retryClass(error: unknown): RetryClass {
  if (ThrottledError.is(error)) return 'safe';
  if (LambdaServiceError.is(error)) {
    if (!error.sent) return 'safe';
    if (error.statusCode === undefined || error.statusCode >= 500) return 'idempotent';
    return 'never';
  }
  if (RemoteFunctionError.is(error) && UNFINISHED.has(error.errorType)) return 'idempotent';
  return 'never';
}

/**
 * True when a failure says the target is unhealthy (it counts towards opening the circuit): function errors other
 * than declared ones, time-outs, crashes, 5xx, lost connections, the deadline. Throttles, declared errors, validation
 * failures, 4xx and the caller's abort do not count.
 *
 * @example
 * countsForBreaker(new RemoteFunctionError({ errorType: 'TypeError', errorMessage: 'x' })) // true
 */
export function countsForBreaker(error: unknown): boolean {
  if (RemoteFunctionError.is(error) || DeadlineExceededError.is(error)) return true;
  if (LambdaServiceError.is(error)) return error.statusCode === undefined || error.statusCode >= 500;
  return false;
}

/**
 * The wait before retry number `attempt + 1` (full jitter: uniform in [0, min(max, initial·2^attempt))), at least
 * the throttle's `retryAfter`; undefined when the failure must not be retried or the wait would leave less than
 * `minAttemptMs` before the deadline.
 *
 * @example
 * planRetry(error, 0, { idempotent: false, remainingMs: 900 }) // e.g. 31, or undefined
 */
export function planRetry(
  error: unknown,
  attempt: number,
  call: { idempotent: boolean; remainingMs: number },
  options: Required<RetryOptions> = POLICY_DEFAULTS,
  random: () => number = Math.random,
): number | undefined {
  const cls = retryClass(error);
  if (cls === 'never' || (cls === 'idempotent' && !call.idempotent)) return undefined;
  let delay = Math.floor(random() * Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** attempt));
  if (ThrottledError.is(error) && error.retryAfter !== undefined) delay = Math.max(delay, error.retryAfter * 1000);
  if (call.remainingMs - delay < options.minAttemptMs) return undefined;
  return delay;
}

const RETRY_DELAY = Symbol('lambdaport.retryDelay');

function plannedDelay(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const delay = (error as Record<symbol, unknown>)[RETRY_DELAY];
  return typeof delay === 'number' ? delay : undefined;
}

/** The guards of one client (so of one target): retry, breaker and bulkhead, each optional. */
export class CallPolicy {
  readonly breaker: CircuitBreakerPolicy | undefined;
  readonly bulkhead: BulkheadPolicy | undefined;
  private readonly retry: RetryPolicy | undefined;
  private readonly retries: number;
  readonly retryOptions: Required<RetryOptions>;

  constructor(options: {
    retry: RetryOptions | false | undefined;
    breaker: BreakerOptions | false | undefined;
    bulkhead: BulkheadOptions | undefined;
  }) {
    this.retryOptions = { ...POLICY_DEFAULTS, ...(options.retry || {}) } as Required<RetryOptions>;
    this.retries = options.retry === false ? 0 : this.retryOptions.retries;
    if (this.retries > 0) {
      // The wait was planned by the attempt (it knows the deadline) and stored on the error; cockatiel applies it.
      this.retry = retry(
        handleWhen((e) => plannedDelay(e) !== undefined),
        {
          maxAttempts: this.retries,
          backoff: new DelegateBackoff((ctx: IRetryBackoffContext<unknown>) =>
            'error' in ctx.result ? (plannedDelay(ctx.result.error) ?? 0) : 0,
          ),
        },
      );
    }
    if (options.breaker !== false) {
      const b = { ...POLICY_DEFAULTS, ...(options.breaker ?? {}) };
      this.breaker = circuitBreaker(handleWhen(countsForBreaker), {
        halfOpenAfter: b.halfOpenAfterMs,
        breaker: new ConsecutiveBreaker(b.threshold),
      });
    }
    if (options.bulkhead) this.bulkhead = bulkhead(options.bulkhead.limit, options.bulkhead.queue ?? 0);
  }

  /**
   * Runs `attempt` under the guards. `plan(error, attempt)` returns the wait before a retry, or undefined for none.
   * cockatiel's own errors (open circuit, full bulkhead) come out as they are; the caller maps them.
   */
  run<T>(
    attempt: (n: number) => Promise<T>,
    plan: (error: unknown, n: number) => number | undefined,
    signal: AbortSignal,
  ): Promise<T> {
    const guarded = this.guard(attempt);
    const retryPolicy = this.retry;
    if (!retryPolicy) return guarded(0);
    return retryPolicy.execute(async ({ attempt: n }) => {
      try {
        return await guarded(n);
      } catch (error) {
        if (n < this.retries && typeof error === 'object' && error !== null) {
          const delay = plan(error, n);
          if (delay !== undefined) Object.defineProperty(error, RETRY_DELAY, { value: delay, configurable: true });
        }
        throw error;
      }
    }, signal);
  }

  private guard<T>(attempt: (n: number) => Promise<T>): (n: number) => Promise<T> {
    const { breaker, bulkhead: bh } = this;
    if (breaker && bh) return (n) => breaker.execute(() => bh.execute(() => attempt(n)));
    if (breaker) return (n) => breaker.execute(() => attempt(n));
    if (bh) return (n) => bh.execute(() => attempt(n));
    return attempt;
  }
}
