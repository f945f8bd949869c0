/**
 * EventBridge on the front door with the SDK v3: PutEvents (limits, per-entry failures, AWS's envelope), buses,
 * rules, targets, TestEventPattern, and delivery to a function as a durable `Event` invocation; the rules survive a
 * restart with the same state folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CreateEventBusCommand,
  DeleteEventBusCommand,
  DeleteRuleCommand,
  DescribeRuleCommand,
  EventBridgeClient,
  ListEventBusesCommand,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  TestEventPatternCommand,
} from '@aws-sdk/client-eventbridge';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../../../test-support/async.js';
import { createEventBridgeService, type EventBridgeService } from '../../src/events/index.js';
import { type AsyncEvents, createAsyncEvents } from '../../src/lambda/async/index.js';
import { type FrontDoor, startFrontDoor } from '../../src/server.js';
import { InProcessInvoker, testFunction } from '../lambda/api/support/in-process-invoker.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const subscriber = testFunction('subscriber');
const received: unknown[] = [];
const handlers = {
  subscriber: (event: unknown) => {
    received.push(event);
    return null;
  },
};

let dir: string;
let door: FrontDoor | undefined;
let events: AsyncEvents | undefined;
let eventBridge: EventBridgeService | undefined;
let client: EventBridgeClient;
const logs: string[] = [];

async function start(): Promise<void> {
  const invoker = new InProcessInvoker(handlers);
  const common = { region: 'us-east-1', accountId: '000000000000', say: (line: string) => logs.push(line) };
  events = createAsyncEvents({ functions: [subscriber], invoker, dir: path.join(dir, 'events'), ...common });
  eventBridge = createEventBridgeService({
    file: path.join(dir, 'events', 'buses.json'),
    destinations: events.destinations,
    ...common,
  });
  door = await startFrontDoor({ functions: [subscriber], invoker, events, services: { eventBridge }, log: common.say });
  events.queue.start();
  client = new EventBridgeClient({
    endpoint: door.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
}

async function stop(): Promise<void> {
  client?.destroy();
  await door?.close();
  await events?.queue.drain(1000);
  await events?.queue.close();
  await eventBridge?.close();
  door = undefined;
  events = undefined;
}

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'lambdaport-eventbridge-'));
  received.length = 0;
  logs.length = 0;
  await start();
});

afterEach(async () => {
  await stop();
  rmSync(dir, { recursive: true, force: true });
});

const entry = (detail: object, more: Record<string, unknown> = {}) => ({
  Source: 'orders',
  DetailType: 'OrderCreated',
  Detail: JSON.stringify(detail),
  ...more,
});

async function subscribe(rule = 'orders-created', pattern: object = { source: ['orders'] }): Promise<void> {
  await client.send(new PutRuleCommand({ Name: rule, EventPattern: JSON.stringify(pattern) }));
  await client.send(new PutTargetsCommand({ Rule: rule, Targets: [{ Id: 'subscriber', Arn: subscriber.arn }] }));
}

describe('PutEvents', () => {
  it('delivers a matching event to a function target with AWS’s envelope, and nothing that does not match', async () => {
    await subscribe('big-orders', { source: ['orders'], detail: { total: [{ numeric: ['>', 100] }] } });
    const out = await client.send(
      new PutEventsCommand({
        Entries: [entry({ orderId: 'o-1', total: 250 }, { Resources: ['arn:aws:x:1'] }), entry({ total: 5 })],
      }),
    );
    expect(out.FailedEntryCount).toBe(0);
    expect(out.Entries?.map((e) => typeof e.EventId)).toEqual(['string', 'string']);
    await waitFor(() => received.length === 1, { what: 'the delivery' });
    expect(received[0]).toEqual({
      version: '0',
      id: out.Entries?.[0]?.EventId,
      'detail-type': 'OrderCreated',
      source: 'orders',
      account: '000000000000',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      region: 'us-east-1',
      resources: ['arn:aws:x:1'],
      detail: { orderId: 'o-1', total: 250 },
    });
    // the small order matched no rule: it is never delivered
    expect(events!.queue.summary().depth).toBe(0);
    expect(received).toHaveLength(1);
  });

  it('fails bad entries alone, each with its ErrorCode, and counts them', async () => {
    const out = await client.send(
      new PutEventsCommand({
        Entries: [
          entry({ ok: 1 }),
          { Source: 'orders', DetailType: 'OrderCreated', Detail: '[1,2]' },
          { Source: 'orders', Detail: '{}' },
          entry({ ok: 2 }, { EventBusName: 'nope' }),
          entry({ ok: 3 }, { Source: 'aws.ec2' }),
        ],
      }),
    );
    expect(out.FailedEntryCount).toBe(4);
    expect(out.Entries?.map((e) => e.ErrorCode ?? 'ok')).toEqual([
      'ok',
      'MalformedDetail',
      'InvalidArgument',
      'ResourceNotFoundException',
      'NotAuthorizedForSourceException',
    ]);
  });

  it('refuses 11 entries and 257 KB of entries as a whole (ValidationException)', async () => {
    const eleven = Array.from({ length: 11 }, (_, i) => entry({ i }));
    await expect(client.send(new PutEventsCommand({ Entries: eleven }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringMatching(/less than or equal to 10/),
    });
    const big = [entry({ x: 'a'.repeat(200 * 1024) }), entry({ y: 'b'.repeat(57 * 1024) })];
    await expect(client.send(new PutEventsCommand({ Entries: big }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringMatching(/Total size of the entries/),
    });
  });

  it('an event accepted for a function target survives a restart before it runs', async () => {
    await subscribe();
    await stop();
    // a runtime whose queue is not started: the event is accepted and written, not delivered
    const invoker = new InProcessInvoker(handlers);
    const common = { region: 'us-east-1', accountId: '000000000000', say: (line: string) => logs.push(line) };
    const held = createAsyncEvents({ functions: [subscriber], invoker, dir: path.join(dir, 'events'), ...common });
    const bridge = createEventBridgeService({
      file: path.join(dir, 'events', 'buses.json'),
      destinations: held.destinations,
      ...common,
    });
    const heldDoor = await startFrontDoor({
      functions: [subscriber],
      invoker,
      events: held,
      services: { eventBridge: bridge },
      log: common.say,
    });
    const heldClient = new EventBridgeClient({
      endpoint: heldDoor.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    await heldClient.send(new PutEventsCommand({ Entries: [entry({ orderId: 'kept' })] }));
    heldClient.destroy();
    await heldDoor.close();
    await held.queue.close();
    expect(received).toEqual([]);
    await start();
    await waitFor(() => received.length === 1, { what: 'the replayed delivery' });
    expect(received[0]).toMatchObject({ detail: { orderId: 'kept' } });
  });
});

describe('rules and targets', () => {
  it('PutRule, DescribeRule, ListRules, ListTargetsByRule, RemoveTargets, DeleteRule; kept across a restart', async () => {
    await client.send(new CreateEventBusCommand({ Name: 'shop' }));
    const put = await client.send(
      new PutRuleCommand({ Name: 'paid', EventBusName: 'shop', EventPattern: '{"detail-type":["Paid"]}' }),
    );
    expect(put.RuleArn).toBe('arn:aws:events:us-east-1:000000000000:rule/shop/paid');
    await client.send(
      new PutTargetsCommand({ Rule: 'paid', EventBusName: 'shop', Targets: [{ Id: 't1', Arn: subscriber.arn }] }),
    );
    await stop();
    await start();
    expect(await client.send(new DescribeRuleCommand({ Name: 'paid', EventBusName: 'shop' }))).toMatchObject({
      Name: 'paid',
      EventPattern: '{"detail-type":["Paid"]}',
      State: 'ENABLED',
      EventBusName: 'shop',
    });
    expect((await client.send(new ListRulesCommand({ EventBusName: 'shop' }))).Rules?.map((r) => r.Name)).toEqual([
      'paid',
    ]);
    expect((await client.send(new ListTargetsByRuleCommand({ Rule: 'paid', EventBusName: 'shop' }))).Targets).toEqual([
      { Id: 't1', Arn: subscriber.arn },
    ]);
    await expect(client.send(new DeleteRuleCommand({ Name: 'paid', EventBusName: 'shop' }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
    await client.send(new RemoveTargetsCommand({ Rule: 'paid', EventBusName: 'shop', Ids: ['t1'] }));
    await client.send(new DeleteRuleCommand({ Name: 'paid', EventBusName: 'shop' }));
    await expect(client.send(new DescribeRuleCommand({ Name: 'paid', EventBusName: 'shop' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    await client.send(new DeleteEventBusCommand({ Name: 'shop' }));
    expect((await client.send(new ListEventBusesCommand({}))).EventBuses?.map((b) => b.Name)).toEqual(['default']);
  });

  it('an invalid pattern is InvalidEventPatternException naming the fault', async () => {
    await expect(
      client.send(new PutRuleCommand({ Name: 'bad', EventPattern: '{"source":"orders"}' })),
    ).rejects.toMatchObject({ name: 'InvalidEventPatternException', message: expect.stringMatching(/"source"/) });
    await expect(client.send(new PutRuleCommand({ Name: 'bad', EventPattern: '{' }))).rejects.toMatchObject({
      name: 'InvalidEventPatternException',
    });
  });

  it('a disabled rule delivers nothing', async () => {
    await subscribe();
    await client.send(
      new PutRuleCommand({ Name: 'orders-created', EventPattern: '{"source":["orders"]}', State: 'DISABLED' }),
    );
    await client.send(new PutEventsCommand({ Entries: [entry({ n: 1 })] }));
    expect(events!.queue.summary().depth + received.length).toBe(0);
  });

  it('TestEventPattern answers with the same matcher', async () => {
    const event = JSON.stringify({ source: 'orders', 'detail-type': 'OrderCreated', detail: { total: 7 } });
    const ask = (pattern: object) =>
      client.send(new TestEventPatternCommand({ EventPattern: JSON.stringify(pattern), Event: event }));
    expect((await ask({ detail: { total: [{ numeric: ['>', 5] }] } })).Result).toBe(true);
    expect((await ask({ detail: { total: [{ numeric: ['>', 10] }] } })).Result).toBe(false);
    await expect(ask({ detail: { total: [] } })).rejects.toMatchObject({ name: 'InvalidEventPatternException' });
  });
});
