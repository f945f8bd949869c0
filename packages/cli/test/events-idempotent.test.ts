/**
 * At-least-once, made safe: the orders example's `orders.record` (idempotent with Powertools' idempotency utility and
 * DynamoDB persistence) writes each order once even when every event is delivered again. `lambdaport dev` (a real
 * process, records and orders, one state folder) accepts 100 order events and delivers them; it is killed with -9;
 * its queue file is put back as it was right after the 202s (as if the crash had lost every `done` record, the
 * worst a crash can do); the restart delivers all 100 again, and not one order is written a second time.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../../test-support/async.js';
import { alive, descendants, type Running, run, start } from './helpers.js';

const REPO = path.resolve(import.meta.dirname, '../../..');
const ORDERS = path.join(REPO, 'examples/orders');
const RECORDS = path.join(REPO, 'examples/records');

let work: string;
let dev: Running | undefined;

afterAll(async () => {
  if (dev !== undefined && dev.child.exitCode === null && dev.child.signalCode === null) {
    const orphans = descendants(dev.child.pid!);
    dev.child.kill('SIGKILL');
    await dev.exited;
    for (const pid of orphans) if (alive(pid)) process.kill(pid, 'SIGKILL');
  }
  if (work) rmSync(work, { recursive: true, force: true });
});

function startDev(state: string): Running {
  return start([
    'dev',
    '--dir',
    ORDERS,
    '--dir',
    RECORDS,
    '--port',
    '0',
    '--state',
    state,
    '--no-watch',
    '--retry-delays',
    '500,500',
  ]);
}

async function summaryOf(url: string): Promise<{ depth: number; delivered: number; discarded: number }> {
  const result = await run(['events', '--endpoint', url, '--json']);
  return JSON.parse(result.stdout);
}

const stored = (text: string, id: string): number =>
  text.split('\n').filter((line) => line.includes('[orders.record]') && line.trimEnd().endsWith(`stored order ${id}`))
    .length;

describe('the idempotent consumer across kill -9 and a full redelivery (real processes)', () => {
  it('writes each of 100 orders exactly once', async () => {
    work = mkdtempSync(path.join(tmpdir(), 'lambdaport-idem-'));
    const state = path.join(work, 'state');
    dev = startDev(state);
    const url = (await dev.waitFor(/lambdaport dev\s+(http:\/\/127\.0\.0\.1:\d+)/, 60_000))[1]!;
    const record = dev.stdout().match(/orders\.record\s+(\S+)/)![1]!;
    const lambda = new LambdaClient({
      endpoint: url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
    const ids = Array.from({ length: 100 }, (_, i) => `idem-${i}`);
    const statuses = await Promise.all(
      ids.map(async (orderId) => {
        const out = await lambda.send(
          new InvokeCommand({
            FunctionName: record,
            InvocationType: 'Event',
            Payload: JSON.stringify({
              orderId,
              recordId: 1,
              recordTitle: 'Welcome',
              quantity: 1,
              createdAt: '2026-11-28T00:00:00.000Z',
            }),
          }),
        );
        return out.StatusCode;
      }),
    );
    lambda.destroy();
    expect(statuses.every((s) => s === 202)).toBe(true);
    // the queue as it is right after the 202s (deliveries may have begun: their `done` records come later)
    const log = path.join(state, 'events', 'queue.log');
    const snapshot = path.join(work, 'queue.log.after-accept');
    copyFileSync(log, snapshot);

    await waitFor(async () => (await summaryOf(url)).depth === 0, { what: 'all 100 delivered', timeoutMs: 90_000 });
    const first = dev.stdout();
    for (const id of ids) expect(stored(first, id)).toBe(1);
    const orphans = descendants(dev.child.pid!);
    dev.child.kill('SIGKILL');
    await dev.exited;
    for (const pid of orphans) if (alive(pid)) process.kill(pid, 'SIGKILL');

    // the worst a crash can leave: every event accepted, none marked done
    copyFileSync(snapshot, log);
    dev = startDev(state);
    const url2 = (await dev.waitFor(/lambdaport dev\s+(http:\/\/127\.0\.0\.1:\d+)/, 60_000))[1]!;
    await waitFor(
      async () => {
        const s = await summaryOf(url2);
        return s.depth === 0 && s.delivered >= 100;
      },
      { what: 'all 100 delivered again', timeoutMs: 90_000 },
    );
    const summary = await summaryOf(url2);
    expect(summary.discarded).toBe(0);
    // delivered again, written never: the idempotency layer answered each redelivery with the stored result
    for (const id of ids) expect(stored(dev.stdout(), id)).toBe(0);
  });
});
