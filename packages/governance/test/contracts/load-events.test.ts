/**
 * Event contracts loaded like function contracts: found from `events.<Name>.contract`, checked (a `defineEvent` value
 * whose source is the service and detail type the key), the detail converted to JSON Schema; every fault a problem
 * naming the config file and key. And the examples: orders' OrderCreated.
 */
import path from 'node:path';
import { loadServices } from '@lambdaport/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatContractProblem, type LoadedContracts, loadContracts } from '../../src/index.js';
import { eventServices } from '../support/event-services.js';

const REPO = path.resolve(import.meta.dirname, '../../../..');

describe('loadContracts: the events of the examples', () => {
  it("loads orders' OrderCreated with its detail schema, from its defineEvent", async () => {
    const services = await loadServices([path.join(REPO, 'examples/orders')]);
    const { events, eventProblems } = await loadContracts(services);

    expect(eventProblems).toEqual([]);
    expect(events.map((e) => e.label)).toEqual(['orders.OrderCreated']);
    expect(events[0]).toMatchObject({
      service: 'orders',
      name: 'OrderCreated',
      version: 1,
      source: {
        file: path.join(REPO, 'examples/orders/src/events.ts'),
        exportName: 'OrderCreated',
        keyPath: 'events.OrderCreated.contract',
      },
      event: { busName: 'dev-orders' },
    });
    expect(events[0]!.detailSchema).toMatchObject({ type: 'object', required: expect.arrayContaining(['orderId']) });
  });
});

describe('loadContracts: event contracts and their problems', () => {
  let loaded: LoadedContracts;
  let made: Awaited<ReturnType<typeof eventServices>>;

  beforeAll(async () => {
    made = await eventServices(
      {
        OrderPlaced: 'src/events.mjs#OrderPlaced',
        Quiet: undefined,
        Refunded: 'src/events.mjs#wrongSource',
        Returned: 'src/events.mjs#wrongDetailType',
        Dated: 'src/events.mjs#dated',
        Missing: 'src/events.mjs#nothingHere',
        Called: 'src/events.mjs#aFunction',
        Broken: 'src/broken.mjs#Broken',
      },
      { withMail: false },
    );
    loaded = await loadContracts(made.services);
  });
  afterAll(() => made.remove());

  it('loads a right contract (description and version from it), and an event without one (no schema)', () => {
    expect(loaded.events.map((e) => e.label)).toEqual(['shop.OrderPlaced', 'shop.Quiet']);
    const [placed, quiet] = loaded.events;
    expect(placed).toMatchObject({ description: 'An order was placed.', version: 2 });
    expect(placed!.detailSchema).toMatchObject({
      type: 'object',
      properties: { orderId: { type: 'string', description: 'The order' }, total: { type: 'number', minimum: 0 } },
      required: ['orderId', 'total'],
    });
    expect(placed!.source?.keyPath).toBe('events.OrderPlaced.contract');
    expect(quiet).toMatchObject({ description: 'Quiet, no contract', version: undefined, detailSchema: undefined });
    expect(quiet!.contract).toBeUndefined();
  });

  it('reports a source or detail type that is not what the wire says, naming the key and what to write', () => {
    const byEvent = (name: string) => loaded.eventProblems.filter((p) => p.event === name);

    expect(byEvent('Refunded')).toEqual([
      expect.objectContaining({
        kind: 'event-mismatch',
        keyPath: 'events.Refunded.contract',
        message: expect.stringContaining('has source "store", but shop.Refunded is published by the service "shop"'),
      }),
    ]);
    expect(byEvent('Returned')).toEqual([
      expect.objectContaining({
        kind: 'event-mismatch',
        message: expect.stringContaining(
          'has detailType "Refund", but it is declared as events.Returned (the detail type on the wire): make its detailType "Returned"',
        ),
      }),
    ]);
  });

  it('reports a missing export, a function contract, a module that does not load, and a detail with no JSON form', () => {
    const kinds = Object.fromEntries(loaded.eventProblems.map((p) => [p.event, p.kind]));
    expect(kinds).toMatchObject({
      Missing: 'missing-export',
      Called: 'not-an-event',
      Broken: 'module-not-loaded',
      Dated: 'schema-not-convertible',
    });
    const message = (name: string) => loaded.eventProblems.find((p) => p.event === name)!.message;
    expect(message('Missing')).toBe(
      'src/events.mjs has no export nothingHere (its event exports: OrderPlaced, dated, wrongDetailType, wrongSource)',
    );
    expect(message('Called')).toContain('is a function contract (defineFunction), not an event contract');
    expect(message('Dated')).toContain('detail.at:');
  });

  it('formats an event problem as <config file>: <key path>: <message>', () => {
    const problem = loaded.eventProblems.find((p) => p.event === 'Missing')!;
    expect(problem.configFile).toBe(path.join(made.dir, 'shop/lambdaport.config.json'));
    expect(formatContractProblem(problem)).toMatch(
      /shop\/lambdaport\.config\.json: events\.Missing\.contract: src\/events\.mjs has no export nothingHere/,
    );
  });
});
