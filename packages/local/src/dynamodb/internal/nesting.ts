/**
 * DynamoDB's nesting limit, checked before dynalite sees a request: an attribute value may be nested at most 32 levels
 * deep (a scalar inside 31 maps or lists). dynalite walks values recursively and, given a value nested a few hundred
 * levels deep, overflows the stack; AWS refuses such values with 400 ValidationException.
 *
 * Attribute values travel in known places of each operation's input; {@link deepestValue} visits exactly those. The
 * walk stops one level past the limit, so an attacker's depth costs nothing.
 */

/** The deepest an attribute value may nest, counting the scalar at the bottom as one level (AWS's limit). */
export const MAX_NESTING_LEVELS = 32;

/** AWS's words for a value nested too deep. */
export const NESTING_MESSAGE =
  'Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Levels of one attribute value: 1 for a scalar, 1 + the deepest member for M and L; stops past `limit`. */
function levels(value: unknown, limit: number): number {
  if (!isObject(value)) return 1;
  let children: unknown[] | undefined;
  if (isObject(value.M)) children = Object.values(value.M);
  else if (Array.isArray(value.L)) children = value.L;
  if (children === undefined) return 1;
  if (limit <= 1) return 2; // already past the limit: no need to look deeper
  let deepest = 0;
  for (const child of children) {
    deepest = Math.max(deepest, levels(child, limit - 1));
    if (deepest >= limit) break;
  }
  return 1 + deepest;
}

/** The deepest value of a map of attribute values (an item, a key, ExpressionAttributeValues). */
function deepestInMap(map: unknown, limit: number): number {
  if (!isObject(map)) return 0;
  let deepest = 0;
  for (const value of Object.values(map)) deepest = Math.max(deepest, levels(value, limit));
  return deepest;
}

function deepestInList(list: unknown, limit: number): number {
  if (!Array.isArray(list)) return 0;
  let deepest = 0;
  for (const value of list) deepest = Math.max(deepest, levels(value, limit));
  return deepest;
}

/** `Expected`, `KeyConditions`, `QueryFilter`, `ScanFilter`, `AttributeUpdates`: name → { Value?, AttributeValueList? }. */
function deepestInConditions(conditions: unknown, limit: number): number {
  if (!isObject(conditions)) return 0;
  let deepest = 0;
  for (const condition of Object.values(conditions)) {
    if (!isObject(condition)) continue;
    if ('Value' in condition) deepest = Math.max(deepest, levels(condition.Value, limit));
    deepest = Math.max(deepest, deepestInList(condition.AttributeValueList, limit));
  }
  return deepest;
}

/** The places of one request (or one write of a batch) that hold attribute values. */
function deepestInRequest(input: Json, limit: number): number {
  return Math.max(
    deepestInMap(input.Item, limit),
    deepestInMap(input.Key, limit),
    deepestInMap(input.ExclusiveStartKey, limit),
    deepestInMap(input.ExpressionAttributeValues, limit),
    deepestInConditions(input.Expected, limit),
    deepestInConditions(input.AttributeUpdates, limit),
    deepestInConditions(input.KeyConditions, limit),
    deepestInConditions(input.QueryFilter, limit),
    deepestInConditions(input.ScanFilter, limit),
  );
}

/** BatchWriteItem: table → [{ PutRequest: { Item } } | { DeleteRequest: { Key } }]; BatchGetItem: table → { Keys }. */
function deepestInBatch(requestItems: unknown, limit: number): number {
  if (!isObject(requestItems)) return 0;
  let deepest = 0;
  for (const entry of Object.values(requestItems)) {
    if (Array.isArray(entry)) {
      for (const write of entry) {
        if (!isObject(write)) continue;
        if (isObject(write.PutRequest)) deepest = Math.max(deepest, deepestInMap(write.PutRequest.Item, limit));
        if (isObject(write.DeleteRequest)) deepest = Math.max(deepest, deepestInMap(write.DeleteRequest.Key, limit));
      }
    } else if (isObject(entry) && Array.isArray(entry.Keys)) {
      for (const key of entry.Keys) deepest = Math.max(deepest, deepestInMap(key, limit));
    }
  }
  return deepest;
}

/**
 * The deepest attribute value of a request, in levels (1 for a scalar), counted up to one past
 * {@link MAX_NESTING_LEVELS}. Every operation's places are visited: items, keys, starting keys, expression values,
 * legacy conditions and updates, and the requests of BatchWriteItem and BatchGetItem.
 *
 * @example
 * deepestValue({ TableName: 't', Item: { id: { S: 'x' }, m: { M: { a: { S: 'y' } } } } }); // 2
 */
export function deepestValue(input: unknown): number {
  if (!isObject(input)) return 0;
  const limit = MAX_NESTING_LEVELS + 1;
  return Math.max(deepestInRequest(input, limit), deepestInBatch(input.RequestItems, limit));
}
