/**
 * The vocabulary of the schema diff: a JSON Schema, and the changes found between two of them. A change says how the
 * set of values the schema accepts moved (narrowed, widened, changed); whether that breaks callers depends on which
 * way values flow (rules.ts): what callers send (input) or what they receive (output, error data).
 */

/** A JSON Schema (draft 2020-12, as schema libraries' converters write it): an object, or `true` / `false`. */
export type JsonSchema = boolean | JsonSchemaObject;

/** A JSON Schema object: keywords to values. */
export interface JsonSchemaObject {
  readonly [keyword: string]: unknown;
}

/** What changed at one place of a schema. */
export type SchemaChangeKind =
  /** A property is new, and required. */
  | 'field-added-required'
  /** A property is new, and optional. */
  | 'field-added-optional'
  /** A property is gone; the new object still accepts unknown properties. */
  | 'field-removed'
  /** A property is gone and the new object refuses unknown properties (`additionalProperties: false`). */
  | 'strict-field-removed'
  /** An optional property became required. */
  | 'field-made-required'
  /** A required property became optional. */
  | 'field-made-optional'
  /** Fewer JSON types are accepted (`number` → `integer`, any → `string`). */
  | 'type-narrowed'
  /** More JSON types are accepted. */
  | 'type-widened'
  /** Other JSON types: some accepted before are refused, some refused before are accepted (`string` → `number`). */
  | 'type-changed'
  /** `null` is accepted now. */
  | 'null-added'
  /** `null` is refused now. */
  | 'null-removed'
  /** Allowed values removed from an enumeration (or a value restricted to some). */
  | 'enum-narrowed'
  /** Allowed values added to an enumeration (or the enumeration dropped). */
  | 'enum-widened'
  /** A bound made tighter or added: minimum, maximum, lengths, item and property counts, multipleOf, pattern, format, uniqueItems. */
  | 'range-narrowed'
  /** A bound made looser or removed. */
  | 'range-widened'
  /** A pattern or format replaced by another: neither contains the other as far as the diff can tell. */
  | 'constraint-changed'
  /** The object refuses unknown properties now (`additionalProperties: false` added). */
  | 'made-strict'
  /** The object accepts unknown properties now (`additionalProperties: false` removed). */
  | 'made-lenient'
  /** A branch of a union (`anyOf` / `oneOf`) is gone. */
  | 'variant-removed'
  /** A union has a new branch. */
  | 'variant-added'
  /** A change of a keyword the diff does not model (`not`, `if`, `allOf` of another length, ...). */
  | 'unrecognized';

/** One change between two schemas. */
export interface SchemaChange {
  readonly kind: SchemaChangeKind;
  /** JSON Pointer of the place in the new schema (in the old one for something removed). */
  readonly pointer: string;
  /** What changed, in words: `maximum lowered from 100 to 50`. */
  readonly detail: string;
}
