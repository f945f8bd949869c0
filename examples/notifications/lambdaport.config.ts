import { defineConfig } from 'lambdaport/config';

/**
 * The notifications service: `notifications.notify` subscribes to orders' `OrderCreated` through a queue (a rule on
 * the bus `<stage>-orders` targets the queue `<stage>-notifications-notify`; an event source mapping feeds the
 * function batches of up to 10, gathered for up to a second, reporting partial batch failures). It records a
 * notification per order in `<stage>-notifications-notifications`; `notifications.get` reads it back.
 *
 * A bulk order (more than 50 copies) is refused on purpose (`BulkOrderRefused`): its message fails alone, is received
 * again after the visibility timeout, and after 3 receives moves to `<stage>-notifications-notify-dlq`. The short
 * timeout and visibility timeout make that path take seconds, not minutes.
 */
export default defineConfig({
  service: 'notifications',
  functions: {
    notify: {
      handler: 'src/handlers.ts#notify',
      contract: 'src/contract.ts#notifyOrder',
      description: 'notifications.notify: record a notification of each order placed (OrderCreated, via a queue)',
      timeout: 3,
      environment: { NOTIFICATIONS_TABLE: { table: 'notifications' } },
      tables: { notifications: 'read-write' },
      calls: [],
      subscribe: ['orders.OrderCreated'],
      queue: { batchSize: 10, maximumBatchingWindowInSeconds: 1, visibilityTimeout: 3, maxReceiveCount: 3 },
    },
    get: {
      handler: 'src/handlers.ts#get',
      contract: 'src/contract.ts#getNotification',
      description: 'notifications.get: fetch the notification of an order',
      environment: { NOTIFICATIONS_TABLE: { table: 'notifications' } },
      tables: { notifications: 'read' },
      calls: [],
    },
  },
  tables: {
    notifications: { partitionKey: { name: 'orderId', type: 'S' } },
  },
});
