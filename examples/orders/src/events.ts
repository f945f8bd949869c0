/**
 * The events the orders service publishes, shared with their subscribers (`@lambdaport-examples/orders/events`).
 * On the wire: source `orders` (the service), detail-type the event's name, on the bus `<stage>-orders`.
 */
import { defineEvent } from 'lambdaport';
import { z } from 'zod';

/** `OrderCreated`: published by `orders.create` once an order is placed (after it was sent to `orders.record`). */
export const OrderCreated = defineEvent({
  source: 'orders',
  detailType: 'OrderCreated',
  version: 1,
  description: 'An order was placed: its record existed, and the order was sent to orders.record to be stored.',
  detail: z.object({
    orderId: z.string().min(1),
    recordId: z.number().int().nonnegative(),
    recordTitle: z.string(),
    quantity: z.number().int().min(1).max(100),
    createdAt: z.string(),
  }),
});

/** The detail of an `OrderCreated` event. */
export type OrderCreatedDetail = z.infer<typeof OrderCreated.detail>;
