/**
 * Test helpers: records, orders and notifications on the local runtime (real processes), in memory, with typed clients
 * through its SSM, SDK clients of its SQS and EventBridge, and the functions' log lines.
 */
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SQSClient } from '@aws-sdk/client-sqs';
import { type LocalRuntime, startLocal } from '@lambdaport/local';
import { createClient } from 'lambdaport/client';
import { createOrder } from '../../orders/src/contract.js';
import { getNotification } from '../src/contract.js';

export const NOTIFICATIONS_DIR = new URL('../', import.meta.url).pathname;
export const ORDERS_DIR = new URL('../../orders/', import.meta.url).pathname;
export const RECORDS_DIR = new URL('../../records/', import.meta.url).pathname;

const SDK = { region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 };

/** The three example services on the runtime, and clients of them. */
export async function startShop(): Promise<{
  local: LocalRuntime;
  sqs: SQSClient;
  events: EventBridgeClient;
  createOrder: ReturnType<typeof createClient<typeof createOrder>>;
  getNotification: ReturnType<typeof createClient<typeof getNotification>>;
  /** The log lines of `service.function`, as written. */
  logOf(label: string): string[];
  stop(): Promise<void>;
}> {
  const lines: { label: string; line: string }[] = [];
  const local = await startLocal({
    dirs: [RECORDS_DIR, ORDERS_DIR, NOTIFICATIONS_DIR],
    ephemeral: true,
    port: 0,
    log: () => {},
    onLog: (entry) => lines.push({ label: `${entry.fn.service}.${entry.fn.name}`, line: entry.line }),
  });
  const lambda = new LambdaClient({ ...SDK, endpoint: local.url });
  const sqs = new SQSClient({ ...SDK, endpoint: local.url });
  const events = new EventBridgeClient({ ...SDK, endpoint: local.url });
  // The default registry reads SSM through AWS_ENDPOINT_URL, as code inside a function does.
  process.env.AWS_ENDPOINT_URL = local.url;
  const registry = (await import('lambdaport/registry')).ssmRegistry();
  return {
    local,
    sqs,
    events,
    createOrder: createClient(createOrder, { lambda, registry, timeoutMs: 15_000 }),
    getNotification: createClient(getNotification, { lambda, registry, retry: false }),
    logOf: (label) => lines.filter((l) => l.label === label).map((l) => l.line),
    async stop() {
      lambda.destroy();
      sqs.destroy();
      events.destroy();
      await local.stop();
    },
  };
}
