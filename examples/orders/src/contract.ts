/**
 * The orders service's contract: shared with its callers (`@lambdaport-examples/orders/contract`).
 */
import { RecordNotFound } from '@lambdaport-examples/records/contract';
import { defineError, defineFunction } from 'lambdaport';
import { z } from 'zod';

/** An order as callers see it. */
export const OrderSchema = z.object({
  orderId: z.string().min(1),
  recordId: z.number().int().nonnegative(),
  quantity: z.number().int().min(1).max(100),
  recordTitle: z.string(),
  createdAt: z.string(),
});

/** An order of the orders service. */
export type Order = z.infer<typeof OrderSchema>;

/** The records service could not answer (time-out, crash, open circuit...): the order was not placed. */
export const RecordsUnavailable = defineError(
  'RecordsUnavailable',
  z.object({ reason: z.string(), errorType: z.string().optional() }),
  { description: 'records.get failed for a reason other than "not found"; nothing was recorded.', status: 503 },
);

/** No order has the requested id (yet: orders are recorded asynchronously). */
export const OrderNotFound = defineError('OrderNotFound', z.object({ orderId: z.string() }), {
  description: 'No order has this id (yet: orders are recorded asynchronously).',
  status: 404,
});

/** `orders.create`: checks the record through `records.get`, then records the order asynchronously. */
export const createOrder = defineFunction({
  name: 'orders.create',
  version: 1,
  description: 'Place an order for a record: the record must exist; the order is recorded asynchronously.',
  input: z.object({ recordId: z.number().int().nonnegative(), quantity: z.number().int().min(1).max(100) }),
  output: OrderSchema,
  errors: [RecordNotFound, RecordsUnavailable],
  examples: [
    {
      name: 'two copies of record 1',
      input: { recordId: 1, quantity: 2 },
      output: {
        orderId: '5f0c8a1e-8d2b-4c4e-9a77-0b6f3c1d2e4f',
        recordId: 1,
        quantity: 2,
        recordTitle: 'Quarterly report',
        createdAt: '2026-02-01T10:00:00.000Z',
      },
    },
  ],
});

/** `orders.record`: stores an order (a mutation, invoked as an `Event`). Idempotent: keyed by `orderId`. */
export const recordOrder = defineFunction({
  name: 'orders.record',
  version: 1,
  description: 'Store an order. Sent asynchronously by orders.create; storing it twice is harmless.',
  input: OrderSchema,
  output: z.object({ orderId: z.string() }),
  idempotent: true,
  examples: [
    {
      name: 'an order placed by orders.create',
      input: {
        orderId: '5f0c8a1e-8d2b-4c4e-9a77-0b6f3c1d2e4f',
        recordId: 1,
        quantity: 2,
        recordTitle: 'Quarterly report',
        createdAt: '2026-02-01T10:00:00.000Z',
      },
      output: { orderId: '5f0c8a1e-8d2b-4c4e-9a77-0b6f3c1d2e4f' },
    },
  ],
});

/** `orders.get`: reads an order back. */
export const getOrder = defineFunction({
  name: 'orders.get',
  version: 1,
  description: 'Fetch one order by id.',
  input: z.object({ orderId: z.string().min(1).max(64) }),
  output: OrderSchema,
  errors: [OrderNotFound],
  idempotent: true,
  examples: [
    {
      name: 'an order recorded earlier',
      input: { orderId: '5f0c8a1e-8d2b-4c4e-9a77-0b6f3c1d2e4f' },
      output: {
        orderId: '5f0c8a1e-8d2b-4c4e-9a77-0b6f3c1d2e4f',
        recordId: 1,
        quantity: 2,
        recordTitle: 'Quarterly report',
        createdAt: '2026-02-01T10:00:00.000Z',
      },
    },
  ],
});
