/**
 * The notifications service's Lambda handlers.
 *
 * `notify` is fed by an SQS event source mapping on its queue (`<stage>-notifications-notify`), where a rule of the
 * bus `<stage>-orders` puts every `OrderCreated` event. `sqsHandler` with `event: OrderCreated` checks each record's
 * body is that event and gives the logic its typed detail; a record that fails (a bulk order, a bad body) is reported
 * in `batchItemFailures`, so it alone returns to the queue (and after `maxReceiveCount` receives, to the dead-letter
 * queue) while the rest of the batch is deleted.
 */
import { OrderCreated } from '@lambdaport-examples/orders/events';
import { invokeHandler, sqsHandler } from 'lambdaport/handlers';
import { getNotificationLogic, notifyLogic } from './logic.js';
import { notifications } from './notifications-table.js';
import type { NotificationRepository } from './repository.js';

/** The notifications repository, saying each write in the function's log (what the tests of redelivery count). */
function loggedNotifications(): NotificationRepository {
  const inner = notifications();
  return {
    get: (orderId, signal) => inner.get(orderId, signal),
    async put(notification, signal) {
      await inner.put(notification, signal);
      console.log(`notified order ${notification.orderId}`);
    },
  };
}

/** `notifications.notify` */
export const notify = sqsHandler(notifyLogic, () => ({ notifications: loggedNotifications(), now: () => new Date() }), {
  event: OrderCreated,
});
/** `notifications.get` */
export const get = invokeHandler(getNotificationLogic, () => ({ notifications: notifications() }));
