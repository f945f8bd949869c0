/**
 * The options of a client's guards (retries, circuit breaker, bulkhead) and their defaults. The guards themselves are
 * in `../internal/call-policy.ts`.
 */

/** Retries: how many, how far apart. `false` turns them off. */
export interface RetryOptions {
  /** Retries after the first attempt (default 2). */
  retries?: number;
  /** The first backoff's upper bound in ms (default 50); it doubles each retry. */
  initialDelayMs?: number;
  /** The largest backoff in ms (default 2,000). */
  maxDelayMs?: number;
  /** A retry is made only if at least this many ms would be left before the deadline (default 50). */
  minAttemptMs?: number;
}

/** The circuit breaker. `false` turns it off. */
export interface BreakerOptions {
  /** Consecutive failures that open the circuit (default 5). */
  threshold?: number;
  /** How long it stays open before one probe call is let through (half-open), in ms (default 5,000). */
  halfOpenAfterMs?: number;
}

/** The bulkhead: at most `limit` calls in flight to the target, `queue` more waiting (default 0). */
export interface BulkheadOptions {
  limit: number;
  queue?: number;
}

/**
 * Defaults of the guards, in one place.
 *
 * @example
 * createClient(getRecord, { breaker: { threshold: POLICY_DEFAULTS.threshold * 2 } });
 */
export const POLICY_DEFAULTS = {
  retries: 2,
  initialDelayMs: 50,
  maxDelayMs: 2_000,
  minAttemptMs: 50,
  threshold: 5,
  halfOpenAfterMs: 5_000,
} as const;
