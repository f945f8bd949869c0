/**
 * A JSON Schema as readable rows: one per field (nested objects and arrays of objects flattened as `lines[].sku`),
 * with its type, whether it is required, its constraints, its description and an example.
 */
import type { JSONSchema } from '../contracts/types.js';

/** One field of a schema. */
export interface FieldRow {
  /** `id`, `lines[].sku`; empty for a value that is not an object (the whole value). */
  readonly field: string;
  /** `integer`, `string (date-time)`, `"active" | "archived"`, `array of string`, `string | null`. */
  readonly type: string;
  readonly required: boolean;
  /** `≥ 0`, `length ≤ 64`, `default "x"`, `no other fields`. */
  readonly constraints: readonly string[];
  readonly description: string | undefined;
  /** An example value: the schema's own `examples`, else the contract example's value at this field. */
  readonly example: { readonly value: unknown } | undefined;
}

type Schema = { readonly [key: string]: unknown };

const SAFE = Number.MAX_SAFE_INTEGER;

/**
 * The rows of `schema`. `example` is a value of the schema (a contract example's input or output) to show per field.
 *
 * @example
 * fieldRows({ type: 'object', properties: { id: { type: 'integer', minimum: 0 } }, required: ['id'] });
 * // [{ field: 'id', type: 'integer', required: true, constraints: ['≥ 0'], description: undefined, example: undefined }]
 */
export function fieldRows(schema: JSONSchema, example?: { readonly value: unknown }): FieldRow[] {
  const rows: FieldRow[] = [];
  const defs = (schema.$defs ?? {}) as Record<string, Schema>;
  const walk = (node: Schema, field: string, required: boolean, sample: Sample, seen: readonly string[]): void => {
    const ref = refName(node);
    if (ref !== undefined && defs[ref] !== undefined && !seen.includes(ref)) {
      walk({ ...defs[ref], ...withoutRef(node) }, field, required, sample, [...seen, ref]);
      return;
    }
    const properties = node.properties as Record<string, Schema> | undefined;
    const items = node.items as Schema | undefined;
    if (properties !== undefined && ref === undefined) {
      // the items of an array of objects: the array's row says it
      if (field !== '' && !field.endsWith('[]')) rows.push(row(node, field, required, sample));
      const requiredKeys = new Set((node.required as string[] | undefined) ?? []);
      for (const [key, child] of Object.entries(properties)) {
        walk(child, field === '' ? key : `${field}.${key}`, requiredKeys.has(key), at(sample, key), seen);
      }
      return;
    }
    if (items?.properties !== undefined && ref === undefined) {
      rows.push(row(node, field, required, sample));
      walk(items, `${field}[]`, true, at(sample, 0), seen);
      return;
    }
    rows.push(row(node, field, required, sample));
  };
  walk(schema, '', true, example === undefined ? undefined : { value: example.value }, []);
  return rows;
}

/** A value at a place of the example, when the example has one. */
type Sample = { readonly value: unknown } | undefined;

function at(sample: Sample, key: string | number): Sample {
  const value = sample?.value;
  if (typeof key === 'number') return Array.isArray(value) && value.length > 0 ? { value: value[0] } : undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, key)) {
    return undefined;
  }
  return { value: (value as Record<string, unknown>)[key] };
}

function row(node: Schema, field: string, required: boolean, sample: Sample): FieldRow {
  const own = Array.isArray(node.examples) && node.examples.length > 0 ? { value: node.examples[0] } : undefined;
  const isContainer = node.type === 'object' || node.type === 'array';
  return {
    field,
    type: typeOf(node),
    required,
    constraints: constraintsOf(node),
    description: typeof node.description === 'string' ? node.description : undefined,
    example: own ?? (isContainer ? undefined : sample),
  };
}

function refName(node: Schema): string | undefined {
  return typeof node.$ref === 'string' && node.$ref.startsWith('#/$defs/')
    ? node.$ref.slice('#/$defs/'.length)
    : undefined;
}

function withoutRef(node: Schema): Schema {
  const { $ref: _ref, ...rest } = node;
  return rest;
}

