/**
 * The orders service's Lambda handlers. Clients and SDK clients are made once per execution environment.
 *
 * `ORDERS_TABLE` names the table. The records client resolves `records.get` through SSM
 * (`/lambdaport/<LAMBDAPORT_STAGE>/records/get`), invokes alias `v1`, and guards the call: deadline from the
 * caller's remaining time, retries of safe failures, a circuit breaker. `OrderCreated` is published with PutEvents
 * on the service's bus.
 */
import { randomUUID } from 'node:crypto';
import { getRecord } from '@lambdaport-examples/records/contract';
import { createClient } from 'lambdaport/client';
import { createPublisher } from 'lambdaport/events';
import { invokeHandler } from 'lambdaport/handlers';
import { recordOrder } from './contract.js';
import { OrderCreated } from './events.js';
import { createOrderLogic, getOrderLogic } from './logic.js';
import { orders } from './orders-table.js';

/** The records client: 3 consecutive failures open the circuit for 2 s. */
const records = createClient(getRecord, {
  retry: { retries: 1 },
  breaker: { threshold: 3, halfOpenAfterMs: Number(process.env.RECORDS_HALF_OPEN_MS ?? 2_000) },
});
const recorder = createClient(recordOrder);
/** Publishes on the bus `LAMBDAPORT_EVENT_BUS` names (`<stage>-orders`, set for a function that `publishes`). */
const events = createPublisher(OrderCreated);

/** `orders.create` */
export const create = invokeHandler(createOrderLogic, {
  records,
  recorder,
  events,
  newId: randomUUID,
  now: () => new Date(),
});
/** `orders.get` */
export const get = invokeHandler(getOrderLogic, () => ({ orders: orders() }));
