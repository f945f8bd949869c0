/**
 * `$ref` inside one schema document: `#` (the root, for recursive schemas) and `#/$defs/...` pointers, as schema
 * libraries' converters write them. A reference to anything else is left as it is (the diff then compares it as
 * written).
 */
import { pointerTokens } from '../json-pointer.js';
import type { JsonSchema, JsonSchemaObject } from './types.js';

const MAX_CHAIN = 32;

/**
 * A schema with its `$ref` resolved against `root`: the target's keywords, with the referring node's other
 * keywords (annotations such as `description`) over them.
 *
 * @example
 * resolveRef({ $ref: '#/$defs/Id' }, { $defs: { Id: { type: 'string' } } }) // { type: 'string' }
 */
export function resolveRef(node: JsonSchema, root: JsonSchema): JsonSchema {
  let current = node;
  for (let i = 0; i < MAX_CHAIN; i++) {
    if (typeof current !== 'object' || typeof current.$ref !== 'string') return current;
    const target = lookUp(root, current.$ref);
    if (target === undefined) return current;
    const { $ref: _ref, ...siblings } = current;
    if (Object.keys(siblings).length === 0) current = target;
    else if (typeof target === 'boolean') return target;
    else current = { ...target, ...siblings };
  }
  return current;
}

function lookUp(root: JsonSchema, ref: string): JsonSchema | undefined {
  if (!ref.startsWith('#')) return undefined;
  let value: unknown = root;
  for (const token of pointerTokens(decodeURIComponent(ref.slice(1)))) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[token];
  }
  return isSchema(value) ? value : undefined;
}

/** True for a value that is a JSON Schema (an object or a boolean). */
export function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'boolean' || (typeof value === 'object' && value !== null && !Array.isArray(value));
}

/** The schema object of a node (`true` is `{}`, `false` is `{ not: {} }`). */
export function asObject(node: JsonSchema): JsonSchemaObject {
  if (node === true) return {};
  if (node === false) return { not: {} };
  return node;
}
