/**
 * The event keys: a service's `events`, a function's `publishes`, `subscribe` and `queue`, good and bad input, with
 * the exact words of each issue (the file is named by every issue; see validate.test.ts).
 */
import path from 'node:path';
import { eventNameProblem, friendlyEventProblem } from 'lambdaport/names';
import { describe, expect, it } from 'vitest';
import { isConfigError, validateConfig } from '../../src/index.js';
import { issuesOf, ok, tempService } from '../support/issues.js';

const event = { contract: 'src/events.ts#OrderCreated', description: 'An order was recorded' };
const FILES = {
  'src/handlers.ts': 'export const handler = async () => 1;\n',
  'src/events.ts': 'export const OrderCreated = {};\n',
};
/** An orders service publishing OrderCreated, with one function `notify` (extended by `fn`). */
const service = (fn: Record<string, unknown>, events: unknown = { OrderCreated: event }) => ({
  service: 'orders',
  ...(events === 'none' ? {} : { events }),
  functions: { notify: { ...ok, ...fn } },
});

describe('event issues', () => {
  it('name the config file and the key path, every one', () => {
    const dir = tempService(FILES);
    const file = path.join(dir, 'lambdaport.config.ts');
    const config = service({ publishes: ['Nope'], subscribe: ['orders'], queue: { maxReceiveCount: 0 } });

    const error = (() => {
      try {
        validateConfig(config, file, dir);
      } catch (thrown) {
        return thrown;
      }
    })();

    if (!isConfigError(error)) throw new Error(`expected a ConfigError, got ${String(error)}`);
    expect(error.issues.map((issue) => [issue.file, issue.path])).toEqual([
      [file, 'functions.notify.publishes[0]'],
      [file, 'functions.notify.subscribe[0]'],
      [file, 'functions.notify.queue.maxReceiveCount'],
    ]);
    expect(error.message).toContain(`${file}: functions.notify.publishes[0]: "Nope" is not an event of this service`);
  });
});

