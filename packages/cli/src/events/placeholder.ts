/**
 * The input of a sample event when the contract gives no example: the shape its input schema describes, each value a
 * placeholder naming its type (`{ "id": "<integer>", "tags": ["<string>"] }`).
 */
import type { JSONSchema } from '@lambdaport/governance';

/** The input when nothing is known of the schema. */
export const UNKNOWN_INPUT = { '<field>': '<value>' } as const;

/**
 * A placeholder value of `schema` (JSON Schema, as `loadContracts` converts a contract's input), or
 * {@link UNKNOWN_INPUT} without one.
 *
 * @example
 * placeholderOf({ type: 'object', properties: { id: { type: 'integer' } } }); // { id: '<integer>' }
 */
export function placeholderOf(schema: JSONSchema | undefined, depth = 0): unknown {
  if (schema === undefined || typeof schema !== 'object' || depth > 8) return depth === 0 ? UNKNOWN_INPUT : '<value>';
  const s = schema as Record<string, unknown>;
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  if (type === 'object' || (type === undefined && typeof s.properties === 'object')) {
    const properties = (s.properties ?? {}) as Record<string, JSONSchema>;
    const entries = Object.entries(properties);
    if (entries.length === 0) return depth === 0 ? UNKNOWN_INPUT : {};
    return Object.fromEntries(entries.map(([key, value]) => [key, placeholderOf(value, depth + 1)]));
  }
  if (type === 'array') return [placeholderOf(s.items as JSONSchema | undefined, depth + 1)];
  const options = (s.anyOf ?? s.oneOf) as JSONSchema[] | undefined;
  if (Array.isArray(options) && options.length > 0) return placeholderOf(options[0], depth);
  return typeof type === 'string' ? `<${type}>` : depth === 0 ? UNKNOWN_INPUT : '<value>';
}
