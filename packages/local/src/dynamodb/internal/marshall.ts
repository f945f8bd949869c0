/**
 * Plain JSON seed items → DynamoDB attribute values. Key attributes take the type the table declares.
 */

export type AttributeValue =
  | { S: string }
  | { N: string }
  | { B: string }
  | { BOOL: boolean }
  | { NULL: true }
  | { L: AttributeValue[] }
  | { M: Record<string, AttributeValue> };

/** Converts one JSON value. */
export function toAttribute(value: unknown): AttributeValue {
  if (value === null || value === undefined) return { NULL: true };
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number') return { N: String(value) };
  if (typeof value === 'boolean') return { BOOL: value };
  if (Array.isArray(value)) return { L: value.map(toAttribute) };
  if (typeof value === 'object') {
    return { M: Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toAttribute(v)])) };
  }
  throw new Error(`cannot store a ${typeof value} in DynamoDB`);
}

/** Converts a key attribute to its declared type, or explains why it cannot. */
export function toKeyAttribute(value: unknown, type: 'S' | 'N' | 'B'): AttributeValue {
  if (type === 'S' && typeof value === 'string') return { S: value };
  if (type === 'N' && typeof value === 'number' && Number.isFinite(value)) return { N: String(value) };
  if (type === 'N' && typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
    return { N: value };
  }
  if (type === 'B' && typeof value === 'string') return { B: value };
  throw new Error(
    `expected ${type === 'S' ? 'a string' : type === 'N' ? 'a number' : 'a base64 string'}, got ${JSON.stringify(value)}`,
  );
}
