/** Defaults of the adapters, in one place. */

/** `ctx.signal` fires this long before the Lambda deadline (at most half of the time left). */
export const DEADLINE_MARGIN_MS = 500;
/** The time left reported outside Lambda (no context): Lambda's longest timeout. */
export const REMAINING_WITHOUT_CONTEXT_MS = 900_000;
/** Longest correlation id taken from a caller; longer ones are ignored. */
export const MAX_CORRELATION_ID_LENGTH = 128;
/** Log message of a failed invocation. */
export const FAILURE_MESSAGE = 'Invocation failed';
