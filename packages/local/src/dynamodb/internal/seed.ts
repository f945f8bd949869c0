/**
 * Seeding a table just created from its seed file: plain JSON items converted to attribute values (key attributes to
 * their declared type), written 25 at a time with BatchWriteItem until nothing is left unprocessed.
 */
import { readFile } from 'node:fs/promises';
import type { LocalTable } from '@lambdaport/config';
import { type AttributeValue, toAttribute, toKeyAttribute } from './marshall.js';

/** Runs one DynamoDB operation in process (the service's `call`). */
export type Call = (operation: string, input: object) => Promise<unknown>;

/**
 * Writes the items of `file` into `table`; resolves with how many. Errors name the table, the file and the item.
 *
 * @example
 * const seeded = await seedTable(call, table, table.seedFile);
 */
export async function seedTable(call: Call, table: LocalTable, file: string): Promise<number> {
  const where = `seeding table ${table.tableName} from ${file}`;
  let items: unknown;
  try {
    items = JSON.parse(await readFile(file, 'utf8')) as unknown;
  } catch (error) {
    throw new Error(`${where}: ${(error as Error).message}`);
  }
  if (!Array.isArray(items)) throw new Error(`${where}: expected a JSON array of items`);
  const requests = items.map((item: unknown, index) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      throw new Error(`${where}: item ${index}: expected an object`);
    }
    const converted: Record<string, AttributeValue> = {};
    for (const [name, value] of Object.entries(item)) converted[name] = toAttribute(value);
    for (const key of [table.partitionKey, table.sortKey]) {
      if (key === undefined) continue;
      try {
        converted[key.name] = toKeyAttribute((item as Record<string, unknown>)[key.name], key.type);
      } catch (error) {
        throw new Error(`${where}: item ${index}: key attribute ${key.name}: ${(error as Error).message}`);
      }
    }
    return { PutRequest: { Item: converted } };
  });
  for (let start = 0; start < requests.length; start += 25) {
    let pending: unknown[] = requests.slice(start, start + 25);
    while (pending.length > 0) {
      let result: { UnprocessedItems?: Record<string, unknown[]> };
      try {
        result = (await call('BatchWriteItem', { RequestItems: { [table.tableName]: pending } })) as typeof result;
      } catch (error) {
        throw new Error(`${where}: items ${start} to ${start + pending.length - 1}: ${(error as Error).message}`);
      }
      pending = result.UnprocessedItems?.[table.tableName] ?? [];
    }
  }
  return requests.length;
}
