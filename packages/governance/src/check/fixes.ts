/**
 * What to do about a breaking difference: the fix the report prints under it.
 */
import type { RuleId } from './rules.js';

/** What the fix of a difference depends on. */
export interface FixContext {
  readonly service: string;
  readonly function: string;
  readonly major: number;
  /** Whether the major concerned is the function's current one. */
  readonly current: boolean;
  /** For a major removed while called: who still calls it. */
  readonly callers?: readonly string[];
  /** The current major now (for a removed major). */
  readonly currentMajor?: number | undefined;
}

/**
 * The fix of a breaking difference under rule `rule`.
 *
 * @example
 * fixFor('input.field-added-required', { service: 'records', function: 'get', major: 1, current: true })
 * // 'bump the major: ... versions: { 1: { handler, contract } } ...'
 */
export function fixFor(rule: RuleId, c: FixContext): string {
  const fn = `functions.${c.function}`;
  if (rule === 'function.removed') {
    return `keep ${fn} in the config while callers remain; once none does, accept the removal with \`lambdaport check --update\``;
  }
  if (rule === 'function.major-removed-while-called') {
    const who = (c.callers ?? []).join(', ');
    return `keep major ${c.major} served for ${who}: add ${fn}.versions: { ${c.major}: { handler, contract } } with its handler and its contract of version ${c.major}, then run \`lambdaport check --update\`; remove it once they call major ${c.currentMajor ?? c.major + 1} (\`${c.service}.${c.function}@v${c.currentMajor ?? c.major + 1}\`)`;
  }
  if (!c.current) {
    return `major ${c.major} is an older major kept for its callers and must not change: give ${fn}.versions.${c.major}.contract back the contract the lock records, and make the change in the current major`;
  }
  const next = c.major + 1;
  return `bump the major: give the new contract version ${next} (defineFunction({ version: ${next}, ... })) and set ${fn}.version: ${next} in the config, and keep major ${c.major} served for its callers with ${fn}.versions: { ${c.major}: { handler, contract } } naming the handler and the contract of version ${c.major}; then run \`lambdaport check --update\``;
}
