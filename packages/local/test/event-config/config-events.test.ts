/**
 * The configs' events served by startLocal(): a subscription through a queue gets a published event end to end
 * (PutEvents → rule → queue → event source mapping → function), a subscription without a queue gets it as an
 * asynchronous invocation (its detail filter applied), a config reload adds and removes rules, queues and mappings
 * (an API-made rule stays), and an invalid pattern stops the start naming the config file and key path.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EventBridgeClient, ListRulesCommand, PutEventsCommand, PutRuleCommand } from '@aws-sdk/client-eventbridge';
import {
  type LambdaClient,
  ListEventSourceMappingsCommand,
  UpdateEventSourceMappingCommand,
} from '@aws-sdk/client-lambda';
import { GetQueueUrlCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejectionOf, waitFor } from '../../../../test-support/async.js';
import { type LocalRuntime, startLocal } from '../../src/index.js';
import { clients } from '../sqs/mappings/support.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const HANDLERS = `import { appendFileSync } from 'node:fs';
import path from 'node:path';
const record = (fn, event) =>
  appendFileSync(path.join(process.env.SEEN_DIR, 'seen.jsonl'), JSON.stringify({ fn, event }) + '\\n');
export const notify = async (event) => { record('notify', event); return { batchItemFailures: [] }; };
export const audit = async (event) => { record('audit', event); };
export const create = async () => ({});
`;

let root: string;
let ordersDir: string;
let notificationsDir: string;
let local: LocalRuntime;
let lambda: LambdaClient;
let sqs: SQSClient;
let eventBridge: EventBridgeClient;
const logs: string[] = [];

const orders = {
  service: 'orders',
  stage: 'test',
  events: { OrderCreated: {} },
  functions: { create: { handler: 'handlers.mjs#create', publishes: ['OrderCreated'] } },
};
const notify = () => ({
  handler: 'handlers.mjs#notify',
  timeout: 2,
  environment: { SEEN_DIR: root },
  subscribe: ['orders.OrderCreated'],
  queue: {},
});
const audit = () => ({
  handler: 'handlers.mjs#audit',
  environment: { SEEN_DIR: root },
  subscribe: [{ event: 'orders.OrderCreated', detail: { total: [{ numeric: ['>', 100] }] } }],
});
const notifications = (functions: object) => ({ service: 'notifications', stage: 'test', functions });

/** Writes a service folder (handlers and config); answers it. */
function service(name: string, config: object): string {
  const dir = path.join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), '{ "type": "module", "private": true }\n');
  writeFileSync(path.join(dir, 'handlers.mjs'), HANDLERS);
  // JSON: a changed .mjs config would come back from the module cache at a reload
  writeFileSync(path.join(dir, 'lambdaport.config.json'), JSON.stringify(config, null, 2));
  return dir;
}

