/**
 * `lambdaport dev --stage qa` on the examples: every name follows the stage, and the functions read the `qa-...`
 * tables through their `{ table }` references (the `dev-...` tables do not exist in this run).
 */
import path from 'node:path';
import { GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { deployedName } from 'lambdaport/names';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../../test-support/async.js';
import { type Running, run, start } from './helpers.js';

const EXAMPLES = path.resolve(import.meta.dirname, '../../../examples');

describe('lambdaport dev --stage qa on the examples', () => {
  let dev: Running;
  let url: string;
  let lambda: LambdaClient;

  beforeAll(async () => {
    dev = start([
      'dev',
      '--dir',
      path.join(EXAMPLES, 'records'),
      '--dir',
      path.join(EXAMPLES, 'orders'),
      '--stage',
      'qa',
      '--port',
      '0',
      '--ephemeral',
      '--no-watch',
    ]);
    url = (await dev.waitFor(/lambdaport dev\s+(http:\/\/127\.0\.0\.1:\d+)/))[1]!;
    await dev.waitFor(/Ctrl-C stops everything/);
    lambda = new LambdaClient({
      endpoint: url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
  });

  afterAll(async () => {
    lambda?.destroy();
    if (dev.child.exitCode === null && dev.child.signalCode === null) {
      dev.child.kill('SIGTERM');
      await dev.exited;
    }
  });

  it('names every function and table for the stage, and resolves the table references to qa- names', async () => {
    const banner = dev.stdout();
    const get = await lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: deployedName('qa', 'records', 'get') }),
    );
    const record = await lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: deployedName('qa', 'orders', 'record') }),
    );

    expect(banner).toMatch(/records\.get\s+qa-records-get-[0-9a-f]{6}/);
    expect(banner).toMatch(/records\.records\s+qa-records-records/);
    expect(banner).toMatch(/orders\.orders\s+qa-orders-orders/);
    expect(banner).not.toMatch(/dev-/);
    expect(get.Environment?.Variables).toEqual({ RECORDS_TABLE: 'qa-records-records' });
    expect(record.Environment?.Variables).toEqual({
      ORDERS_TABLE: 'qa-orders-orders',
      IDEMPOTENCY_TABLE: 'qa-orders-idempotency',
    });
  });

  it('records.get reads the seeded qa-records-records table', async () => {
    const result = await run(['invoke', 'records.get', '--payload', '{"id":1}', '--endpoint', url]);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ id: 1, title: 'Quarterly report' });
  });

  it('orders.create calls records.get@v1 and records the order in qa-orders-orders, where orders.get finds it', async () => {
    const created = await run([
      'invoke',
      'orders.create',
      '--payload',
      '{"recordId":3,"quantity":2}',
      '--endpoint',
      url,
    ]);
    expect(created.stderr).toBe('');
    const { orderId } = JSON.parse(created.stdout) as { orderId: string };

    let found: { code: number | null; stdout: string } = { code: null, stdout: '' };
    await waitFor(
      async () => {
        found = await run(['invoke', 'orders.get', '--payload', JSON.stringify({ orderId }), '--endpoint', url]);
        return found.code === 0;
      },
      { timeoutMs: 20_000, intervalMs: 200, what: 'orders.get to find the order recorded asynchronously' },
    );

    expect(JSON.parse(found.stdout)).toMatchObject({ orderId, recordId: 3, quantity: 2 });
  });
});
