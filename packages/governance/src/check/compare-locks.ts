/**
 * The differences between a service's lock and its current contracts (both as locks): per function and major, the
 * schema changes of input, output and each error's data, errors added, removed or renamed, idempotency; functions and
 * majors added or removed. Each is classified by the rules table (rules.ts); a breaking one carries its fix.
 */

import type { Difference } from './difference.js';
import { fixFor } from './fixes.js';
import { pointerChild } from './json-pointer.js';
import type { LockedMajor, ServiceLock } from './lock/lock-file.js';
import { type Flow, type RuleId, ruleById, schemaRule } from './rules.js';
import { diffSchemas } from './schema-diff/compare.js';
import { sameJson } from './schema-diff/context.js';
import type { JsonSchema } from './schema-diff/types.js';

/** A `calls` entry of a function of the services checked, pointing at a function of the service compared. */
export interface CallerEntry {
  /** Who calls: `orders.create` (an older major's function: `orders.create@v1`). */
  readonly caller: string;
  /** The callee's function key. */
  readonly function: string;
  /** The entry as written: `records.get@v1`. */
  readonly entry: string;
  /** The major it names, when pinned (`@v<N>`); undefined for an unpinned entry (the current major). */
  readonly pinnedMajor: number | undefined;
}

/** What the comparison of a service needs besides its two locks. */
export interface CompareOptions {
  /** The `calls` entries of the services given that name functions of this service. */
  readonly callers?: readonly CallerEntry[];
  /** Functions (key → majors) whose contract could not be loaded: not compared (their problems are reported). */
  readonly unknown?: ReadonlyMap<string, ReadonlySet<number>>;
}

/**
 * Every difference from `locked` to `now` (the same service), in the order of the lock then of the new functions.
 *
 * @example
 * const differences = compareLocks(await readLock(dir), lockOf('records', contracts), { callers });
 * const breaking = differences.filter((d) => d.verdict === 'breaking');
 */
export function compareLocks(locked: ServiceLock, now: ServiceLock, options: CompareOptions = {}): Difference[] {
  const service = now.service;
  const out: Difference[] = [];
  const unknown = options.unknown ?? new Map<string, ReadonlySet<number>>();
  const push = (found: Found): void => {
    const { verdict } = ruleById(found.rule);
    const context = { service, function: found.fn, major: found.major, current: found.current, ...found.extra };
    out.push({
      service,
      function: found.fn,
      major: found.major,
      rule: found.rule,
      verdict,
      part: found.part ?? '',
      pointer: found.pointer ?? '',
      lockPointer: found.lockPointer,
      detail: found.detail,
      fix: verdict === 'breaking' ? fixFor(found.rule, context) : undefined,
    });
  };

  for (const [fn, lockedMajors] of Object.entries(locked.functions)) {
    const nowMajors = now.functions[fn];
    const skipped = unknown.get(fn);
    const fnPointer = pointerChild('/functions', fn);
    if (nowMajors === undefined) {
      if (skipped !== undefined) continue;
      const majors = Object.keys(lockedMajors);
      push({
        fn,
        major: Number(majors[0] ?? 1),
        current: true,
        rule: 'function.removed',
        lockPointer: fnPointer,
        detail: `function ${service}.${fn} removed (major${majors.length === 1 ? '' : 's'} ${majors.join(', ')})`,
      });
      continue;
    }
    const currentNow = Object.entries(nowMajors).find(([, m]) => m.current)?.[0];
    for (const [majorKey, old] of Object.entries(lockedMajors)) {
      const major = Number(majorKey);
      if (skipped?.has(major)) continue;
      const at = pointerChild(fnPointer, majorKey);
      const entry = nowMajors[majorKey];
      if (entry !== undefined) {
        compareMajor(old, entry, at, (rule, part, pointer, lockPointer, detail) =>
          push({ fn, major, current: entry.current, rule, part, pointer, lockPointer, detail }),
        );
        continue;
      }
      // an unpinned entry calls the current major: the one the lock records as current, until the lock moves on
      const callers = (options.callers ?? []).filter(
        (c) => c.function === fn && (c.pinnedMajor === major || (c.pinnedMajor === undefined && old.current)),
      );
      const currentMajor = currentNow === undefined ? undefined : Number(currentNow);
      const base = { fn, major, current: old.current, lockPointer: at };
      if (callers.length > 0) {
        const who = callers.map((c) => `${c.caller} (calls: '${c.entry}')`).join(', ');
        push({
          ...base,
          rule: 'function.major-removed-while-called',
          detail: `major ${major} of ${service}.${fn} is no longer served, but ${who} still call${callers.length === 1 ? 's' : ''} it`,
          extra: { currentMajor, callers: callers.map((c) => c.caller) },
        });
      } else {
        push({
          ...base,
          rule: 'function.major-removed',
          detail: `major ${major} of ${service}.${fn} is no longer served; no service given calls it`,
        });
      }
    }
    for (const [majorKey, entry] of Object.entries(nowMajors)) {
      if (lockedMajors[majorKey] !== undefined) continue;
      push({
        fn,
        major: Number(majorKey),
        current: entry.current,
        rule: 'function.major-added',
        lockPointer: pointerChild(fnPointer, majorKey),
        detail: `major ${majorKey} of ${service}.${fn} added`,
      });
    }
  }
  for (const [fn, majors] of Object.entries(now.functions)) {
    if (locked.functions[fn] !== undefined) continue;
    const list = Object.keys(majors);
    push({
      fn,
      major: Number(list[0]),
      current: true,
      rule: 'function.added',
      lockPointer: pointerChild('/functions', fn),
      detail: `function ${service}.${fn} added (major${list.length === 1 ? '' : 's'} ${list.join(', ')})`,
    });
  }
  return out;
}

