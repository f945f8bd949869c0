import { defineConfig } from 'lambdaport/config';

/**
 * The orders service: `orders.create` calls `records.get` (major 1, the contract it was built against) through the
 * typed client, then sends the order to `orders.record` as an asynchronous Event; `orders.get` reads it back. The
 * table is `<stage>-orders-orders`; `ORDERS_TABLE` gets that name from the `{ table: 'orders' }` reference. Events are
 * delivered at least once, so `orders.record` is idempotent (Powertools idempotency, records in `<stage>-orders-idempotency`).
 * Once an order is placed, `orders.create` publishes `OrderCreated` on the bus `<stage>-orders` (source `orders`),
 * for whoever subscribes (the notifications service).
 */
export default defineConfig({
  service: 'orders',
  events: {
    OrderCreated: { contract: 'src/events.ts#OrderCreated', description: 'An order was placed' },
  },
  functions: {
    create: {
      handler: 'src/handlers.ts#create',
      contract: 'src/contract.ts#createOrder',
      description: 'orders.create: check the record, record the order asynchronously',
      timeout: 6,
      calls: ['records.get@v1', 'orders.record'],
      publishes: ['OrderCreated'],
    },
    record: {
      handler: 'src/record-handler.ts#record',
      contract: 'src/contract.ts#recordOrder',
      description: 'orders.record: store an order (an Event; idempotent, so a redelivered event writes once)',
      environment: { ORDERS_TABLE: { table: 'orders' }, IDEMPOTENCY_TABLE: { table: 'idempotency' } },
      tables: { orders: 'read-write', idempotency: 'read-write' },
      calls: [],
      // Events are delivered at least once: retried twice on a function error, kept up to an hour
      async: { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 3600 },
    },
    get: {
      handler: 'src/handlers.ts#get',
      contract: 'src/contract.ts#getOrder',
      description: 'orders.get: fetch one order',
      environment: { ORDERS_TABLE: { table: 'orders' } },
      tables: { orders: 'read' },
      calls: [],
    },
  },
  tables: {
    orders: { partitionKey: { name: 'orderId', type: 'S' } },
    // Powertools idempotency records of orders.record (key `id`: the function name and the hash of the orderId)
    idempotency: { partitionKey: { name: 'id', type: 'S' } },
  },
});
