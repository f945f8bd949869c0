// What the start-time check of a DynamoDB state folder costs: seeds stores of several sizes through the DynamoDB
// service of the built @lambdaport/local (dist/), then times opening each one with the check (every entry read and
// decoded) and without it, three times each, and prints the medians, the difference, the entries and the size on disk.
//
//   npx tsc -b && node bench/micro/store-check.mjs [items ...]     (default: 10000 50000 200000)
//
// Not a test; writes only under the system's temp folder.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { REPO_DIR } from '../lib/paths.mjs';

const { createDynamoDbService } = await import(
  pathToFileURL(path.join(REPO_DIR, 'packages/local/dist/dynamodb/index.js')).href
);
const sizes = process.argv.slice(2).map(Number);
const TABLE = { tableName: 'bench-items', partitionKey: { name: 'id', type: 'S' }, sortKey: undefined };

const median = (/** @type {number[]} */ values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const folderBytes = (/** @type {string} */ folder) =>
  readdirSync(folder).reduce((sum, name) => sum + statSync(path.join(folder, name)).size, 0);

for (const items of sizes.length > 0 ? sizes : [10_000, 50_000, 200_000]) {
  const work = mkdtempSync(path.join(tmpdir(), 'lambdaport-store-check-'));
  const folder = path.join(work, 'dynamodb');
  try {
    const seeding = await createDynamoDbService({ path: folder, log: () => {} });
    await seeding.ensureTables([{ ...TABLE, name: 'items', service: 'bench', stage: 'dev', seedFile: undefined }]);
    for (let start = 0; start < items; start += 25) {
      const writes = [];
      for (let i = start; i < Math.min(items, start + 25); i++) {
        // ~200 characters that do not compress, as most real data does not
        const body = randomBytes(150).toString('base64');
        writes.push({ PutRequest: { Item: { id: { S: `item-${i}` }, n: { N: String(i) }, body: { S: body } } } });
      }
      await seeding.call('BatchWriteItem', { RequestItems: { [TABLE.tableName]: writes } });
    }
    await seeding.close();
    // one open without timing: LevelDB moves its log into table files
    await (await createDynamoDbService({ path: folder, log: () => {}, check: false })).close();

    const timings = { checked: /** @type {number[]} */ ([]), unchecked: /** @type {number[]} */ ([]) };
    for (let round = 0; round < 3; round++) {
      for (const check of [true, false]) {
        const t0 = performance.now();
        const service = await createDynamoDbService({ path: folder, log: () => {}, check });
        timings[check ? 'checked' : 'unchecked'].push(performance.now() - t0);
        await service.close();
      }
    }
    const checked = median(timings.checked);
    const unchecked = median(timings.unchecked);
    console.log(
      JSON.stringify({
        items,
        diskMiB: Math.round((folderBytes(folder) / 2 ** 20) * 10) / 10,
        openWithCheckMs: Math.round(checked),
        openWithoutCheckMs: Math.round(unchecked),
        checkMs: Math.round(checked - unchecked),
        checkMsPer10kItems: Math.round(((checked - unchecked) / items) * 10_000 * 10) / 10,
      }),
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
