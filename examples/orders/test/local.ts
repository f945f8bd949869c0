/**
 * Test helpers: the local runtime on service dirs (real processes) and an SDK Lambda client pointed at it.
 */
import { LambdaClient } from '@aws-sdk/client-lambda';
import { type LocalRuntime, startLocal } from '@lambdaport/local';
import { createClient } from 'lambdaport/client';
import { createOrder, getOrder } from '../src/contract.js';

export const ORDERS_DIR = new URL('../', import.meta.url).pathname;
export const RECORDS_DIR = new URL('../../records/', import.meta.url).pathname;
export const RECORDS_DOUBLE_DIR = new URL('./fixtures/records-double/', import.meta.url).pathname;

/** The runtime with `dirs`, in memory, and typed clients of the orders service through its SSM. */
export async function startOrders(dirs: string[]): Promise<{
  local: LocalRuntime;
  lambda: LambdaClient;
  create: ReturnType<typeof createClient<typeof createOrder>>;
  get: ReturnType<typeof createClient<typeof getOrder>>;
  stop(): Promise<void>;
}> {
  const local = await startLocal({ dirs, ephemeral: true, port: 0, log: () => {} });
  const lambda = new LambdaClient({
    endpoint: local.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  // The default registry reads SSM through AWS_ENDPOINT_URL, as code inside a function does.
  process.env.AWS_ENDPOINT_URL = local.url;
  const registry = (await import('lambdaport/registry')).ssmRegistry();
  return {
    local,
    lambda,
    create: createClient(createOrder, { lambda, registry, timeoutMs: 15_000 }),
    get: createClient(getOrder, { lambda, registry, retry: false }),
    async stop() {
      lambda.destroy();
      await local.stop();
    },
  };
}

export { rejectionOf, sleep } from '../../../test-support/async.js';
