/**
 * Bounds and formats of values: numeric ranges (`minimum`, `exclusiveMinimum`, `maximum`, `exclusiveMaximum`,
 * `multipleOf`), counts (lengths of strings, items of arrays, properties of objects), `pattern`, `format` and
 * `uniqueItems`. A bound made tighter or added narrows the schema; looser or removed widens it.
 */
import { type DiffContext, shown } from './context.js';
import type { JsonSchemaObject } from './types.js';

/** The keywords this file compares. */
export const BOUND_KEYWORDS: ReadonlySet<string> = new Set([
  'minimum',
  'exclusiveMinimum',
  'maximum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
  'pattern',
  'format',
  'uniqueItems',
]);

interface Bound {
  readonly value: number;
  readonly exclusive: boolean;
}

/**
 * Compares every bound keyword of two schemas.
 *
 * @example
 * compareBounds(ctx, { maximum: 100 }, { maximum: 50 }, '/properties/quantity') // adds range-narrowed
 */
export function compareBounds(ctx: DiffContext, before: JsonSchemaObject, after: JsonSchemaObject, at: string): void {
  compareBound(ctx, 'lower', lowerBound(before), lowerBound(after), at);
  compareBound(ctx, 'upper', upperBound(before), upperBound(after), at);
  compareMultipleOf(ctx, num(before.multipleOf), num(after.multipleOf), at);
  for (const [min, max, what] of [
    ['minLength', 'maxLength', 'length'],
    ['minItems', 'maxItems', 'number of items'],
    ['minProperties', 'maxProperties', 'number of properties'],
  ] as const) {
    compareCount(ctx, what, 'min', num(before[min]) ?? 0, num(after[min]) ?? 0, `${at}/${min}`, min);
    compareCount(ctx, what, 'max', num(before[max]), num(after[max]), `${at}/${max}`, max);
  }
  for (const keyword of ['pattern', 'format'] as const) {
    compareText(ctx, keyword, text(before[keyword]), text(after[keyword]), `${at}/${keyword}`);
  }
  const wasUnique = before.uniqueItems === true;
  const isUnique = after.uniqueItems === true;
  if (!wasUnique && isUnique) ctx.add('range-narrowed', `${at}/uniqueItems`, 'items must be unique now');
  if (wasUnique && !isUnique) ctx.add('range-widened', `${at}/uniqueItems`, 'items need not be unique any more');
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A numeric bound, except ±`Number.MAX_SAFE_INTEGER`: what converters write for "an integer", not a range. */
function rangeBound(value: unknown): number | undefined {
  const n = num(value);
  return n === undefined || Math.abs(n) === Number.MAX_SAFE_INTEGER ? undefined : n;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** `minimum` / `exclusiveMinimum` (the 2020-12 number form, and draft 4's boolean form). */
function lowerBound(schema: JsonSchemaObject): Bound | undefined {
  return bound(rangeBound(schema.minimum), schema.exclusiveMinimum, (a, b) => a >= b);
}

function upperBound(schema: JsonSchemaObject): Bound | undefined {
  return bound(rangeBound(schema.maximum), schema.exclusiveMaximum, (a, b) => a <= b);
}

/** The tighter of an inclusive and an exclusive bound; `tighter(a, b)` is true when bound `a` is at least as tight. */
function bound(inclusive: number | undefined, exclusive: unknown, tighter: (a: number, b: number) => boolean) {
  if (exclusive === true && inclusive !== undefined) return { value: inclusive, exclusive: true };
  const ex = rangeBound(exclusive);
  if (ex === undefined) return inclusive === undefined ? undefined : { value: inclusive, exclusive: false };
  if (inclusive === undefined) return { value: ex, exclusive: true };
  return tighter(ex, inclusive) ? { value: ex, exclusive: true } : { value: inclusive, exclusive: false };
}

function describeBound(side: 'lower' | 'upper', b: Bound | undefined): string {
  if (b === undefined) return 'none';
  if (side === 'lower') return `${b.exclusive ? '>' : '≥'} ${b.value}`;
  return `${b.exclusive ? '<' : '≤'} ${b.value}`;
}

function compareBound(
  ctx: DiffContext,
  side: 'lower' | 'upper',
  old: Bound | undefined,
  now: Bound | undefined,
  at: string,
): void {
  if (old === undefined && now === undefined) return;
  const where = `${at}/${side === 'lower' ? (now?.exclusive ? 'exclusiveMinimum' : 'minimum') : now?.exclusive ? 'exclusiveMaximum' : 'maximum'}`;
  const words = `${side} bound from ${describeBound(side, old)} to ${describeBound(side, now)}`;
  if (old === undefined) {
    ctx.add('range-narrowed', where, `${side} bound added: ${describeBound(side, now)}`);
    return;
  }
  if (now === undefined) {
    ctx.add('range-widened', where, `${side} bound removed (was ${describeBound(side, old)})`);
    return;
  }
  if (old.value === now.value && old.exclusive === now.exclusive) return;
  // a higher lower bound, or a lower upper bound, is tighter; at the same value, exclusive is tighter
  const sign = side === 'lower' ? 1 : -1;
  const tighter = sign * (now.value - old.value) > 0 || (now.value === old.value && now.exclusive && !old.exclusive);
  ctx.add(tighter ? 'range-narrowed' : 'range-widened', where, `${tighter ? 'tightened' : 'loosened'} ${words}`);
}

function compareMultipleOf(ctx: DiffContext, old: number | undefined, now: number | undefined, at: string): void {
  if (old === now) return;
  const where = `${at}/multipleOf`;
  if (old === undefined) {
    ctx.add('range-narrowed', where, `must be a multiple of ${now} now`);
    return;
  }
  if (now === undefined) {
    ctx.add('range-widened', where, `need not be a multiple of ${old} any more`);
    return;
  }
  if (isMultiple(now, old)) {
    ctx.add('range-narrowed', where, `multipleOf ${old} → ${now} (fewer values)`);
    return;
  }
  if (isMultiple(old, now)) {
    ctx.add('range-widened', where, `multipleOf ${old} → ${now} (more values)`);
    return;
  }
  ctx.add('constraint-changed', where, `multipleOf changed from ${old} to ${now}`);
}

function isMultiple(a: number, b: number): boolean {
  const q = a / b;
  return Math.abs(q - Math.round(q)) < 1e-9;
}

function compareCount(
  ctx: DiffContext,
  what: string,
  side: 'min' | 'max',
  old: number | undefined,
  now: number | undefined,
  where: string,
  keyword: string,
): void {
  if (old === now) return;
  const oldText = old === undefined ? 'none' : String(old);
  const nowText = now === undefined ? 'none' : String(now);
  // for a minimum, a larger value is tighter; for a maximum, a smaller one (none = unbounded)
  const o = old ?? (side === 'min' ? 0 : Number.POSITIVE_INFINITY);
  const n = now ?? (side === 'min' ? 0 : Number.POSITIVE_INFINITY);
  const tighter = side === 'min' ? n > o : n < o;
  ctx.add(
    tighter ? 'range-narrowed' : 'range-widened',
    where,
    `${keyword} (${what}) ${tighter ? 'tightened' : 'loosened'} from ${oldText} to ${nowText}`,
  );
}

function compareText(
  ctx: DiffContext,
  keyword: 'pattern' | 'format',
  old: string | undefined,
  now: string | undefined,
  where: string,
): void {
  if (old === now) return;
  if (old === undefined) {
    ctx.add('range-narrowed', where, `${keyword} ${shown(now)} added`);
    return;
  }
  if (now === undefined) {
    ctx.add('range-widened', where, `${keyword} ${shown(old)} removed`);
    return;
  }
  ctx.add('constraint-changed', where, `${keyword} changed from ${shown(old)} to ${shown(now)}`);
}
