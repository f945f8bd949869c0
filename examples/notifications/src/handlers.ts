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

/** `notifications.notify` */
export const notify = sqsHandler(notifyLogic, () => ({ notifications: notifications(), now: () => new Date() }), {
  event: OrderCreated,
});
/** `notifications.get` */
export const get = invokeHandler(getNotificationLogic, () => ({ notifications: notifications() }));
