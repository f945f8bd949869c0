/**
 * The JSON types a schema accepts (`type`, or the types of its `enum` / `const` values) and its allowed values
 * (`enum`, `const`): how they compare between two schemas.
 */
import { type DiffContext, sameJson, shown } from './context.js';
import type { JsonSchemaObject } from './types.js';

/** A JSON Schema type name. */
export type JsonType = 'null' | 'boolean' | 'object' | 'array' | 'number' | 'integer' | 'string';

const TYPE_NAMES: ReadonlySet<string> = new Set(['null', 'boolean', 'object', 'array', 'number', 'integer', 'string']);

/**
 * The JSON types a schema accepts, or undefined when it does not restrict them.
 *
 * @example
 * typeSet({ type: ['string', 'null'] }) // Set { 'string', 'null' }
 * typeSet({ enum: ['a', 1] })           // Set { 'string', 'integer' }
 */
export function typeSet(schema: JsonSchemaObject): Set<JsonType> | undefined {
  const { type } = schema;
  if (typeof type === 'string' && TYPE_NAMES.has(type)) return new Set([type as JsonType]);
  if (Array.isArray(type)) return new Set(type.filter((t): t is JsonType => TYPE_NAMES.has(t)));
  const values = enumValues(schema);
  return values === undefined ? undefined : new Set(values.map(typeOfValue));
}

/** The values an `enum` or `const` allows, or undefined when it has neither. */
export function enumValues(schema: JsonSchemaObject): unknown[] | undefined {
  if (Object.hasOwn(schema, 'const')) return [schema.const];
  return Array.isArray(schema.enum) ? schema.enum : undefined;
}

/** The JSON type of a value (`integer` for whole numbers). */
export function typeOfValue(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string') return 'string';
  return 'object';
}

/** True when `types` accepts every value of type `t` (`number` accepts every `integer`). */
function covers(types: ReadonlySet<JsonType>, t: JsonType): boolean {
  return types.has(t) || (t === 'integer' && types.has('number'));
}

function listed(types: ReadonlySet<JsonType> | undefined): string {
  return types === undefined ? 'any type' : [...types].sort().join(' | ') || 'no type';
}

/**
 * Compares the JSON types of two schemas (null excluded: the caller compares it first). Returns false when the types
 * have nothing in common, so comparing their other keywords would mean nothing.
 *
 * @example
 * compareTypes(ctx, { type: 'number' }, { type: 'integer' }, '/properties/n') // adds type-narrowed
 */
export function compareTypes(ctx: DiffContext, before: JsonSchemaObject, after: JsonSchemaObject, at: string): boolean {
  const old = withoutNull(typeSet(before));
  const now = withoutNull(typeSet(after));
  if (old === undefined && now === undefined) return true;
  if (old === undefined) {
    ctx.add('type-narrowed', at, `type narrowed from any type to ${listed(now)}`);
    return true;
  }
  if (now === undefined) {
    ctx.add('type-widened', at, `type widened from ${listed(old)} to any type`);
    return true;
  }
  const removed = [...old].filter((t) => !covers(now, t));
  const added = [...now].filter((t) => !covers(old, t));
  if (removed.length > 0 && added.length > 0) {
    ctx.add('type-changed', at, `type changed from ${listed(old)} to ${listed(now)}`);
    return [...old].some((t) => covers(now, t) || (t === 'number' && now.has('integer')));
  }
  if (removed.length > 0) ctx.add('type-narrowed', at, `type narrowed from ${listed(old)} to ${listed(now)}`);
  if (added.length > 0) ctx.add('type-widened', at, `type widened from ${listed(old)} to ${listed(now)}`);
  return true;
}

function withoutNull(types: Set<JsonType> | undefined): Set<JsonType> | undefined {
  if (types === undefined) return undefined;
  const copy = new Set(types);
  copy.delete('null');
  return copy;
}

/**
 * Compares allowed values: values removed narrow the schema, values added widen it (both can happen at once).
 * `undefined` means no enumeration (any value of the type).
 *
 * @example
 * compareValues(ctx, ['a', 'b'], ['a'], '/properties/status') // adds enum-narrowed: value "b" no longer allowed
 */
export function compareValues(
  ctx: DiffContext,
  before: readonly unknown[] | undefined,
  after: readonly unknown[] | undefined,
  at: string,
): void {
  if (before === undefined && after === undefined) return;
  if (before === undefined) {
    ctx.add('enum-narrowed', at, `restricted to the values ${after!.map(shown).join(', ')}`);
    return;
  }
  if (after === undefined) {
    ctx.add('enum-widened', at, `no longer restricted to the values ${before.map(shown).join(', ')}`);
    return;
  }
  const removed = before.filter((v) => !after.some((w) => sameJson(v, w)));
  const added = after.filter((v) => !before.some((w) => sameJson(v, w)));
  if (removed.length > 0) {
    const s = removed.length === 1 ? '' : 's';
    ctx.add('enum-narrowed', at, `value${s} ${removed.map(shown).join(', ')} no longer allowed`);
  }
  if (added.length > 0) {
    const s = added.length === 1 ? '' : 's';
    ctx.add('enum-widened', at, `value${s} ${added.map(shown).join(', ')} newly allowed`);
  }
}
