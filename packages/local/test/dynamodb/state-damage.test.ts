/**
 * A damaged DynamoDB state folder, with the runtime in a real child process: a store that cannot be read is refused
 * at start with a message naming the folder and how to recover; damage that appears while running fails the requests
 * that meet it (500, saying the state is corrupt and where) and the process lives; a folder without its CURRENT file is
 * refused rather than silently emptied. The lock hint is given only when the lock is held.
 */
import {
  closeSync,
  cpSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamodbRequest } from '../support/dynamodb-request.js';
import { failedStart, ROBUST_SERVICE, startRuntimeProcess } from '../support/runtime-process.js';
import { ROBUST_TABLE, seedState } from '../support/seeded-state.js';

const ITEMS = 3000;
let work: string;
let clean: string;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'lambdaport-state-damage-'));
  clean = path.join(work, 'clean');
  const tables = await seedState(clean, ITEMS);
  expect(tables.length).toBeGreaterThan(0);
}, 120_000);
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/** A fresh copy of the seeded state folder. */
function copy(name: string): { state: string; folder: string; table: string } {
  const state = path.join(work, name);
  cpSync(clean, state, { recursive: true });
  const folder = path.join(state, 'dynamodb');
  const table = readdirSync(folder)
    .filter((file) => file.endsWith('.ldb'))
    .map((file) => path.join(folder, file))
    .sort((a, b) => statSync(b).size - statSync(a).size)[0]!;
  return { state, folder, table };
}

/** Overwrites `length` bytes in the middle of `file` with pseudo-random bytes (fixed seed). */
function overwriteMiddle(file: string, length: number): void {
  const size = statSync(file).size;
  const garbage = Buffer.alloc(length);
  let x = 12345;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    garbage[i] = x >> 16;
  }
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, garbage, 0, length, Math.max(0, Math.floor(size / 2) - length / 2));
  } finally {
    closeSync(fd);
  }
}

function garbage(length: number, seed: number): Buffer {
  const bytes = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    bytes[i] = x >> 16;
  }
  return bytes;
}

const RECOVERY = /Delete .* to start with empty tables .* --state <another folder>/;

describe('a damaged DynamoDB state folder (real child process)', () => {
  it('refuses to start on 8 KB of garbage in the middle of a table file, naming the folder and how to recover', async () => {
    const { state, folder, table } = copy('middle');
    overwriteMiddle(table, 8192);

    const failed = await failedStart({ dirs: [ROBUST_SERVICE], state });

    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(`could not start: The DynamoDB state in ${folder} is corrupt (Corruption:`);
    expect(failed.stderr).toMatch(RECOVERY);
    expect(failed.stderr).not.toMatch(/another lambdaport dev/);
    expect(failed.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('refuses a table file that is all garbage with the same message', async () => {
    const { state, folder, table } = copy('garbage-ldb');
    writeFileSync(table, garbage(statSync(table).size, 7));

    const failed = await failedStart({ dirs: [ROBUST_SERVICE], state });

    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(`could not start: The DynamoDB state in ${folder} is corrupt (`);
    expect(failed.stderr).toMatch(RECOVERY);
    expect(failed.stderr).not.toMatch(/\n\s+at /);
  });

  it.each(['MANIFEST', 'CURRENT'])('refuses a garbage %s without blaming a lock', async (which) => {
    const { state, folder } = copy(`garbage-${which}`);
    const file = readdirSync(folder).find((name) => name.startsWith(which))!;
    writeFileSync(path.join(folder, file), garbage(64, 99));

    const failed = await failedStart({ dirs: [ROBUST_SERVICE], state });

    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(`could not start: `);
    expect(failed.stderr).toContain(folder);
    expect(failed.stderr).toMatch(RECOVERY);
    expect(failed.stderr).not.toMatch(/another lambdaport dev|lock/);
  });

  it('gives the lock hint when another runtime holds the folder', async () => {
    const { state, folder } = copy('locked');
    const holder = await startRuntimeProcess({ dirs: [ROBUST_SERVICE], state });
    try {
      const failed = await failedStart({ dirs: [ROBUST_SERVICE], state });

      expect(failed.code).toBe(1);
      expect(failed.stderr).toContain(
        `could not start: Cannot open the DynamoDB state in ${folder}: another process holds its lock (is another lambdaport dev using this state folder?)`,
      );
    } finally {
      await holder.stop();
    }
  });

  it('refuses a folder whose CURRENT file is gone, and leaves its table files where they are', async () => {
    const { state, folder, table } = copy('no-current');
    rmSync(path.join(folder, 'CURRENT'));
    const before = readdirSync(folder).sort();

    const failed = await failedStart({ dirs: [ROBUST_SERVICE], state });

    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(`could not start: The DynamoDB state in ${folder} has data files`);
    expect(failed.stderr).toContain('but no CURRENT file');
    expect(failed.stderr).toMatch(RECOVERY);
    expect(readdirSync(folder).sort()).toEqual(before);
    expect(existsSync(table)).toBe(true);
  });

  it('answers the requests that meet damage appearing while it runs with 500 naming the folder, and lives', async () => {
    const { state, folder, table } = copy('while-running');
    const runtime = await startRuntimeProcess({ dirs: [ROBUST_SERVICE], state });
    try {
      overwriteMiddle(table, 8192);

      const scan = await scanAll(runtime.url);
      // items are spread over the table file by the hash of their key: a few hundred meet the damaged blocks
      const gets = [];
      for (let i = 0; i < 500; i++) {
        gets.push(
          await dynamodbRequest(runtime.url, 'GetItem', { TableName: ROBUST_TABLE, Key: { id: { S: `item-${i}` } } }),
        );
      }
      const failedGets = gets.filter((got) => got.status !== 200);
      const put = await dynamodbRequest(runtime.url, 'PutItem', {
        TableName: ROBUST_TABLE,
        Item: { id: { S: 'new' } },
      });

      // a scan never silently returns fewer items: all of them, or an error
      if (scan.status === 200) expect(scan.count).toBe(ITEMS);
      else expect(scan).toMatchObject({ status: 500, type: 'InternalServerError' });
      expect(failedGets.length).toBeGreaterThan(0);
      for (const got of [...failedGets, ...(scan.status === 200 ? [] : [scan])]) {
        expect(got).toMatchObject({ status: 500, type: 'InternalServerError' });
        expect(got.message).toContain(`The DynamoDB state in ${folder} is corrupt`);
      }
      expect(gets.filter((got) => got.status === 200 && got.body.Item === undefined)).toEqual([]);
      expect(put.status).toBe(200);
      expect(runtime.alive()).toBe(true);
      expect(runtime.stderr()).toMatch(/DynamoDB GetItem failed inside the local DynamoDB/);
    } finally {
      await runtime.stop();
    }
  });
});

async function scanAll(url: string): Promise<{ status: number; count: number; type?: string; message?: string }> {
  let count = 0;
  let start: unknown;
  do {
    const page = await dynamodbRequest(url, 'Scan', {
      TableName: ROBUST_TABLE,
      ...(start ? { ExclusiveStartKey: start } : {}),
    });
    if (page.status !== 200) return { status: page.status, count, type: page.type, message: page.message };
    count += Number(page.body.Count);
    start = page.body.LastEvaluatedKey;
  } while (start !== undefined);
  return { status: 200, count };
}
