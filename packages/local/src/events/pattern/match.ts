/**
 * Walks an event with a parsed pattern: nested fields, arrays (a field matches when any of its values does), `$or`.
 */
import type { Scalar } from './leaves.js';
import type { FieldCondition, ObjectCondition } from './parse.js';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value itself, or the elements of its array (nested arrays flattened). */
function items(value: unknown): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return [value];
  return value.flatMap(items);
}

/**
 * True when the object matches: every field named by the condition matches, and one `$or` branch does (if any).
 *
 * @example
 * matchObject(parsePattern({ source: ['orders'] }), { source: 'orders', detail: {} }); // true
 */
export function matchObject(condition: ObjectCondition, object: Record<string, unknown>): boolean {
  for (const [key, field] of condition.fields) {
    const value = Object.hasOwn(object, key) ? object[key] : undefined;
    if (!matchField(field, value)) return false;
  }
  return condition.or.length === 0 || condition.or.some((branch) => matchObject(branch, object));
}

function matchField(field: FieldCondition, value: unknown): boolean {
  const found = items(value);
  if (field.kind === 'object') {
    // an array of objects matches when one of its elements matches the whole nested pattern
    return found.some((item) => isObject(item) && matchObject(field.condition, item));
  }
  const leaves = found.filter((item): item is Scalar => !isObject(item));
  return field.tests.some((test) => test(leaves));
}
