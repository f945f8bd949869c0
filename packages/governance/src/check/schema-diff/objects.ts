/**
 * Objects and arrays: properties added, removed, made required or optional; unknown properties refused or
 * accepted (`additionalProperties`); property names; items and tuple items. Subschemas are compared through the
 * context (recursion).
 */
import { pointerChild } from '../json-pointer.js';
import { type DiffContext, sameJson } from './context.js';
import { isSchema } from './refs.js';
import type { JsonSchema, JsonSchemaObject } from './types.js';

/** The keywords this file compares. */
export const STRUCTURE_KEYWORDS: ReadonlySet<string> = new Set([
  'properties',
  'required',
  'additionalProperties',
  'propertyNames',
  'patternProperties',
  'items',
  'prefixItems',
]);

function schemasOf(value: unknown): Record<string, JsonSchema> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => isSchema(v))) as Record<string, JsonSchema>;
}

function requiredOf(schema: JsonSchemaObject): Set<string> {
  return new Set(Array.isArray(schema.required) ? schema.required.filter((r) => typeof r === 'string') : []);
}

/**
 * Compares the properties of two object schemas.
 *
 * @example
 * compareObjects(ctx, { properties: { a: {} } }, { properties: {} }, '') // adds field-removed at /properties/a
 */
export function compareObjects(ctx: DiffContext, before: JsonSchemaObject, after: JsonSchemaObject, at: string): void {
  const old = schemasOf(before.properties);
  const now = schemasOf(after.properties);
  const oldRequired = requiredOf(before);
  const nowRequired = requiredOf(after);
  const strictNow = after.additionalProperties === false;
  for (const name of Object.keys(old)) {
    if (Object.hasOwn(now, name)) continue;
    const where = pointerChild(`${at}/properties`, name);
    const was = oldRequired.has(name) ? 'required' : 'optional';
    if (strictNow) ctx.add('strict-field-removed', where, `${was} field "${name}" removed; unknown fields are refused`);
    else ctx.add('field-removed', where, `${was} field "${name}" removed`);
  }
  for (const [name, schema] of Object.entries(now)) {
    const where = pointerChild(`${at}/properties`, name);
    if (!Object.hasOwn(old, name)) {
      if (nowRequired.has(name)) ctx.add('field-added-required', where, `required field "${name}" added`);
      else ctx.add('field-added-optional', where, `optional field "${name}" added`);
      continue;
    }
    if (!oldRequired.has(name) && nowRequired.has(name)) {
      ctx.add('field-made-required', where, `field "${name}" made required`);
    } else if (oldRequired.has(name) && !nowRequired.has(name)) {
      ctx.add('field-made-optional', where, `field "${name}" made optional`);
    }
    ctx.compare(old[name]!, schema, where);
  }
  compareAdditional(ctx, before.additionalProperties, after.additionalProperties, `${at}/additionalProperties`);
  compareOptionalSchema(ctx, before.propertyNames, after.propertyNames, `${at}/propertyNames`, 'property names');
  if (!sameJson(before.patternProperties, after.patternProperties)) {
    ctx.add('unrecognized', `${at}/patternProperties`, 'patternProperties changed');
  }
}

/** `additionalProperties`: `false` (unknown properties refused), absent or `true` (accepted), or a schema. */
function compareAdditional(ctx: DiffContext, before: unknown, after: unknown, at: string): void {
  const old = before === undefined ? true : before;
  const now = after === undefined ? true : after;
  if (old === now) return;
  if (now === false) {
    ctx.add('made-strict', at, 'unknown fields are refused now (additionalProperties: false)');
    return;
  }
  if (old === false) {
    ctx.add('made-lenient', at, 'unknown fields are accepted now');
    return;
  }
  compareOptionalSchema(ctx, old === true ? undefined : old, now === true ? undefined : now, at, 'other properties');
}

/** A keyword holding a subschema that may be absent: added narrows, removed widens, both present recurse. */
function compareOptionalSchema(ctx: DiffContext, before: unknown, after: unknown, at: string, what: string): void {
  const old = isSchema(before) ? before : undefined;
  const now = isSchema(after) ? after : undefined;
  if (old === undefined && now === undefined) return;
  if (old === undefined) {
    ctx.add('type-narrowed', at, `${what} must match a schema now`);
    return;
  }
  if (now === undefined) {
    ctx.add('type-widened', at, `${what} need not match a schema any more`);
    return;
  }
  ctx.compare(old, now, at);
}

/**
 * Compares the items of two array schemas (`items`, and tuples' `prefixItems` position by position).
 *
 * @example
 * compareArrays(ctx, { items: { type: 'string' } }, { items: { type: 'number' } }, '') // type-changed at /items
 */
export function compareArrays(ctx: DiffContext, before: JsonSchemaObject, after: JsonSchemaObject, at: string): void {
  compareOptionalSchema(ctx, before.items, after.items, `${at}/items`, 'items');
  const old = Array.isArray(before.prefixItems) ? before.prefixItems.filter(isSchema) : [];
  const now = Array.isArray(after.prefixItems) ? after.prefixItems.filter(isSchema) : [];
  const common = Math.min(old.length, now.length);
  for (let i = 0; i < common; i++) ctx.compare(old[i]!, now[i]!, `${at}/prefixItems/${i}`);
  // a position one side lists and the other leaves to its `items`: compared with that schema (a position `items:
  // false` forbade shows as a changed maxItems instead)
  for (let i = common; i < now.length; i++) {
    if (isSchema(before.items) && before.items !== false) ctx.compare(before.items, now[i]!, `${at}/prefixItems/${i}`);
  }
  for (let i = common; i < old.length; i++) {
    if (isSchema(after.items) && after.items !== false) ctx.compare(old[i]!, after.items, `${at}/items`);
  }
}
