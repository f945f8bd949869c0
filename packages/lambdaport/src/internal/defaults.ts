/** Defaults of the adapters' options, in one place. */
export const HANDLER_DEFAULTS = {
  /** `ctx.signal` fires this long before the Lambda deadline (at most half of the time left). */
  deadlineMarginMs: 500,
  /** The time left reported outside Lambda (no context): Lambda's longest timeout. */
  remainingTimeWithoutContextMs: 900_000,
  /** Longest correlation id taken from a caller; longer ones are ignored. */
  maxCorrelationIdLength: 128,
  /** Log message of a failed invocation. */
  failureMessage: 'Invocation failed',
} as const;
