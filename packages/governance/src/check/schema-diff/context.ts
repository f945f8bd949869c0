/**
 * What each part of the schema diff shares: where changes are collected, and the way back into the diff for a
 * subschema (so objects, arrays and unions recurse without importing the entry point).
 */
import type { JsonSchema, SchemaChange, SchemaChangeKind } from './types.js';

/** The state of one diff. */
export interface DiffContext {
  /** Compares two subschemas (resolving their `$ref`s), adding their changes. */
  compare(before: JsonSchema, after: JsonSchema, pointer: string): void;
  /** Records a change. */
  add(kind: SchemaChangeKind, pointer: string, detail: string): void;
  readonly changes: SchemaChange[];
}

/** Keywords that say nothing about which values are valid: a change of them is no change. */
export const ANNOTATIONS: ReadonlySet<string> = new Set([
  '$schema',
  '$id',
  'id',
  '$comment',
  '$anchor',
  'title',
  'description',
  'examples',
  'example',
  'default',
  'deprecated',
  'readOnly',
  'writeOnly',
  'contentMediaType',
  'contentEncoding',
  '$defs',
  'definitions',
]);

/**
 * True when two JSON values are equal, object keys in any order.
 *
 * @example
 * sameJson({ a: 1, b: [2] }, { b: [2], a: 1 }) // true
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, i) => sameJson(item, other[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const rb = b as Record<string, unknown>;
  return ka.every((key) => Object.hasOwn(rb, key) && sameJson((a as Record<string, unknown>)[key], rb[key]));
}

/** A value as a report shows it: JSON, shortened. */
export function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
