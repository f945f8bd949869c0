/**
 * EventBridge event patterns, as AWS documents them: one compiled matcher used by PutRule, TestEventPattern and
 * rule delivery. A pure module (no I/O). See docs/design/events.md.
 */
import { InvalidEventPatternError } from './errors.js';
import { matchObject } from './match.js';
import { parsePattern } from './parse.js';

export { InvalidEventPatternError } from './errors.js';

/** A compiled pattern: true when the event matches. */
export type EventMatcher = (event: unknown) => boolean;

/**
 * Parses and validates a pattern (its JSON text, or the parsed value) and returns its matcher. Throws
 * {@link InvalidEventPatternError} (the API's 400 `InvalidEventPatternException`) naming what is wrong and where.
 *
 * @example
 * const matches = compilePattern('{"source":["orders"],"detail-type":[{"prefix":"Order"}]}');
 * matches({ source: 'orders', 'detail-type': 'OrderCreated', detail: {} }); // true
 */
export function compilePattern(pattern: string | unknown): EventMatcher {
  const condition = parsePattern(pattern);
  return (event) =>
    typeof event === 'object' &&
    event !== null &&
    !Array.isArray(event) &&
    matchObject(condition, event as Record<string, unknown>);
}

/**
 * The reason a pattern is invalid, or undefined when it is valid.
 *
 * @example
 * patternProblem('{"source":"orders"}'); // 'Event pattern is not valid. Reason: …'
 */
export function patternProblem(pattern: string | unknown): string | undefined {
  try {
    parsePattern(pattern);
    return undefined;
  } catch (error) {
    if (error instanceof InvalidEventPatternError) return error.message;
    throw error;
  }
}
