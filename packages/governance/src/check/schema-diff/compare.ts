/**
 * `diffSchemas(before, after)`: every change between two JSON Schemas, each with the JSON Pointer of its place and
 * how it moved the set of accepted values. Whether a change breaks callers is for the rules (rules.ts): the same
 * change narrows what callers may send (input) or what they may receive (output).
 */
import { BOUND_KEYWORDS, compareBounds } from './bounds.js';
import { ANNOTATIONS, type DiffContext, sameJson } from './context.js';
import { compareArrays, compareObjects, STRUCTURE_KEYWORDS } from './objects.js';
import { asObject, resolveRef } from './refs.js';
import type { JsonSchema, JsonSchemaObject, SchemaChange, SchemaChangeKind } from './types.js';
import { compareTypes, compareValues, enumValues } from './types-and-values.js';
import { alternativesOf, compareBranches } from './unions.js';

const HANDLED: ReadonlySet<string> = new Set([
  ...ANNOTATIONS,
  ...BOUND_KEYWORDS,
  ...STRUCTURE_KEYWORDS,
  'type',
  'enum',
  'const',
  'anyOf',
  'oneOf',
  '$ref',
]);

/** Deeper than this, a schema is compared no further (a guard; real contracts are far shallower). */
const MAX_DEPTH = 64;

/**
 * The changes from `before` to `after`, in document order. `$ref`s are resolved within each schema (recursive
 * schemas are compared once per pair of places).
 *
 * @example
 * diffSchemas({ type: 'object', properties: { id: { type: 'number' } }, required: ['id'] },
 *             { type: 'object', properties: { id: { type: 'number', maximum: 10 } }, required: ['id'] })
 * // [{ kind: 'range-narrowed', pointer: '/properties/id/maximum', detail: 'upper bound added: ≤ 10' }]
 */
export function diffSchemas(before: JsonSchema, after: JsonSchema): SchemaChange[] {
  const changes: SchemaChange[] = [];
  const seen = new Map<object, Set<object>>();
  let depth = 0;
  const ctx: DiffContext = {
    changes,
    add(kind: SchemaChangeKind, pointer: string, detail: string) {
      changes.push({ kind, pointer, detail });
    },
    compare(oldNode, newNode, pointer) {
      const old = resolveRef(oldNode, before);
      const now = resolveRef(newNode, after);
      if (typeof old === 'object' && typeof now === 'object') {
        // a recursive schema meets the same pair again: already being compared
        const pairs = seen.get(old) ?? new Set<object>();
        if (pairs.has(now)) return;
        pairs.add(now);
        seen.set(old, pairs);
      }
      if (depth >= MAX_DEPTH) return;
      depth++;
      try {
        compareResolved(
          ctx,
          old,
          now,
          pointer,
          (node) => resolveRef(node, before),
          (node) => resolveRef(node, after),
        );
      } finally {
        depth--;
      }
    },
  };
  ctx.compare(before, after, '');
  return changes;
}

function compareResolved(
  ctx: DiffContext,
  oldNode: JsonSchema,
  newNode: JsonSchema,
  pointer: string,
  resolveOld: (node: JsonSchema) => JsonSchema,
  resolveNew: (node: JsonSchema) => JsonSchema,
): void {
  if (oldNode === newNode) return;
  if (oldNode === false) {
    ctx.add('type-widened', pointer, 'accepted no value, now accepts some');
    return;
  }
  if (newNode === false) {
    ctx.add('type-narrowed', pointer, 'accepts no value now');
    return;
  }
  const old = asObject(oldNode);
  const now = asObject(newNode);
  if (!containsRef(old) && !containsRef(now) && sameJson(withoutAnnotations(old), withoutAnnotations(now))) return;

  const oldAlternatives = alternativesOf(old, pointer, resolveOld);
  const newAlternatives = alternativesOf(now, pointer, resolveNew);
  if (oldAlternatives.nullable !== undefined && newAlternatives.nullable !== undefined) {
    if (!oldAlternatives.nullable && newAlternatives.nullable) ctx.add('null-added', pointer, 'null is accepted now');
    if (oldAlternatives.nullable && !newAlternatives.nullable) ctx.add('null-removed', pointer, 'null is refused now');
  }
  const [o, n] = [oldAlternatives.branches, newAlternatives.branches];
  if (o.length === 1 && n.length === 1) {
    compareOne(ctx, o[0]!.schema, n[0]!.schema, n[0]!.pointer);
    return;
  }
  if (o.length === 0 || n.length === 0) {
    // only null on one side: the null change says it all, or the other side's alternatives appeared / went
    for (const b of o) ctx.add('variant-removed', b.pointer, 'only null is accepted now');
    for (const b of n) ctx.add('variant-added', b.pointer, 'values other than null are accepted now');
    return;
  }
  compareBranches(ctx, o, n);
}

/** Two schemas that are not unions. */
function compareOne(ctx: DiffContext, old: JsonSchemaObject, now: JsonSchemaObject, pointer: string): void {
  const oldValues = enumValues(old);
  const newValues = enumValues(now);
  if (oldValues !== undefined && newValues !== undefined) {
    // the values say it all (their types included)
    compareValues(ctx, oldValues, newValues, pointer);
    return;
  }
  compareValues(ctx, oldValues, newValues, pointer);
  if (!compareTypes(ctx, old, now, pointer)) return;
  compareBounds(ctx, old, now, pointer);
  compareObjects(ctx, old, now, pointer);
  compareArrays(ctx, old, now, pointer);
  for (const keyword of new Set([...Object.keys(old), ...Object.keys(now)])) {
    if (HANDLED.has(keyword) || sameJson(old[keyword], now[keyword])) continue;
    ctx.add('unrecognized', `${pointer}/${keyword}`, `keyword "${keyword}" changed; the diff cannot tell how`);
  }
}

function withoutAnnotations(schema: JsonSchemaObject): JsonSchemaObject {
  return Object.fromEntries(Object.entries(schema).filter(([k]) => !ANNOTATIONS.has(k)));
}

function containsRef(schema: JsonSchemaObject): boolean {
  return JSON.stringify(schema).includes('"$ref"');
}
