import { defineConfig } from 'lambdaport/config';

/**
 * The orders service: `orders.create` calls `records.get` through the typed client, then sends the order to
 * `orders.record` as an asynchronous Event; `orders.get` reads it back. The table is `<stage>-orders-orders`.
 */
export default defineConfig({
  service: 'orders',
  functions: {
    create: {
      handler: 'src/handlers.ts#create',
      description: 'orders.create: check the record, record the order asynchronously',
      timeout: 6,
      calls: ['records.get', 'orders.record'],
    },
    record: {
      handler: 'src/handlers.ts#record',
      description: 'orders.record: store an order (an Event)',
      environment: { ORDERS_TABLE: 'dev-orders-orders' },
      calls: [],
    },
    get: {
      handler: 'src/handlers.ts#get',
      description: 'orders.get: fetch one order',
      environment: { ORDERS_TABLE: 'dev-orders-orders' },
      calls: [],
    },
  },
  tables: {
    orders: { partitionKey: { name: 'orderId', type: 'S' } },
  },
});
