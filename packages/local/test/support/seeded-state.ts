/**
 * A DynamoDB state folder with items in LevelDB table files (`.ldb`), made by the real runtime: items are written
 * through a runtime process, which is stopped and started once more so that LevelDB moves its log into a table file.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { BatchWriteItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ROBUST_SERVICE, startRuntimeProcess } from './runtime-process.js';

/** The table of the robust fixture service. */
export const ROBUST_TABLE = 'dev-robust-items';

/** Item `i` of a seeded state: `id` `item-<i>`, a body of ~200 varied characters. */
export function seededItem(i: number): Record<string, { S: string }> {
  return { id: { S: `item-${i}` }, body: { S: `${i}:`.padEnd(200, String.fromCharCode(97 + (i % 26))) } };
}

/**
 * Writes `count` items ({@link seededItem}) into `<state>/dynamodb` through a runtime process; resolves with the
 * paths of the table files.
 *
 * @example
 * const tables = await seedState(path.join(work, 'state'), 3000);
 */
export async function seedState(state: string, count: number): Promise<string[]> {
  const first = await startRuntimeProcess({ dirs: [ROBUST_SERVICE], state });
  const client = new DynamoDBClient({
    endpoint: first.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  try {
    for (let start = 0; start < count; start += 25) {
      const items = [];
      for (let i = start; i < Math.min(count, start + 25); i++) items.push({ PutRequest: { Item: seededItem(i) } });
      await client.send(new BatchWriteItemCommand({ RequestItems: { [ROBUST_TABLE]: items } }));
    }
  } finally {
    client.destroy();
    await first.stop();
  }
  // LevelDB writes its log into a table file when it opens the store again.
  const second = await startRuntimeProcess({ dirs: [ROBUST_SERVICE], state });
  await second.stop();
  const folder = path.join(state, 'dynamodb');
  return readdirSync(folder)
    .filter((name) => name.endsWith('.ldb'))
    .map((name) => path.join(folder, name));
}
