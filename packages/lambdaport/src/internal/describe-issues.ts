/**
 * The message of a validation error: its prefix, then at most five of its issues.
 */

/**
 * "Invalid request: id: Expected number; name: Required" (at most 5 issues named).
 *
 * @example
 * describeIssues('Invalid request', [{ path: 'id', message: 'Expected number' }]); // 'Invalid request: id: Expected number'
 */
export function describeIssues(prefix: string, issues: readonly { path: string; message: string }[]): string {
  if (issues.length === 0) return prefix;
  const shown = issues.slice(0, 5).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
  const more = issues.length > 5 ? `; and ${issues.length - 5} more` : '';
  return `${prefix}: ${shown.join('; ')}${more}`;
}