/** A difference found, before its verdict and fix are looked up. */
interface Found {
  readonly fn: string;
  readonly major: number;
  readonly current: boolean;
  readonly rule: RuleId;
  readonly part?: string;
  readonly pointer?: string;
  readonly lockPointer: string;
  readonly detail: string;
  readonly extra?: { readonly callers?: readonly string[]; readonly currentMajor?: number | undefined };
}

type Report = (rule: RuleId, part: string, pointer: string, lockPointer: string, detail: string) => void;

/** The differences between two versions of one major's contract. */
function compareMajor(old: LockedMajor, now: LockedMajor, at: string, report: Report): void {
  compareSchema(old.input, now.input, 'input', 'input', pointerChild(at, 'input'), report);
  compareSchema(old.output, now.output, 'output', 'output', pointerChild(at, 'output'), report);
  const removed = Object.keys(old.errors).filter((name) => now.errors[name] === undefined);
  const added = Object.keys(now.errors).filter((name) => old.errors[name] === undefined);
  for (const name of removed) {
    const renamed = added.find((other) => sameJson(old.errors[name]!.data, now.errors[other]!.data));
    const where = pointerChild(pointerChild(at, 'errors'), name);
    if (renamed !== undefined) {
      added.splice(added.indexOf(renamed), 1);
      report('errors.renamed', `errors.${name}`, '', where, `error ${name} renamed to ${renamed}`);
    } else {
      report('errors.removed', `errors.${name}`, '', where, `error ${name} removed`);
    }
  }
  for (const name of added) {
    report('errors.added', `errors.${name}`, '', pointerChild(pointerChild(at, 'errors'), name), `error ${name} added`);
  }
  for (const [name, error] of Object.entries(old.errors)) {
    const counterpart = now.errors[name];
    if (counterpart === undefined) continue;
    const where = pointerChild(pointerChild(pointerChild(at, 'errors'), name), 'data');
    compareSchema(error.data, counterpart.data, 'output', `errors.${name}.data`, where, report);
  }
  if (old.idempotent && !now.idempotent) {
    report('idempotency.lost', 'idempotent', '', pointerChild(at, 'idempotent'), 'no longer idempotent');
  }
  if (!old.idempotent && now.idempotent) {
    report('idempotency.gained', 'idempotent', '', pointerChild(at, 'idempotent'), 'idempotent now');
  }
}

function compareSchema(old: JsonSchema, now: JsonSchema, flow: Flow, part: string, at: string, report: Report): void {
  for (const change of diffSchemas(old, now)) {
    const rule = schemaRule(change.kind, flow);
    if (rule === undefined) continue;
    report(rule, part, change.pointer, `${at}${change.pointer}`, change.detail);
  }
}
