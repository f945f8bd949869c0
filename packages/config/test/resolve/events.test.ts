/**
 * Resolution of the event keys: the service's events on its bus, the publisher's bus variable, subscriptions as rules
 * (names, ARNs, full patterns, the publisher's stage when it is loaded alongside), the queue with its defaults, and
 * names cut with a hash over AWS's limits.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type LoadedService, loadServices } from '../../src/index.js';
import { cutName, QUEUE_NAME_MAX, RULE_NAME_MAX } from '../../src/resolve/event-names.js';
import { tempService } from '../support/issues.js';

const files = {
  'src/handlers.ts': 'export const handler = async () => 1;\n',
  'src/events.ts': 'export const OrderCreated = {};\n',
};
const h = { handler: 'src/handlers.ts#handler' };
const EVENTS = 'arn:aws:events:us-east-1:000000000000';
const SQS = 'arn:aws:sqs:us-east-1:000000000000';

function serviceWith(config: object): string {
  return tempService({ ...files, 'lambdaport.config.json': JSON.stringify(config) });
}

const orders = {
  service: 'orders',
  stage: 'qa',
  events: {
    OrderCreated: { contract: 'src/events.ts#OrderCreated', description: 'An order was recorded' },
    OrderShipped: {},
  },
  functions: {
    create: {
      ...h,
      publishes: ['OrderShipped', 'OrderCreated'],
      environment: { LAMBDAPORT_EVENT_BUS: 'mine', OTHER: 'x' },
      version: 2,
      versions: { 1: h },
    },
    list: h,
  },
};
const notifications = {
  service: 'notifications',
  functions: {
    notify: {
      ...h,
      timeout: 5,
      subscribe: [
        'orders.OrderCreated',
        { event: 'orders.OrderShipped', detail: { total: [{ numeric: ['>', 100] }] } },
        { pattern: { source: ['aws.s3'] } },
        { pattern: { source: ['shop'] }, bus: 'shop' },
        'billing.InvoicePaid',
      ],
      queue: { batchSize: 50, maximumBatchingWindowInSeconds: 2 },
      version: 3,
      versions: { 2: h },
    },
    audit: { ...h, queue: { visibilityTimeout: 10, maxReceiveCount: 9 } },
  },
};

async function load(...configs: object[]): Promise<LoadedService[]> {
  return loadServices(configs.map(serviceWith));
}

describe('events of a service', () => {
  it('are on the bus <stage>-<service>, with their contract, description and key path', async () => {
    const [service] = await load(orders);

    expect(service!.events).toEqual([
      {
        name: 'OrderCreated',
        service: 'orders',
        busName: 'qa-orders',
        busArn: `${EVENTS}:event-bus/qa-orders`,
        description: 'An order was recorded',
        contract: { file: path.join(service!.dir, 'src/events.ts'), exportName: 'OrderCreated' },
        keyPath: 'events.OrderCreated',
      },
      {
        name: 'OrderShipped',
        service: 'orders',
        busName: 'qa-orders',
        busArn: `${EVENTS}:event-bus/qa-orders`,
        description: '',
        contract: undefined,
        keyPath: 'events.OrderShipped',
      },
    ]);
  });

  it("a publisher's current major publishes them and has LAMBDAPORT_EVENT_BUS (over the config's); others do not", async () => {
    const [service] = await load(orders);
    const [create, createV1, list] = service!.functions;

    expect(create!.publishes.map((event) => event.name)).toEqual(['OrderShipped', 'OrderCreated']);
    for (const version of ['$LATEST', '2']) {
      expect(create!.versions.get(version)!.environment).toEqual({ LAMBDAPORT_EVENT_BUS: 'qa-orders', OTHER: 'x' });
    }
    expect(createV1!.major).toBe(1);
    expect(createV1!.publishes).toEqual([]);
    expect(createV1!.versions.get('$LATEST')!.environment).toEqual({ LAMBDAPORT_EVENT_BUS: 'mine', OTHER: 'x' });
    expect(list!.publishes).toEqual([]);
    expect(list!.versions.get('$LATEST')!.environment).toEqual({});
  });
});

describe('subscriptions', () => {
  it("are rules <stage>-<service>-<function>-<n> with the full pattern, on the event's bus or the named one", async () => {
    const [, service] = await load(orders, notifications);
    const notify = service!.functions[0]!;

    expect(notify.subscriptions).toEqual([
      {
        keyPath: 'functions.notify.subscribe[0]',
        event: { service: 'orders', name: 'OrderCreated' },
        busName: 'qa-orders',
        busArn: `${EVENTS}:event-bus/qa-orders`,
        pattern: { source: ['orders'], 'detail-type': ['OrderCreated'] },
        ruleName: 'dev-notifications-notify-0',
        ruleArn: `${EVENTS}:rule/qa-orders/dev-notifications-notify-0`,
      },
      {
        keyPath: 'functions.notify.subscribe[1]',
        event: { service: 'orders', name: 'OrderShipped' },
        busName: 'qa-orders',
        busArn: `${EVENTS}:event-bus/qa-orders`,
        pattern: {
          source: ['orders'],
          'detail-type': ['OrderShipped'],
          detail: { total: [{ numeric: ['>', 100] }] },
        },
        ruleName: 'dev-notifications-notify-1',
        ruleArn: `${EVENTS}:rule/qa-orders/dev-notifications-notify-1`,
      },
      {
        keyPath: 'functions.notify.subscribe[2]',
        event: undefined,
        busName: 'default',
        busArn: `${EVENTS}:event-bus/default`,
        pattern: { source: ['aws.s3'] },
        ruleName: 'dev-notifications-notify-2',
        ruleArn: `${EVENTS}:rule/dev-notifications-notify-2`,
      },
      {
        keyPath: 'functions.notify.subscribe[3]',
        event: undefined,
        busName: 'shop',
        busArn: `${EVENTS}:event-bus/shop`,
        pattern: { source: ['shop'] },
        ruleName: 'dev-notifications-notify-3',
        ruleArn: `${EVENTS}:rule/shop/dev-notifications-notify-3`,
      },
      {
        // billing is not loaded: its bus is taken in the subscriber's stage
        keyPath: 'functions.notify.subscribe[4]',
        event: { service: 'billing', name: 'InvoicePaid' },
        busName: 'dev-billing',
        busArn: `${EVENTS}:event-bus/dev-billing`,
        pattern: { source: ['billing'], 'detail-type': ['InvoicePaid'] },
        ruleName: 'dev-notifications-notify-4',
        ruleArn: `${EVENTS}:rule/dev-billing/dev-notifications-notify-4`,
      },
    ]);
  });

  it('only the current major subscribes and consumes', async () => {
    const [service] = await load(notifications);
    const older = service!.functions.find((fn) => fn.name === 'notify' && !fn.current)!;

    expect(older.major).toBe(2);
    expect(older.subscriptions).toEqual([]);
    expect(older.queue).toBeUndefined();
  });
});

describe('queues', () => {
  it('are <stage>-<service>-<function> with a dead-letter queue, defaults filled in', async () => {
    const [service] = await load(notifications);
    const [notify, , audit] = service!.functions;

    expect(notify!.queue).toEqual({
      keyPath: 'functions.notify.queue',
      queueName: 'dev-notifications-notify',
      queueArn: `${SQS}:dev-notifications-notify`,
      deadLetter: { queueName: 'dev-notifications-notify-dlq', queueArn: `${SQS}:dev-notifications-notify-dlq` },
      batchSize: 50,
      maximumBatchingWindowInSeconds: 2,
      visibilityTimeout: 30, // 6 × the function's timeout of 5 s
      maxReceiveCount: 5,
    });
    expect(audit!.queue).toMatchObject({
      queueName: 'dev-notifications-audit',
      batchSize: 10,
      maximumBatchingWindowInSeconds: 0,
      visibilityTimeout: 10,
      maxReceiveCount: 9,
    });
    expect(audit!.subscriptions).toEqual([]);
  });
});

describe('names over AWS limits', () => {
  it('are cut and end in -<hash6> of the full name (queue 80, rule 64 characters)', () => {
    const hash = (name: string) => createHash('sha256').update(name).digest('hex').slice(0, 6);
    const long = `dev-${'s'.repeat(40)}-${'f'.repeat(40)}`; // 86 characters

    expect(cutName(long, QUEUE_NAME_MAX)).toBe(`${long.slice(0, 73)}-${hash(long)}`);
    expect(cutName(long, QUEUE_NAME_MAX)).toHaveLength(80);
    expect(cutName(`${long}-dlq`, QUEUE_NAME_MAX)).toBe(`${long.slice(0, 73)}-${hash(`${long}-dlq`)}`);
    expect(cutName(`${long}-0`, RULE_NAME_MAX)).toBe(`${long.slice(0, 57)}-${hash(`${long}-0`)}`);
    expect(cutName('dev-orders-create-0', RULE_NAME_MAX)).toBe('dev-orders-create-0');
    expect(cutName('x'.repeat(64), RULE_NAME_MAX)).toBe('x'.repeat(64));
  });

  it('the longest valid function keeps its full names (its deployed name fits 64 characters)', async () => {
    // dev-<40 s>-<12 f> is 57 characters: with -<hash6>, a deployed name of exactly 64
    const service = 's'.repeat(40);
    const fn = 'f'.repeat(12);
    const [loaded] = await load({
      service,
      functions: { [fn]: { ...h, subscribe: [{ pattern: { source: ['x'] } }], queue: {} } },
    });
    const resolved = loaded!.functions[0]!;

    expect(resolved.deployedName).toHaveLength(64);
    expect(resolved.queue!.queueName).toBe(`dev-${service}-${fn}`);
    expect(resolved.queue!.deadLetter.queueName).toBe(`dev-${service}-${fn}-dlq`);
    expect(resolved.subscriptions[0]!.ruleName).toBe(`dev-${service}-${fn}-0`);
  });
});