/**
 * The type of a schema in a few words.
 *
 * @example
 * typeOf({ type: ['string', 'null'] }); // 'string | null'
 */
export function typeOf(node: Schema): string {
  const ref = refName(node);
  if (ref !== undefined) return ref;
  if ('const' in node) return JSON.stringify(node.const);
  if (Array.isArray(node.enum)) return node.enum.map((value) => JSON.stringify(value)).join(' | ');
  const branches = (node.anyOf ?? node.oneOf) as Schema[] | undefined;
  if (Array.isArray(branches)) return [...new Set(branches.map(typeOf))].join(' | ');
  const type = node.type;
  if (Array.isArray(type)) return type.map((one) => typeOf({ ...node, type: one })).join(' | ');
  switch (type) {
    case 'array': {
      const items = node.items as Schema | undefined;
      if (Array.isArray(node.prefixItems)) return `tuple [${(node.prefixItems as Schema[]).map(typeOf).join(', ')}]`;
      return items === undefined ? 'array' : `array of ${typeOf(items)}`;
    }
    case 'object': {
      const extra = node.additionalProperties;
      if (node.properties === undefined && typeof extra === 'object' && extra !== null) {
        return `map of ${typeOf(extra as Schema)}`;
      }
      return 'object';
    }
    case 'string':
      return typeof node.format === 'string' ? `string (${node.format})` : 'string';
    case undefined:
      return node.allOf !== undefined ? 'all of several schemas' : 'any';
    default:
      return String(type);
  }
}

/**
 * The constraints of a schema in a few words each.
 *
 * @example
 * constraintsOf({ type: 'integer', minimum: 1, maximum: 100 }); // ['≥ 1', '≤ 100']
 */
export function constraintsOf(node: Schema): string[] {
  const out: string[] = [];
  // a union's branches (a nullable string's string) carry theirs
  const branches = (node.anyOf ?? node.oneOf) as Schema[] | undefined;
  if (Array.isArray(branches)) {
    for (const branch of branches) for (const c of constraintsOf(branch)) if (!out.includes(c)) out.push(c);
  }
  const integer = node.type === 'integer';
  const num = (key: string): number | undefined => (typeof node[key] === 'number' ? (node[key] as number) : undefined);
  const minimum = num('minimum');
  const maximum = num('maximum');
  // zod's int() bounds an integer by the safe integers: implied by "integer", not worth a word
  if (minimum !== undefined && !(integer && minimum === -SAFE)) out.push(`≥ ${minimum}`);
  if (num('exclusiveMinimum') !== undefined) out.push(`> ${num('exclusiveMinimum')}`);
  if (maximum !== undefined && !(integer && maximum === SAFE)) out.push(`≤ ${maximum}`);
  if (num('exclusiveMaximum') !== undefined) out.push(`< ${num('exclusiveMaximum')}`);
  if (num('multipleOf') !== undefined) out.push(`multiple of ${num('multipleOf')}`);
  const minLength = num('minLength');
  const maxLength = num('maxLength');
  if (minLength !== undefined && minLength === maxLength) out.push(`length ${minLength}`);
  else {
    if (minLength !== undefined) out.push(`length ≥ ${minLength}`);
    if (maxLength !== undefined) out.push(`length ≤ ${maxLength}`);
  }
  // a format (date-time, email...) says what its pattern spells out
  if (typeof node.pattern === 'string' && node.format === undefined) out.push(`pattern ${node.pattern}`);
  if (num('minItems') !== undefined) out.push(`items ≥ ${num('minItems')}`);
  if (num('maxItems') !== undefined) out.push(`items ≤ ${num('maxItems')}`);
  if (node.uniqueItems === true) out.push('unique items');
  if (num('minProperties') !== undefined) out.push(`fields ≥ ${num('minProperties')}`);
  if ('default' in node) out.push(`default ${JSON.stringify(node.default)}`);
  if (node.type === 'object' && node.additionalProperties === false) out.push('no other fields');
  return out;
}
