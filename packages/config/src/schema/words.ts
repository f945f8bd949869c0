/**
 * The words of config issues: how a found value is shown, "expected ..., got ..." error maps for the schema, and
 * the sentence for an unknown key (with "did you mean" for a near miss of a known key).
 */
import { z } from 'zod';

/** Shows a found value briefly: `"3s"`, `12`, `an array`, `nothing`. */
export function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'function') return 'a function';
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** A zod error map saying `expected <what>, got <value>`, for a schema and every check on it. */
export function expected(what: string): { error: (issue: { input?: unknown }) => string } {
  return { error: (issue) => `expected ${what}, got ${shown(issue.input)}` };
}

/** A zod error map whose message comes from a `…Problem` checker of `lambdaport/names`. */
export function problem(check: (value: unknown) => string | undefined): {
  error: (issue: { input?: unknown }) => string;
} {
  return { error: (issue) => check(issue.input) ?? `unexpected value ${shown(issue.input)}` };
}

/** The sentence for an unknown key, naming the known ones. */
export function unknownKeyMessage(key: string, known: readonly string[]): string {
  return `unknown key${didYouMean(key, known)}; expected one of ${known.join(', ')}`;
}

/** ` (did you mean "timeout"?)` when `key` looks like a typo of a known key, else an empty string. */
export function didYouMean(key: string, known: readonly string[]): string {
  if (known.includes(key)) return '';
  const near = nearest(key, known);
  return near === undefined ? '' : ` (did you mean "${near}"?)`;
}

/**
 * A strict object: an unknown key is an issue of its own, at its own path (split out of zod's `unrecognized_keys`
 * by the issue converter, one line per key), and a value that is no object says `expected <what>`.
 */
export function strictObject<const Shape extends z.core.$ZodLooseShape>(
  shape: Shape,
  what: string,
): z.ZodObject<Shape, z.core.$strict> {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => unknownKeyMessage(key, known)).join('\n')
        : `expected ${what}, got ${shown(issue.input)}`,
  });
}

/** The known key closest to `key` when it looks like a typo of it (same letters in another case, or 1-2 edits). */
function nearest(key: string, known: readonly string[]): string | undefined {
  let best: { key: string; distance: number } | undefined;
  for (const candidate of known) {
    if (candidate.toLowerCase() === key.toLowerCase()) return candidate;
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    const allowed = Math.min(2, Math.floor(Math.max(key.length, candidate.length) / 3));
    if (distance <= allowed && (best === undefined || distance < best.distance)) best = { key: candidate, distance };
  }
  return best?.key;
}

/** Levenshtein distance, with an adjacent swap counting as one edit (`tiemout` → `timeout`). */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, rows[i - 2]![j - 2]! + 1);
      }
      rows[i]![j] = value;
    }
  }
  return rows[a.length]![b.length]!;
}
