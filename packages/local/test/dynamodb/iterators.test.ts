/**
 * Scans and queries close their LevelDB iterators. dynalite's value streams closed them with `iterator.return`, which
 * abstract-level iterators do not have: every Scan and Query left an iterator open on the store, holding a snapshot,
 * 1 to 1.6 KB of memory each for as long as the runtime ran (the 10-minute soak's runtime grew from 73 to 207 MiB).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDynamoDbService, type DynamoDbService } from '../../src/dynamodb/index.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Heap in use after full collections, in MiB. */
function heapMiB(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

const TABLE = 'dev-robust-items';
let work: string;
let dynamodb: DynamoDbService;
beforeEach(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'lambdaport-iterators-'));
  dynamodb = await createDynamoDbService({ path: path.join(work, 'dynamodb') });
  await dynamodb.ensureTables([
    {
      name: 'items',
      service: 'robust',
      stage: 'dev',
      tableName: TABLE,
      tableArn: `arn:aws:dynamodb:us-east-1:000000000000:table/${TABLE}`,
      partitionKey: { name: 'id', type: 'S' },
      sortKey: undefined,
      seedFile: undefined,
    },
  ]);
  for (let i = 0; i < 50; i++) {
    await dynamodb.call('PutItem', { TableName: TABLE, Item: { id: { S: `k${i}` }, v: { S: 'x'.repeat(100) } } });
  }
});
afterEach(async () => {
  await dynamodb.close();
  rmSync(work, { recursive: true, force: true });
});

describe('LevelDB iterators of scans and queries', () => {
  it('are closed: 4,000 scans (stopped early by Limit) and queries leave the heap where it was', async () => {
    const run = async (n: number) => {
      for (let i = 0; i < n; i++) {
        await dynamodb.call('Scan', { TableName: TABLE, Limit: 5 });
        await dynamodb.call('Query', {
          TableName: TABLE,
          KeyConditionExpression: 'id = :id',
          ExpressionAttributeValues: { ':id': { S: `k${i % 50}` } },
        });
      }
    };
    await run(500); // warm: code and caches settle
    const before = heapMiB();

    await run(2000);
    const growth = heapMiB() - before;

    // leaking, the 4,000 iterators held about 6 MiB
    expect(growth).toBeLessThan(1);
  });
});
