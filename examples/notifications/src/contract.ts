/**
 * The notifications service's contract: shared with its callers (`@lambdaport-examples/notifications/contract`).
 * `notifications.notify` is not called by anyone: it consumes `orders.OrderCreated` events from its queue, and its
 * input is the event's detail.
 */
import { OrderCreated } from '@lambdaport-examples/orders/events';
import { defineError, defineFunction } from 'lambdaport';
import { z } from 'zod';

/** Orders of more copies than this are bulk orders, which `notifications.notify` refuses (see BulkOrderRefused). */
export const BULK_ORDER_LIMIT = 50;

/** A notification of an order, as `notifications.get` answers it. */
export const NotificationSchema = z.object({
  orderId: z.string().min(1),
  message: z.string(),
  notifiedAt: z.string(),
});

/** A notification of the notifications service. */
export type Notification = z.infer<typeof NotificationSchema>;

/**
 * A bulk order (more than {@link BULK_ORDER_LIMIT} copies) needs a person, not a message: the notifier refuses it on
 * purpose. Its message fails alone in its batch, returns to the queue, and ends in the dead-letter queue.
 */
export const BulkOrderRefused = defineError(
  'BulkOrderRefused',
  z.object({ orderId: z.string(), quantity: z.number().int(), limit: z.number().int() }),
  {
    description: `An order of more than ${BULK_ORDER_LIMIT} copies is not notified: it ends in the dead-letter queue.`,
  },
);

/** No notification has the requested id (yet: notifications follow orders asynchronously). */
export const NotificationNotFound = defineError('NotificationNotFound', z.object({ orderId: z.string() }), {
  description: 'No notification for this order (yet: they follow orders through a queue).',
  status: 404,
});

/** `notifications.notify`: records a notification of an order placed (an `OrderCreated` event). */
export const notifyOrder = defineFunction({
  name: 'notifications.notify',
  version: 1,
  description:
    'Record a notification of an order placed (an orders.OrderCreated event, through a queue); a bulk order is refused.',
  input: OrderCreated.detail,
  output: z.object({ orderId: z.string() }),
  errors: [BulkOrderRefused],
  // at least once: a redelivered event writes the same notification again (keyed by orderId)
  idempotent: true,
  examples: [
    {
      name: 'two copies of record 1',
      input: {
        orderId: '5f0c8a1e-8d2b-4c4e-9a77-0b6f3c1d2e4f',
        recordId: 1,
        recordTitle: 'Quarterly report',
        quantity: 2,
        createdAt: '2026-02-01T10:00:00.000Z',
      },
      output: { orderId: '5f0c8a1e-8d2b-4c4e-9a77-0b6f3c1d2e4f' },
    },
  ],
});

/** `notifications.get`: reads a notification back. */
export const getNotification = defineFunction({
  name: 'notifications.get',
  version: 1,
  description: 'Fetch the notification of an order.',
  input: z.object({ orderId: z.string().min(1).max(64) }),
  output: NotificationSchema,
  errors: [NotificationNotFound],
  idempotent: true,
  examples: [
    {
      name: 'the notification of an order placed earlier',
      input: { orderId: '5f0c8a1e-8d2b-4c4e-9a77-0b6f3c1d2e4f' },
      output: {
        orderId: '5f0c8a1e-8d2b-4c4e-9a77-0b6f3c1d2e4f',
        message: 'Order of 2 × "Quarterly report" placed',
        notifiedAt: '2026-02-01T10:00:00.050Z',
      },
    },
  ],
});
