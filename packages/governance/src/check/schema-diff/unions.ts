/**
 * A schema seen as alternatives: the branches of `anyOf` / `oneOf` (or the schema itself), with `null` taken out
 * (`type: ['string', 'null']`, or a `{ type: 'null' }` branch) so that "made nullable" is one change, and unions of
 * plain types or of constants folded into one type list or enumeration. Branches of two unions are paired by a
 * discriminating constant or their type, so a changed branch is compared with its counterpart.
 */
import { ANNOTATIONS, type DiffContext, sameJson, shown } from './context.js';
import { asObject, isSchema } from './refs.js';
import type { JsonSchema, JsonSchemaObject } from './types.js';
import { enumValues, type JsonType, typeSet } from './types-and-values.js';

/** One alternative of a schema and where it is. */
export interface Branch {
  readonly schema: JsonSchemaObject;
  readonly pointer: string;
}

/** A schema as alternatives. */
export interface Alternatives {
  readonly branches: readonly Branch[];
  /** Whether `null` is accepted; undefined when the schema does not restrict types (null is then one of any). */
  readonly nullable: boolean | undefined;
}

/**
 * The alternatives of a resolved schema. `resolve` resolves a branch's `$ref`.
 *
 * @example
 * alternativesOf({ anyOf: [{ type: 'string' }, { type: 'null' }] }, '', (s) => s)
 * // { branches: [{ schema: { type: 'string' }, pointer: '/anyOf/0' }], nullable: true }
 */
export function alternativesOf(
  schema: JsonSchemaObject,
  pointer: string,
  resolve: (node: JsonSchema) => JsonSchema,
): Alternatives {
  const keyword = Array.isArray(schema.anyOf) ? 'anyOf' : Array.isArray(schema.oneOf) ? 'oneOf' : undefined;
  const own = Object.keys(schema).filter((k) => !ANNOTATIONS.has(k));
  if (keyword === undefined || own.length !== 1) return single(schema, pointer);
  const raw = (schema[keyword] as unknown[]).map((node, i) => ({
    schema: asObject(resolve(isSchema(node) ? node : true)),
    pointer: `${pointer}/${keyword}/${i}`,
  }));
  let nullable: boolean | undefined = false;
  const branches: Branch[] = [];
  for (const branch of raw) {
    const one = single(branch.schema, branch.pointer);
    if (one.nullable === undefined) nullable = undefined;
    else if (one.nullable && nullable !== undefined) nullable = true;
    branches.push(...one.branches);
  }
  return { branches: fold(branches, pointer), nullable };
}

/** A schema that is not a union: its nullability, and itself without `null`. */
function single(schema: JsonSchemaObject, pointer: string): Alternatives {
  const types = typeSet(schema);
  if (types === undefined) return { branches: [{ schema, pointer }], nullable: undefined };
  if (!types.has('null')) return { branches: [{ schema, pointer }], nullable: false };
  const rest = withoutNull(schema);
  return { branches: rest === undefined ? [] : [{ schema: rest, pointer }], nullable: true };
}

/** The schema with `null` removed from its types and values; undefined when nothing else is left. */
function withoutNull(schema: JsonSchemaObject): JsonSchemaObject | undefined {
  const copy: Record<string, unknown> = { ...schema };
  if (Array.isArray(copy.type)) {
    const left = copy.type.filter((t) => t !== 'null');
    if (left.length === 0) return undefined;
    copy.type = left.length === 1 ? left[0] : left;
  } else if (copy.type === 'null') {
    return undefined;
  }
  const values = enumValues(schema);
  if (values !== undefined) {
    const left = values.filter((v) => v !== null);
    if (left.length === 0) return undefined;
    delete copy.const;
    copy.enum = left;
  }
  return copy;
}

/** Only `type` (and annotations): a branch that is a plain type. */
function isPlainType(schema: JsonSchemaObject): boolean {
  return Object.keys(schema).every((k) => k === 'type' || ANNOTATIONS.has(k));
}

/** Only constants (`const` / `enum`, maybe with their `type`). */
function isConstants(schema: JsonSchemaObject): boolean {
  return (
    enumValues(schema) !== undefined &&
    Object.keys(schema).every((k) => k === 'type' || k === 'const' || k === 'enum' || ANNOTATIONS.has(k))
  );
}

/** Folds a union of plain types into one type list, and a union of constants into one enumeration. */
function fold(branches: Branch[], pointer: string): Branch[] {
  if (branches.length < 2) return branches;
  if (branches.every((b) => isPlainType(b.schema))) {
    const types = new Set<JsonType>(branches.flatMap((b) => [...(typeSet(b.schema) ?? [])]));
    return [{ schema: { type: [...types] }, pointer }];
  }
  if (branches.every((b) => isConstants(b.schema))) {
    return [{ schema: { enum: branches.flatMap((b) => enumValues(b.schema) ?? []) }, pointer }];
  }
  return branches;
}

/** What pairs a branch with its counterpart: a discriminating constant property, else its types. */
function keyOf(schema: JsonSchemaObject): string {
  const properties = schema.properties;
  if (typeof properties === 'object' && properties !== null) {
    for (const [name, property] of Object.entries(properties)) {
      const values = isSchema(property) ? enumValues(asObject(property)) : undefined;
      if (values?.length === 1) return `object ${name}=${JSON.stringify(values[0])}`;
    }
  }
  const types = typeSet(schema);
  return types === undefined ? 'any' : [...types].sort().join('|');
}

/**
 * Compares two lists of alternatives: identical branches pair first, then by key, then a last one on each side with
 * no discriminating constant; a branch with no counterpart was removed or added.
 *
 * @example
 * compareBranches(ctx, [{ schema: { type: 'string' }, pointer: '/anyOf/0' }], []) // adds variant-removed
 */
export function compareBranches(ctx: DiffContext, before: readonly Branch[], after: readonly Branch[]): void {
  const unpairedOld = [...before];
  const unpairedNew = [...after];
  const pairs: [Branch, Branch][] = [];
  const take = (match: (o: Branch, n: Branch) => boolean): void => {
    for (const o of [...unpairedOld]) {
      const i = unpairedNew.findIndex((n) => match(o, n));
      if (i < 0) continue;
      pairs.push([o, unpairedNew[i]!]);
      unpairedNew.splice(i, 1);
      unpairedOld.splice(unpairedOld.indexOf(o), 1);
    }
  };
  take((o, n) => sameJson(o.schema, n.schema));
  take((o, n) => keyOf(o.schema) === keyOf(n.schema));
  // one left on each side, neither named by a discriminating constant: the same alternative, changed
  const undiscriminated = (b: Branch) => !keyOf(b.schema).startsWith('object ');
  if (unpairedOld.length === 1 && unpairedNew.length === 1) {
    take((o, n) => undiscriminated(o) && undiscriminated(n));
  }
  for (const [o, n] of pairs) ctx.compare(o.schema, n.schema, n.pointer);
  for (const o of unpairedOld) ctx.add('variant-removed', o.pointer, `alternative ${describe(o.schema)} removed`);
  for (const n of unpairedNew) ctx.add('variant-added', n.pointer, `alternative ${describe(n.schema)} added`);
}

function describe(schema: JsonSchemaObject): string {
  const key = keyOf(schema);
  return key.startsWith('object ') ? `with ${key.slice(7)}` : shown(key);
}
