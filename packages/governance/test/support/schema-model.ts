/**
 * A small model of object schemas for property tests: random trees of fields (strings, numbers, booleans, enums,
 * arrays, nested objects; optional, nullable, strict or not), turned into real zod schemas, mutated by changes whose
 * verdict is known, and given random values that satisfy them.
 */
import fc from 'fast-check';
import { z } from 'zod';

/** A node of the model. */
export type ModelNode =
  | { readonly kind: 'string'; readonly minLength?: number; readonly maxLength?: number }
  | { readonly kind: 'number'; readonly int: boolean; readonly min?: number; readonly max?: number }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  | { readonly kind: 'array'; readonly item: ModelNode; readonly maxItems?: number }
  | ModelObject;

/** An object of the model. */
export interface ModelObject {
  readonly kind: 'object';
  readonly strict: boolean;
  readonly fields: readonly ModelField[];
}

/** A field of an object. */
export interface ModelField {
  readonly name: string;
  readonly node: ModelNode;
  readonly optional: boolean;
  readonly nullable: boolean;
}

const NAMES = ['id', 'name', 'title', 'status', 'count', 'tags', 'price', 'owner', 'at', 'kind'];

const stringNode = fc
  .record({ minLength: fc.option(fc.nat(4), { nil: undefined }), extra: fc.option(fc.nat(8), { nil: undefined }) })
  .map(
    ({ minLength, extra }): ModelNode => ({
      kind: 'string',
      ...(minLength !== undefined && { minLength }),
      ...(extra !== undefined && { maxLength: (minLength ?? 0) + extra }),
    }),
  );

const numberNode = fc
  .record({
    int: fc.boolean(),
    min: fc.option(fc.integer({ min: -100, max: 100 }), { nil: undefined }),
    span: fc.option(fc.integer({ min: 1, max: 200 }), { nil: undefined }),
  })
  .map(
    ({ int, min, span }): ModelNode => ({
      kind: 'number',
      int,
      ...(min !== undefined && { min }),
      ...(span !== undefined && { max: (min ?? 0) + span }),
    }),
  );

const enumNode = fc
  .uniqueArray(fc.constantFrom('red', 'green', 'blue', 'cyan', 'black'), { minLength: 1, maxLength: 4 })
  .map((values): ModelNode => ({ kind: 'enum', values }));

const leaf: fc.Arbitrary<ModelNode> = fc.oneof(stringNode, numberNode, fc.constant({ kind: 'boolean' }), enumNode);

/** Random object schemas, nested up to three levels. */
export const modelObject: fc.Arbitrary<ModelObject> = fc.letrec<{ node: ModelNode; object: ModelObject }>((tie) => ({
  node: fc.oneof(
    { maxDepth: 3, depthIdentifier: 'schema' },
    leaf,
    leaf,
    tie('object'),
    fc
      .record({ item: tie('node'), maxItems: fc.option(fc.nat(5), { nil: undefined }) })
      .map(({ item, maxItems }): ModelNode => ({ kind: 'array', item, ...(maxItems !== undefined && { maxItems }) })),
  ),
  object: fc
    .record({
      strict: fc.boolean(),
      fields: fc.uniqueArray(
        fc.record({
          name: fc.constantFrom(...NAMES),
          node: tie('node'),
          optional: fc.boolean(),
          nullable: fc.boolean(),
        }),
        { selector: (f) => f.name, maxLength: 4 },
      ),
    })
    .map((o): ModelObject => ({ kind: 'object', ...o })),
})).object;

/**
 * The same tree with every object accepting unknown fields: how the gate sees an output (converters write
 * `additionalProperties: false` for every object's output form, strict or not, so a new output field is judged as
 * for a `z.object`, which strips it; docs/compatibility.md says so).
 */
export function lenient<T extends ModelNode>(node: T): T {
  if (node.kind === 'array') return { ...node, item: lenient(node.item) };
  if (node.kind !== 'object') return node;
  return { ...node, strict: false, fields: node.fields.map((f) => ({ ...f, node: lenient(f.node) })) };
}

/** The zod schema of a model node. */
export function toZod(node: ModelNode): z.ZodType {
  switch (node.kind) {
    case 'string': {
      let s = z.string();
      if (node.minLength !== undefined) s = s.min(node.minLength);
      if (node.maxLength !== undefined) s = s.max(node.maxLength);
      return s;
    }
    case 'number': {
      let n = node.int ? z.number().int() : z.number();
      if (node.min !== undefined) n = n.min(node.min);
      if (node.max !== undefined) n = n.max(node.max);
      return n;
    }
    case 'boolean':
      return z.boolean();
    case 'enum':
      return z.enum(node.values as [string, ...string[]]);
    case 'array': {
      const a = z.array(toZod(node.item));
      return node.maxItems === undefined ? a : a.max(node.maxItems);
    }
    case 'object': {
      const shape: Record<string, z.ZodType> = {};
      for (const f of node.fields) {
        let s = toZod(f.node);
        if (f.nullable) s = s.nullable();
        if (f.optional) s = s.optional();
        shape[f.name] = s;
      }
      return node.strict ? z.strictObject(shape) : z.object(shape);
    }
  }
}

/** Random values that satisfy a model node. */
export function valuesOf(node: ModelNode): fc.Arbitrary<unknown> {
  switch (node.kind) {
    case 'string':
      return fc.string({ minLength: node.minLength ?? 0, maxLength: node.maxLength ?? 12 });
    case 'number':
      return node.int
        ? fc.integer({ min: node.min ?? -1000, max: node.max ?? 1000 })
        : fc.double({ min: node.min ?? -1000, max: node.max ?? 1000, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...node.values);
    case 'array':
      return fc.array(valuesOf(node.item), { maxLength: node.maxItems ?? 3 });
    case 'object': {
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const f of node.fields) {
        const value = valuesOf(f.node);
        model[f.name] = f.nullable ? fc.option(value, { nil: null }) : value;
      }
      return fc.record(model, { requiredKeys: node.fields.filter((f) => !f.optional).map((f) => f.name) });
    }
  }
}
