/**
 * A difference between the locked contract of a function's major and the current one, classified by a rule.
 */
import type { RuleId, Verdict } from './rules.js';

/** One classified difference. */
export interface Difference {
  readonly service: string;
  /** The function's key in the config. */
  readonly function: string;
  /** The API major concerned. */
  readonly major: number;
  readonly rule: RuleId;
  readonly verdict: Verdict;
  /**
   * The part of the contract: `input`, `output`, `errors.<Name>.data`, `errors.<Name>`, `idempotent`, or `''` for
   * the function or the major as a whole.
   */
  readonly part: string;
  /** JSON Pointer of the place inside that part's schema (`/properties/id/maximum`; `''` for all of it). */
  readonly pointer: string;
  /** JSON Pointer of the place in the lock file (`/functions/get/1/input/properties/id/maximum`). */
  readonly lockPointer: string;
  /** What changed, in words. */
  readonly detail: string;
  /** What to do, for a breaking difference. */
  readonly fix: string | undefined;
}
