/**
 * No error raised inside dynalite escapes: with the runtime in a real child process and an item damaged on disk
 * (valid JSON, but a number attribute that is not a number), the requests that meet it are answered 500
 * InternalServerError, each logged once with its cause, the lock the failing update held is released, and the runtime
 * keeps serving. Before, an UpdateItem `SET a = a + :one` on that item threw inside a LevelDB callback and the process
 * died; a Scan or Query met the same error in dynalite's HTTP handler, which rethrew it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ClassicLevel } from 'classic-level';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamodbRequest } from '../support/dynamodb-request.js';
import { ROBUST_SERVICE, type RuntimeProcess, startRuntimeProcess } from '../support/runtime-process.js';
import { ROBUST_TABLE } from '../support/seeded-state.js';

let work: string;
let runtime: RuntimeProcess;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'lambdaport-containment-'));
  const state = path.join(work, 'state');
  const first = await startRuntimeProcess({ dirs: [ROBUST_SERVICE], state });
  for (const id of ['damaged', 'broken', 'fine']) {
    await dynamodbRequest(first.url, 'PutItem', { TableName: ROBUST_TABLE, Item: { id: { S: id }, a: { N: '5' } } });
  }
  await first.stop();
  // Damage one item the way a hand edit or a bad disk might: still JSON, no longer a valid DynamoDB number.
  const db = new ClassicLevel<string, unknown>(path.join(state, 'dynamodb'), { valueEncoding: 'json' });
  for await (const [key, value] of db.iterator()) {
    const id = (value as { id?: { S?: string } }).id?.S;
    if (key.startsWith(`item-${ROBUST_TABLE}~`) && (id === 'damaged' || id === 'broken')) {
      await db.put(key, { id: { S: id }, a: { N: 'not a number' } });
    }
  }
  await db.close();
  runtime = await startRuntimeProcess({ dirs: [ROBUST_SERVICE], state });
}, 60_000);
afterAll(async () => {
  await runtime?.stop();
  rmSync(work, { recursive: true, force: true });
});

const failures = () => runtime.stderr().match(/failed inside the local DynamoDB/g)?.length ?? 0;

describe('errors inside dynalite (real child process, an item damaged on disk)', () => {
  it('answers an update that throws inside a LevelDB callback with 500, releases its lock, and lives', async () => {
    const key = { id: { S: 'damaged' } };

    const failed = await dynamodbRequest(runtime.url, 'UpdateItem', {
      TableName: ROBUST_TABLE,
      Key: key,
      UpdateExpression: 'SET a = a + :one',
      ExpressionAttributeValues: { ':one': { N: '1' } },
    });
    // the same key again: waits forever if the failed update kept its lock
    const next = await dynamodbRequest(runtime.url, 'UpdateItem', {
      TableName: ROBUST_TABLE,
      Key: key,
      UpdateExpression: 'SET a = :n',
      ExpressionAttributeValues: { ':n': { N: '6' } },
    });
    const got = await dynamodbRequest(runtime.url, 'GetItem', { TableName: ROBUST_TABLE, Key: key });

    expect(failed).toMatchObject({ status: 500, type: 'InternalServerError' });
    expect(failed.message).toContain('The local DynamoDB failed on this request ([big.js] Invalid number)');
    expect(next.status).toBe(200);
    expect(got.body).toEqual({ Item: { id: { S: 'damaged' }, a: { N: '6' } } });
    expect(runtime.alive()).toBe(true);
    expect(runtime.stderr()).toMatch(
      /DynamoDB UpdateItem failed inside the local DynamoDB .*: Error: \[big\.js\] Invalid number\n\s+at /,
    );
  });

  it('answers scans and queries that meet the damaged item with 500, logging each once, and serves other items', async () => {
    const before = failures();

    const scan = await dynamodbRequest(runtime.url, 'Scan', { TableName: ROBUST_TABLE });
    const query = await dynamodbRequest(runtime.url, 'Query', {
      TableName: ROBUST_TABLE,
      KeyConditionExpression: 'id = :id',
      ExpressionAttributeValues: { ':id': { S: 'broken' } },
    });
    const fine = await dynamodbRequest(runtime.url, 'GetItem', { TableName: ROBUST_TABLE, Key: { id: { S: 'fine' } } });

    expect([scan.status, scan.type, query.status, query.type]).toEqual([
      500,
      'InternalServerError',
      500,
      'InternalServerError',
    ]);
    expect(fine.body).toEqual({ Item: { id: { S: 'fine' }, a: { N: '5' } } });
    expect(failures() - before).toBe(2);
    expect(runtime.alive()).toBe(true);
  });
});
