/**
 * Issues while they are being collected: a key path as an array (so they can be put in the order of the config's own
 * keys), turned into ConfigIssues (`functions.get.calls[0]`) at the end.
 */
import type { z } from 'zod';
import type { ConfigIssue } from '../errors.js';

/** An issue before its path is formatted. */
export interface PendingIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/**
 * zod's issues as pending issues: an unknown-keys issue becomes one issue per key (its message holds one line per
 * key, see `strictObject`), an invalid record key takes its key schema's message.
 */
export function fromZod(issues: readonly z.core.$ZodIssue[]): PendingIssue[] {
  return issues.flatMap((issue): PendingIssue[] => {
    if (issue.code === 'unrecognized_keys') {
      const lines = issue.message.split('\n');
      return issue.keys.map((key, i) => ({ path: [...issue.path, key], message: lines[i] ?? lines[0] ?? '' }));
    }
    if (issue.code === 'invalid_key') {
      return [{ path: issue.path, message: issue.issues[0]?.message ?? issue.message }];
    }
    return [{ path: issue.path, message: issue.message }];
  });
}

/** `['functions', 'get', 'calls', 0]` → `functions.get.calls[0]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? String(segment) : `.${String(segment)}`;
  }
  return text;
}

/**
 * The issues in the order of the config's keys as written (a missing key first among its siblings), duplicates
 * dropped, as ConfigIssues of `file`.
 */
export function inDocumentOrder(raw: unknown, file: string, issues: readonly PendingIssue[]): ConfigIssue[] {
  const ranked = issues.map((issue, index) => ({ issue, index, rank: rankOf(raw, issue.path) }));
  ranked.sort((a, b) => compareRanks(a.rank, b.rank) || a.index - b.index);
  const seen = new Set<string>();
  const out: ConfigIssue[] = [];
  for (const { issue } of ranked) {
    const path = formatPath(issue.path);
    const key = `${path}\n${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ file, path, message: issue.message });
  }
  return out;
}

/** The position of each path segment among its siblings in `raw` (-1 for a key that is not there). */
function rankOf(raw: unknown, path: readonly PropertyKey[]): number[] {
  const rank: number[] = [];
  let node = raw;
  for (const segment of path) {
    if (Array.isArray(node) && typeof segment === 'number') {
      rank.push(segment);
      node = node[segment];
      continue;
    }
    if (node === null || typeof node !== 'object') {
      rank.push(-1);
      break;
    }
    const position = Object.keys(node).indexOf(String(segment));
    rank.push(position);
    if (position === -1) break;
    node = (node as Record<string, unknown>)[String(segment)];
  }
  return rank;
}

function compareRanks(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i]! - b[i]!;
  }
  return a.length - b.length;
}