describe('events', () => {
  it('accepts PascalCase names with a contract and a description, or neither', () => {
    expect(issuesOf(service({}, { OrderCreated: event, Order2Shipped: {} }), FILES)).toEqual([]);
    expect(issuesOf(service({}, { [`A${'b'.repeat(63)}`]: {} }), FILES)).toEqual([]);
  });

  it('refuses a name not in PascalCase or over 64 characters, a bad contract and an unknown key', () => {
    expect(
      issuesOf(
        service({}, { orderCreated: {}, 'Order-Created': {}, [`A${'b'.repeat(64)}`]: {}, OrderCreated: event }),
        FILES,
      ),
    ).toEqual([
      `events.orderCreated: ${eventNameProblem('orderCreated')}`,
      `events.Order-Created: ${eventNameProblem('Order-Created')}`,
      `events.A${'b'.repeat(64)}: ${eventNameProblem(`A${'b'.repeat(64)}`)}`,
    ]);
    expect(
      issuesOf(service({}, { OrderCreated: { contract: 'src/events.ts', description: 'x'.repeat(257), v: 1 } }), FILES),
    ).toEqual([
      'events.OrderCreated.contract: expected a contract "path/file.ts#export", got "src/events.ts"',
      `events.OrderCreated.description: expected a description of at most 256 characters, got "${'x'.repeat(56)}...`,
      'events.OrderCreated.v: unknown key; expected one of contract, description',
    ]);
    expect(issuesOf(service({}, ['OrderCreated']), FILES)).toEqual([
      'events: expected an object of events ({ OrderCreated: { contract?, description? } }), got an array',
    ]);
  });

  it("checks the contract's file is in the service dir", () => {
    expect(issuesOf(service({}, { OrderCreated: { contract: 'src/missing.ts#OrderCreated' } }), FILES)).toEqual([
      expect.stringMatching(/^events\.OrderCreated\.contract: contract file src\/missing\.ts not found in \//),
    ]);
  });
});

describe('publishes', () => {
  it('accepts keys of the service events', () => {
    expect(issuesOf(service({ publishes: ['OrderCreated'] }), FILES)).toEqual([]);
  });

  it('refuses an event the service does not declare, listing those it does', () => {
    expect(issuesOf(service({ publishes: ['OrderCreated', 'OrderShipped'] }), FILES)).toEqual([
      'functions.notify.publishes[1]: "OrderShipped" is not an event of this service (its events: OrderCreated)',
    ]);
    expect(issuesOf(service({ publishes: ['OrderCreated'] }, 'none'), FILES)).toEqual([
      'functions.notify.publishes[0]: "OrderCreated" is not an event of this service (it declares no events)',
    ]);
    expect(issuesOf(service({ publishes: 'OrderCreated' }), FILES)).toEqual([
      'functions.notify.publishes: expected an array of event names (keys of the service\'s "events"), got "OrderCreated"',
    ]);
  });
});

describe('subscribe', () => {
  it('accepts <service>.<Event>, { event, detail? } and { pattern, bus? }', () => {
    const entries = [
      'orders.OrderCreated',
      { event: 'records.RecordChanged', detail: { total: [{ numeric: ['>', 100] }] } },
      { pattern: { source: ['aws.s3'] } },
      { pattern: { source: ['shop'] }, bus: 'shop-events' },
    ];
    expect(issuesOf(service({ subscribe: entries }), FILES)).toEqual([]);
  });

  it('refuses a string not <service>.<Event>, naming the part at fault', () => {
    expect(
      issuesOf(service({ subscribe: ['orders', 'orders.orderCreated', 'Orders.OrderCreated', 'a.b.C'] }), FILES),
    ).toEqual([
      `functions.notify.subscribe[0]: ${friendlyEventProblem('orders')}`,
      `functions.notify.subscribe[1]: ${friendlyEventProblem('orders.orderCreated')}`,
      `functions.notify.subscribe[2]: ${friendlyEventProblem('Orders.OrderCreated')}`,
      `functions.notify.subscribe[3]: ${friendlyEventProblem('a.b.C')}`,
    ]);
    expect(friendlyEventProblem('orders.orderCreated')).toBe(
      `event "orders.orderCreated": ${eventNameProblem('orderCreated')}`,
    );
  });

  it('refuses an entry with both event and pattern, and a pattern or detail that is not an object', () => {
    expect(
      issuesOf(
        service({
          subscribe: [
            { event: 'orders.OrderCreated', pattern: { source: ['orders'] } },
            { pattern: 'source=orders' },
            { pattern: ['orders'] },
            { event: 'orders.OrderCreated', detail: 3 },
            { evnt: 'orders.OrderCreated' },
            42,
          ],
        }),
        FILES,
      ),
    ).toEqual([
      'functions.notify.subscribe[0]: expected either { event, detail? } or { pattern, bus? }, got both "event" and "pattern"',
      'functions.notify.subscribe[1]: pattern: expected an event pattern (a JSON object), got "source=orders"',
      'functions.notify.subscribe[2]: pattern: expected an event pattern (a JSON object), got an array',
      'functions.notify.subscribe[3]: detail: expected a pattern on the detail (a JSON object), got 3',
      'functions.notify.subscribe[4]: expected an event "<service>.<Event>", { event, detail? } or { pattern, bus? }, got an object with keys evnt (did you mean "event"?)',
      'functions.notify.subscribe[5]: expected an event "<service>.<Event>", { event, detail? } or { pattern, bus? }, got 42',
    ]);
  });

  it('names the key at fault in the form an entry looks like: a bad bus, event or detail', () => {
    const BUS = 'a bus name (letters, digits, ".", "_", "-" and "/", at most 256 characters)';
    expect(
      issuesOf(
        service({
          subscribe: [
            { pattern: { source: ['x'] }, bus: 3 },
            { pattern: { source: ['x'] }, bus: 'my bus' },
            { event: 3 },
            { event: 'orders.OrderCreated', detail: [] },
            { pattern: { source: ['x'] }, bus: 'aws.partner/shop.com/orders' },
          ],
        }),
        FILES,
      ),
    ).toEqual([
      `functions.notify.subscribe[0]: bus: expected ${BUS}, got 3`,
      `functions.notify.subscribe[1].bus: expected ${BUS}, got "my bus"`,
      `functions.notify.subscribe[2]: event: ${friendlyEventProblem(3)}`,
      'functions.notify.subscribe[3]: detail: expected a pattern on the detail (a JSON object), got an array',
    ]);
  });

  it('names an unknown key of an entry and a bad event inside an object', () => {
    expect(
      issuesOf(service({ subscribe: [{ pattern: { source: ['x'] }, rule: 'r' }, { event: 'orders.nope' }] }), FILES),
    ).toEqual([
      'functions.notify.subscribe[0].rule: unknown key; expected one of pattern, bus',
      `functions.notify.subscribe[1].event: ${friendlyEventProblem('orders.nope')}`,
    ]);
  });
});

describe('queue', () => {
  it('accepts the limits AWS accepts, and an empty queue (all defaults)', () => {
    expect(issuesOf(service({ queue: {} }), FILES)).toEqual([]);
    expect(
      issuesOf(
        service({
          timeout: 30,
          queue: {
            batchSize: 10_000,
            maximumBatchingWindowInSeconds: 300,
            visibilityTimeout: 30,
            maxReceiveCount: 1000,
          },
        }),
        FILES,
      ),
    ).toEqual([]);
    expect(
      issuesOf(service({ queue: { batchSize: 1, maxReceiveCount: 1, visibilityTimeout: 43_200 } }), FILES),
    ).toEqual([]);
  });

  it('refuses a batch size of 0 or 10001, and over 10 without a batching window', () => {
    expect(issuesOf(service({ queue: { batchSize: 0 } }), FILES)).toEqual([
      'functions.notify.queue.batchSize: expected a whole number from 1 to 10000, got 0',
    ]);
    expect(issuesOf(service({ queue: { batchSize: 10_001, maximumBatchingWindowInSeconds: 1 } }), FILES)).toEqual([
      'functions.notify.queue.batchSize: expected a whole number from 1 to 10000, got 10001',
    ]);
    expect(issuesOf(service({ queue: { batchSize: 11 } }), FILES)).toEqual([
      'functions.notify.queue.batchSize: a batch size of 11 (over 10) needs maximumBatchingWindowInSeconds of at least 1, as AWS requires; got 0',
    ]);
    expect(issuesOf(service({ queue: { batchSize: 11, maximumBatchingWindowInSeconds: 1 } }), FILES)).toEqual([]);
  });

  it("refuses a visibility timeout below the function's timeout, a maxReceiveCount of 0 and an unknown key", () => {
    expect(issuesOf(service({ timeout: 30, queue: { visibilityTimeout: 29 } }), FILES)).toEqual([
      "functions.notify.queue.visibilityTimeout: a visibility timeout of 29 s is below the function's timeout (30 s); AWS refuses it: expected at least 30",
    ]);
    expect(issuesOf(service({ queue: { maxReceiveCount: 0, visibilityTimeout: 43_201, retries: 3 } }), FILES)).toEqual([
      'functions.notify.queue.maxReceiveCount: expected a whole number from 1 to 1000, got 0',
      'functions.notify.queue.visibilityTimeout: expected a whole number of seconds from 0 to 43200, got 43201',
      'functions.notify.queue.retries: unknown key; expected one of batchSize, maximumBatchingWindowInSeconds, visibilityTimeout, maxReceiveCount',
    ]);
  });
});
