/**
 * The error of a pattern that does not parse: the EventBridge API answers it as 400 `InvalidEventPatternException`.
 */

/**
 * A bad event pattern: what is wrong and where (`detail.state[0]`).
 *
 * @example
 * try { compilePattern('{"source":"orders"}'); } catch (e) { if (e instanceof InvalidEventPatternError) e.path; }
 */
export class InvalidEventPatternError extends Error {
  /** The AWS error code the API answers with. */
  readonly code = 'InvalidEventPatternException';
  /** Where in the pattern (dotted field names, `[i]` for array elements; empty for the whole pattern). */
  readonly path: string;
  /** What is wrong there. */
  readonly reason: string;

  constructor(path: string, reason: string) {
    super(`Event pattern is not valid. Reason: ${path === '' ? reason : `${reason} at "${path}"`}`);
    this.name = 'InvalidEventPatternError';
    this.path = path;
    this.reason = reason;
  }
}
