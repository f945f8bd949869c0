/**
 * orders and records on the local runtime (real processes): the call chain and a typed error through two hops.
 */
import { RecordNotFound } from '@lambdaport-examples/records/contract';
import { InvalidRequestError, originOf } from 'lambdaport/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrderNotFound } from '../src/contract.js';
import { ORDERS_DIR, RECORDS_DIR, rejectionOf, sleep, startOrders } from './local.js';

let env: Awaited<ReturnType<typeof startOrders>>;
beforeAll(async () => {
  env = await startOrders([RECORDS_DIR, ORDERS_DIR]);
});
afterAll(() => env?.stop());

/** Reads an order back, waiting for the asynchronous orders.record to have stored it. */
async function readBack(orderId: string) {
  for (let i = 0; ; i++) {
    try {
      return await env.get.invoke({ orderId });
    } catch (error) {
      if (!OrderNotFound.is(error) || i >= 100) throw error;
      await sleep(50);
    }
  }
}

describe('orders → records', () => {
  it('creates an order for an existing record, records it asynchronously, and reads it back', async () => {
    const order = await env.create.invoke({ recordId: 2, quantity: 3 });

    expect(order).toMatchObject({ recordId: 2, quantity: 3, recordTitle: 'Onboarding checklist' });
    expect(await readBack(order.orderId)).toEqual(order);
  });

  it('brings a typed RecordNotFound back through two hops (records → orders → here)', async () => {
    const error = await rejectionOf(env.create.invoke({ recordId: 999, quantity: 1 }));

    expect(RecordNotFound.is(error)).toBe(true);
    expect(error).toBeInstanceOf(RecordNotFound);
    expect((error as InstanceType<typeof RecordNotFound>).data).toEqual({ id: 999 });
    expect(originOf(error)).toMatchObject({ functionName: 'orders.create', version: 1, executedVersion: '1' });
  });

  it('rejects invalid input before calling anything', async () => {
    const error = await rejectionOf(env.create.invoke({ recordId: 1, quantity: 0 }));

    expect(InvalidRequestError.is(error)).toBe(true);
    expect((error as InvalidRequestError).issues[0]?.path).toBe('quantity');
    expect(error.message).toContain('orders.create v1');
  });

  it('answers OrderNotFound for an unknown order', async () => {
    const error = await rejectionOf(env.get.invoke({ orderId: 'no-such-order' }));

    expect(OrderNotFound.is(error)).toBe(true);
    expect((error as InstanceType<typeof OrderNotFound>).data.orderId).toBe('no-such-order');
  });
});
