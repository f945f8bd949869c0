/**
 * At-least-once delivery made safe: `orders.record` is idempotent (Powertools idempotency with DynamoDB persistence,
 * on the local runtime's DynamoDB), so an order event delivered three times is written once, and the duplicates
 * succeed with the first answer.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { type LocalRuntime, startLocal } from '@lambdaport/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../../test-support/async.js';
import { ORDERS_DIR, RECORDS_DIR } from './local.js';

let state: string;
let local: LocalRuntime;
let lambda: LambdaClient;
const lines: string[] = [];

beforeAll(async () => {
  state = mkdtempSync(path.join(tmpdir(), 'lambdaport-orders-idem-'));
  local = await startLocal({
    dirs: [ORDERS_DIR, RECORDS_DIR],
    state,
    port: 0,
    log: (line) => lines.push(line),
    onLog: (entry) => lines.push(`[${entry.fn.service}.${entry.fn.name}] ${entry.line}`),
    asyncRetryDelaysMs: [200, 200],
  });
  lambda = new LambdaClient({
    endpoint: local.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
});

afterAll(async () => {
  lambda?.destroy();
  await local?.stop();
  rmSync(state, { recursive: true, force: true });
});

const order = (orderId: string) => ({
  orderId,
  recordId: 1,
  recordTitle: 'Welcome',
  quantity: 1,
  createdAt: '2026-11-28T00:00:00.000Z',
});

describe('orders.record is idempotent', () => {
  it('writes an order delivered three times once, and each other order once', async () => {
    const record = local.functions.find((fn) => fn.service === 'orders' && fn.name === 'record')!;
    const send = async (body: unknown) => {
      const out = await lambda.send(
        new InvokeCommand({
          FunctionName: record.deployedName,
          InvocationType: 'Event',
          Payload: JSON.stringify(body),
        }),
      );
      expect(out.StatusCode).toBe(202);
    };
    // the same event three times (as a redelivery brings it), and four other orders
    for (let i = 0; i < 3; i++) await send(order('dup-1'));
    for (let i = 0; i < 4; i++) await send(order(`single-${i}`));

    await waitFor(
      () =>
        local.events.summary().delivered + local.events.summary().discarded >= 7 && local.events.summary().depth === 0,
      {
        what: `all seven events to be done; log:\n${lines.join('\n')}`,
        timeoutMs: 30_000,
      },
    );
    const stored = (id: string) => lines.filter((line) => line.includes(`stored order ${id}`)).length;
    expect(local.events.summary().discarded).toBe(0);
    expect(stored('dup-1')).toBe(1);
    for (let i = 0; i < 4; i++) expect(stored(`single-${i}`)).toBe(1);
  });
});
