/**
 * What a reloaded config changed, function by function, in one line each: `records.get: config reloaded
 * (timeout 6 → 9 s, memory 128 → 256 MB)`, `records.list: added`, `records.old: removed`.
 */
import { functionLabel, type LocalFunction } from '@lambdaport/config';

/** The functions of a reload, matched by deployed name. */
export interface FunctionChanges {
  readonly added: readonly LocalFunction[];
  readonly removed: readonly LocalFunction[];
  /** Functions whose settings changed: the old and the new, with what changed (`timeout 6 → 9 s`). */
  readonly changed: readonly {
    readonly before: LocalFunction;
    readonly after: LocalFunction;
    readonly what: string[];
  }[];
}

/**
 * Compares two function lists.
 *
 * @example
 * const { added, removed, changed } = functionChanges(before, after);
 */
export function functionChanges(before: readonly LocalFunction[], after: readonly LocalFunction[]): FunctionChanges {
  const old = new Map(before.map((fn) => [fn.deployedName, fn]));
  const now = new Map(after.map((fn) => [fn.deployedName, fn]));
  const changed = after.flatMap((fn) => {
    const previous = old.get(fn.deployedName);
    if (previous === undefined) return [];
    const what = differences(previous, fn);
    return what.length === 0 ? [] : [{ before: previous, after: fn, what }];
  });
  return {
    added: after.filter((fn) => !old.has(fn.deployedName)),
    removed: before.filter((fn) => !now.has(fn.deployedName)),
    changed,
  };
}

/**
 * One line per function a reload touched.
 *
 * @example
 * reloadLines(functionChanges(before, after)); // ['records.get: config reloaded (timeout 6 → 9 s)']
 */
export function reloadLines(changes: FunctionChanges): string[] {
  return [
    ...changes.changed.map(({ after, what }) => `${functionLabel(after)}: config reloaded (${what.join(', ')})`),
    ...changes.added.map((fn) => `${functionLabel(fn)}: added (config reloaded)`),
    ...changes.removed.map((fn) => `${functionLabel(fn)}: removed (config reloaded)`),
  ];
}

function differences(a: LocalFunction, b: LocalFunction): string[] {
  const what: string[] = [];
  if (a.timeoutSeconds !== b.timeoutSeconds) what.push(`timeout ${a.timeoutSeconds} → ${b.timeoutSeconds} s`);
  if (a.memorySize !== b.memorySize) what.push(`memory ${a.memorySize} → ${b.memorySize} MB`);
  if (a.reservedConcurrency !== b.reservedConcurrency) {
    what.push(`reserved concurrency ${a.reservedConcurrency ?? 'none'} → ${b.reservedConcurrency ?? 'none'}`);
  }
  const latest = (fn: LocalFunction) => fn.versions.get('$LATEST');
  if (latest(a)?.handler !== latest(b)?.handler) what.push(`handler ${latest(a)?.handler} → ${latest(b)?.handler}`);
  const keys = (fn: LocalFunction) => latest(fn)?.environment ?? {};
  const envChanged = [...new Set([...Object.keys(keys(a)), ...Object.keys(keys(b))])]
    .filter((key) => keys(a)[key] !== keys(b)[key])
    .sort();
  if (envChanged.length > 0) what.push(`environment ${envChanged.join(', ')}`);
  const rest: [string, (fn: LocalFunction) => unknown][] = [
    ['runtime', (fn) => fn.lambdaRuntime],
    ['description', (fn) => fn.description],
    ['url', (fn) => fn.url],
    ['calls', (fn) => fn.calls.map((call) => call.entry)],
    ['tables', (fn) => fn.tables.map((grant) => `${grant.table}:${grant.access}`)],
    ['contract', (fn) => fn.contract],
    // the published version repeats $LATEST's settings (compared above): its number is what may change
    ['versions', (fn) => [...fn.versions.keys(), ...fn.aliases.keys()]],
  ];
  for (const [name, of] of rest) if (JSON.stringify(of(a)) !== JSON.stringify(of(b))) what.push(`${name} changed`);
  return what;
}
