/**
 * The notifications service's business logic: plain functions of (input, deps, ctx).
 */
import { implement } from 'lambdaport';
import { BULK_ORDER_LIMIT, BulkOrderRefused, getNotification, NotificationNotFound, notifyOrder } from './contract.js';
import type { NotificationRepository } from './repository.js';

/** What `notifications.notify` needs. */
export interface NotifyDeps {
  notifications: NotificationRepository;
  now: () => Date;
}

/**
 * `notifications.notify`: one `OrderCreated` detail → one notification, keyed by the order (a redelivered event
 * writes the same one). A bulk order (more than {@link BULK_ORDER_LIMIT} copies) is refused with `BulkOrderRefused`:
 * through `sqsHandler` that message alone fails its batch.
 */
export const notifyLogic = implement(notifyOrder, async (order, deps: NotifyDeps, ctx) => {
  if (order.quantity > BULK_ORDER_LIMIT) {
    throw new BulkOrderRefused(
      { orderId: order.orderId, quantity: order.quantity, limit: BULK_ORDER_LIMIT },
      `Order ${order.orderId} is a bulk order (${order.quantity} copies, over ${BULK_ORDER_LIMIT}): not notified`,
    );
  }
  await deps.notifications.put(
    {
      orderId: order.orderId,
      message: `Order of ${order.quantity} × ${JSON.stringify(order.recordTitle)} placed`,
      notifiedAt: deps.now().toISOString(),
    },
    ctx.signal,
  );
  return { orderId: order.orderId };
});

/** `notifications.get`: the notification of an order, or `NotificationNotFound`. */
export const getNotificationLogic = implement(
  getNotification,
  async ({ orderId }, deps: { notifications: NotificationRepository }, ctx) => {
    const notification = await deps.notifications.get(orderId, ctx.signal);
    if (!notification) throw new NotificationNotFound({ orderId }, `No notification for order ${orderId}`);
    return notification;
  },
);
