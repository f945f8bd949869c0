/**
 * The orders service's business logic: plain functions of (input, deps, ctx).
 * The callers of other functions are ports too (`Pick` of a typed client), so tests can hand in anything.
 */
import { type getRecord, RecordNotFound } from '@lambdaport-examples/records/contract';
import { implement, LambdaportError } from 'lambdaport';
import type { Client } from 'lambdaport/client';
import type { Publisher } from 'lambdaport/events';
import { createOrder, getOrder, OrderNotFound, RecordsUnavailable, recordOrder } from './contract.js';
import type { OrderCreated } from './events.js';
import type { OrderRepository } from './repository.js';

/** What `orders.create` needs. */
export interface CreateOrderDeps {
  records: Pick<Client<typeof getRecord>, 'invoke'>;
  recorder: Pick<Client<typeof recordOrder>, 'send'>;
  /** Publishes `OrderCreated` (on the service's bus). */
  events: Pick<Publisher<typeof OrderCreated>, 'publish'>;
  newId: () => string;
  now: () => Date;
}

/**
 * `orders.create`: the record must exist (`records.get`, typed client); a `RecordNotFound` travels on to our caller
 * as it is; any other failure of records becomes `RecordsUnavailable`. The order is then sent to `orders.record` as
 * an asynchronous `Event` (a mutation needs no answer), and `OrderCreated` is published for whoever subscribes
 * (`notifications.notify`): only once the order is placed, so a refused order publishes nothing.
 */
export const createOrderLogic = implement(createOrder, async (input, deps: CreateOrderDeps, ctx) => {
  let title: string;
  try {
    const record = await deps.records.invoke({ id: input.recordId }, { ctx });
    title = record.title;
  } catch (error) {
    if (RecordNotFound.is(error)) throw error;
    throw unavailable(error);
  }
  const order = {
    orderId: deps.newId(),
    recordId: input.recordId,
    quantity: input.quantity,
    recordTitle: title,
    createdAt: deps.now().toISOString(),
  };
  await deps.recorder.send(order, { ctx });
  await deps.events.publish(order);
  return order;
});

function unavailable(error: unknown) {
  const reason = LambdaportError.is(error) ? error.code : 'Unknown';
  const errorType = (error as { errorType?: unknown }).errorType;
  const message = error instanceof Error ? error.message : String(error);
  return new RecordsUnavailable(
    typeof errorType === 'string' ? { reason, errorType } : { reason },
    `records.get failed: ${message}`,
    { cause: error },
  );
}

/** `orders.record`: stores the order. */
export const recordOrderLogic = implement(recordOrder, async (order, deps: { orders: OrderRepository }, ctx) => {
  await deps.orders.put(order, ctx.signal);
  return { orderId: order.orderId };
});

/** `orders.get`: the order, or `OrderNotFound`. */
export const getOrderLogic = implement(getOrder, async ({ orderId }, deps: { orders: OrderRepository }, ctx) => {
  const order = await deps.orders.get(orderId, ctx.signal);
  if (!order) throw new OrderNotFound({ orderId }, `Order ${orderId} not found`);
  return order;
});
