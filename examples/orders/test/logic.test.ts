/**
 * Unit tests of the orders logic: each implementation called directly, `createOrderLogic(input, deps)`, with
 * plain objects for its ports (the records client, the recorder, the clock, the ids). No Lambda, no runtime.
 * (The services on the local runtime: orders.test.ts and faults.test.ts.)
 */
import { RecordNotFound } from '@lambdaport-examples/records/contract';
import { InvalidRequestError, ThrottledError } from 'lambdaport/client';
import type { ResolvedFunction } from 'lambdaport/registry';
import { describe, expect, it } from 'vitest';
import { type Order, OrderNotFound, RecordsUnavailable } from '../src/contract.js';
import { type CreateOrderDeps, createOrderLogic, getOrderLogic, recordOrderLogic } from '../src/logic.js';
import type { OrderRepository } from '../src/repository.js';

const RECORD = { id: 3, title: 'Incident 42 review', status: 'active', createdAt: '2026-01-03T09:00:00.000Z' } as const;

/** Where orders.record resolved to, as the client's acknowledgement says. */
const RECORDER: ResolvedFunction = {
  name: 'orders.record',
  version: 1,
  functionName: 'dev-orders-record-1a2b3c',
  qualifier: 'v1',
  source: 'static',
  parameter: 'orders.record',
};

/**
 * Deps of orders.create: records answers with `answer`, sent orders are kept in `sent`, published OrderCreated
 * details in `published`.
 */
function createDeps(answer: () => Promise<typeof RECORD>): CreateOrderDeps & { sent: unknown[]; published: unknown[] } {
  const sent: unknown[] = [];
  const published: unknown[] = [];
  return {
    sent,
    published,
    records: { invoke: () => answer() },
    events: {
      publish: async (detail) => {
        published.push(detail);
        return `event-${published.length}`;
      },
    },
    recorder: {
      send: async (order) => {
        sent.push(order);
        return { statusCode: 202, requestId: 'req-1', target: RECORDER };
      },
    },
    newId: () => 'order-1',
    now: () => new Date('2026-02-01T10:00:00.000Z'),
  };
}

function inMemoryOrders(): OrderRepository & { items: Map<string, Order> } {
  const items = new Map<string, Order>();
  return {
    items,
    async put(order) {
      items.set(order.orderId, order);
    },
    async get(orderId) {
      return items.get(orderId);
    },
  };
}

describe('orders.create logic', () => {
  it('places an order for an existing record, sends it to orders.record, and publishes OrderCreated', async () => {
    const deps = createDeps(async () => RECORD);

    const order = await createOrderLogic({ recordId: 3, quantity: 2 }, deps);

    expect(order).toEqual({
      orderId: 'order-1',
      recordId: 3,
      quantity: 2,
      recordTitle: 'Incident 42 review',
      createdAt: '2026-02-01T10:00:00.000Z',
    });
    expect(deps.sent).toEqual([order]);
    expect(deps.published).toEqual([order]);
  });

  it("passes records' RecordNotFound on as it is, and sends and publishes nothing", async () => {
    const deps = createDeps(async () => {
      throw new RecordNotFound({ id: 9 }, 'Record 9 not found');
    });

    const error = await createOrderLogic({ recordId: 9, quantity: 1 }, deps).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RecordNotFound);
    expect(deps.sent).toEqual([]);
    expect(deps.published).toEqual([]);
  });

  it('turns any other failure of records into RecordsUnavailable with the reason', async () => {
    const deps = createDeps(async () => {
      throw new ThrottledError({ functionName: 'records.get', version: 1 }, {});
    });

    const error = await createOrderLogic({ recordId: 3, quantity: 1 }, deps).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RecordsUnavailable);
    expect((error as InstanceType<typeof RecordsUnavailable>).data).toEqual({ reason: 'Throttled' });
  });

  it('refuses a quantity of 0 before calling records', async () => {
    let calls = 0;
    const deps = createDeps(async () => {
      calls++;
      return RECORD;
    });

    const error = await createOrderLogic({ recordId: 3, quantity: 0 }, deps).catch((e: unknown) => e);

    expect(InvalidRequestError.is(error)).toBe(true);
    expect((error as InvalidRequestError).issues.map((issue) => issue.path)).toEqual(['quantity']);
    expect(calls).toBe(0);
  });
});

describe('orders.record and orders.get logic', () => {
  it('stores an order, then reads it back; an unknown id is OrderNotFound', async () => {
    const orders = inMemoryOrders();
    const order: Order = {
      orderId: 'order-2',
      recordId: 1,
      quantity: 1,
      recordTitle: 'Quarterly report',
      createdAt: '2026-02-01T10:00:00.000Z',
    };

    await expect(recordOrderLogic(order, { orders })).resolves.toEqual({ orderId: 'order-2' });
    await expect(getOrderLogic({ orderId: 'order-2' }, { orders })).resolves.toEqual(order);
    await expect(getOrderLogic({ orderId: 'nope' }, { orders })).rejects.toBeInstanceOf(OrderNotFound);
  });
});