/** What a function got, oldest first. */
function seen(fn: string): Record<string, unknown>[] {
  const file = path.join(root, 'seen.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as { fn: string; event: Record<string, unknown> })
    .filter((s) => s.fn === fn)
    .map((s) => s.event);
}

const publish = (detail: object) =>
  eventBridge.send(
    new PutEventsCommand({
      Entries: [
        { EventBusName: 'test-orders', Source: 'orders', DetailType: 'OrderCreated', Detail: JSON.stringify(detail) },
      ],
    }),
  );

const rulesOf = async (bus: string) =>
  ((await eventBridge.send(new ListRulesCommand({ EventBusName: bus }))).Rules ?? []).map((r) => r.Name).sort();

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'lambdaport-config-events-'));
  ordersDir = service('orders', orders);
  notificationsDir = service('notifications', notifications({ notify: notify(), audit: audit() }));
  local = await startLocal({
    dirs: [ordersDir, notificationsDir],
    ephemeral: true,
    watch: true,
    log: (line) => logs.push(line),
  });
  ({ lambda, sqs } = clients(local.url));
  eventBridge = new EventBridgeClient({
    endpoint: local.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
});
afterAll(async () => {
  lambda?.destroy();
  sqs?.destroy();
  eventBridge?.destroy();
  await local?.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('the configs’ events', () => {
  it('deliver a published event through rule, queue and mapping, and to a direct subscriber by its filter', async () => {
    expect(logs).toContain(
      'events: notifications.notify ← orders.OrderCreated (rule test-notifications-notify-0 on test-orders, through queue test-notifications-notify)',
    );
    expect(await rulesOf('test-orders')).toEqual(['test-notifications-audit-0', 'test-notifications-notify-0']);
    const out = await publish({ orderId: 'o-1', total: 12 });
    expect(out.FailedEntryCount).toBe(0);
    await waitFor(() => seen('notify').length > 0, { what: 'the SQS batch of the event', timeoutMs: 20_000 });
    const records = seen('notify')[0]!.Records as { body: string; eventSourceARN: string }[];
    expect(records).toHaveLength(1);
    expect(records[0]!.eventSourceARN).toBe('arn:aws:sqs:us-east-1:000000000000:test-notifications-notify');
    expect(JSON.parse(records[0]!.body)).toMatchObject({
      id: out.Entries?.[0]?.EventId,
      source: 'orders',
      'detail-type': 'OrderCreated',
      detail: { orderId: 'o-1', total: 12 },
    });
    expect(logs.filter((l) => l.startsWith('iam'))).toEqual([]); // its role may read its own queue (ConsumeQueue)
    // total 12 is not > 100: the audit rule let it by; 250 is delivered to it as an Event invocation
    await publish({ orderId: 'o-2', total: 250 });
    await waitFor(() => seen('audit').length > 0, { what: 'the event of o-2', timeoutMs: 20_000 });
    expect(seen('audit').map((e) => (e.detail as { orderId: string }).orderId)).toEqual(['o-2']);
    const [mapping] = (await lambda.send(new ListEventSourceMappingsCommand({}))).EventSourceMappings ?? [];
    expect(mapping).toMatchObject({
      EventSourceArn: 'arn:aws:sqs:us-east-1:000000000000:test-notifications-notify',
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: 10,
      State: 'Enabled',
    });
    expect(mapping?.FunctionArn).toMatch(/:function:test-notifications-notify-[0-9a-f]{6}:v1$/);
    // the config owns it: the API may not change it
    expect(
      await rejectionOf(lambda.send(new UpdateEventSourceMappingCommand({ UUID: mapping?.UUID, BatchSize: 5 }))),
    ).toMatchObject({
      name: 'InvalidParameterValueException',
      message: expect.stringContaining('functions.notify.queue'),
    });
  });

  it('a reload adds and removes rules, queues and mappings; an API-made rule stays', async () => {
    await eventBridge.send(
      new PutRuleCommand({ Name: 'mine', EventBusName: 'test-orders', EventPattern: '{"source":["orders"]}' }),
    );
    service(
      'notifications',
      notifications({ audit: { ...audit(), subscribe: [...audit().subscribe, { pattern: { source: ['shop'] } }] } }),
    );
    await waitFor(async () => (await rulesOf('default')).includes('test-notifications-audit-1'), {
      what: `the new rule (${logs.filter((l) => l.includes('config')).join(' | ')})`,
      timeoutMs: 20_000,
    });
    expect(await rulesOf('test-orders')).toEqual(['mine', 'test-notifications-audit-0']);
    expect((await lambda.send(new ListEventSourceMappingsCommand({}))).EventSourceMappings).toEqual([]);
    expect(
      await rejectionOf(sqs.send(new GetQueueUrlCommand({ QueueName: 'test-notifications-notify' }))),
    ).toMatchObject({ name: 'QueueDoesNotExist' });
    expect(logs.some((l) => l.includes('rule test-notifications-notify-0 on test-orders removed'))).toBe(true);
  });
});

describe('an invalid subscription pattern', () => {
  it('stops the start, naming the config file and key path', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lambdaport-bad-pattern-'));
    try {
      const bad = path.join(dir, 'bad');
      mkdirSync(bad);
      writeFileSync(path.join(bad, 'handlers.mjs'), HANDLERS);
      writeFileSync(path.join(bad, 'package.json'), '{ "type": "module", "private": true }\n');
      const config = {
        service: 'bad',
        functions: {
          audit: {
            handler: 'handlers.mjs#audit',
            subscribe: [{ pattern: { detail: { total: [{ numeric: ['>'] }] } } }],
          },
        },
      };
      writeFileSync(path.join(bad, 'lambdaport.config.json'), JSON.stringify(config));
      const error = await rejectionOf(startLocal({ dirs: [bad], ephemeral: true, log: () => {} }));
      expect(error).toMatchObject({ name: 'ConfigError' });
      expect((error as unknown as { issues: unknown[] }).issues).toEqual([
        expect.objectContaining({
          file: path.join(bad, 'lambdaport.config.json'),
          path: expect.stringMatching(/^functions\.audit\.subscribe\[0\]\.pattern\.detail\.total/),
        }),
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
