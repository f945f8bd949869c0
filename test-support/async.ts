/** Small async helpers shared by the test suites of several workspaces. */

/** The rejection of `promise` (fails the test when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

/**
 * Waits for time itself to pass: only for behaviour defined by a duration (a breaker's open period, a deadline
 * that must not fire early). To wait for something to happen, use {@link waitFor}.
 */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Options of {@link waitFor}. */
export interface WaitForOptions {
  /** Fail after this long (ms). Default 10,000. */
  readonly timeoutMs?: number;
  /** How often the condition is checked (ms). Default 10. */
  readonly intervalMs?: number;
  /** What is waited for, for the failure message. */
  readonly what?: string;
}

/**
 * Resolves as soon as `condition` holds (checked now, then every `intervalMs`); rejects after `timeoutMs`.
 *
 * @example
 * await waitFor(() => refreshErrors.length > 0, { what: 'a failed background refresh' });
 * await waitFor(async () => (await registry.resolve('records.get', 1)).functionName === moved);
 */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  options: WaitForOptions = {},
): Promise<void> {
  const { timeoutMs = 10_000, intervalMs = 10, what = 'the condition' } = options;
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`waitFor: ${what} did not hold within ${timeoutMs} ms`);
    await sleep(intervalMs);
  }
}
