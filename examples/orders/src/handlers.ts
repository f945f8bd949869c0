/**
 * The orders service's Lambda handlers. Clients and SDK clients are made once per execution environment.
 *
 * `ORDERS_TABLE` names the table. The records client resolves `records.get` through SSM
 * (`/lambdaport/<LAMBDAPORT_STAGE>/records/get`), invokes alias `v1`, and guards the call: deadline from the
 * caller's remaining time, retries of safe failures, a circuit breaker.
 */
import { randomUUID } from 'node:crypto';
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getRecord } from '@lambdaport-examples/records/contract';
import { createClient } from 'lambdaport/client';
import { invokeHandler } from 'lambdaport/handlers';
import { recordOrder } from './contract.js';
import { dynamoOrderRepository } from './dynamodb-repository.js';
import { createOrderLogic, getOrderLogic, recordOrderLogic } from './logic.js';
import type { OrderRepository } from './repository.js';

/** The records client: 3 consecutive failures open the circuit for 2 s. */
const records = createClient(getRecord, {
  retry: { retries: 1 },
  breaker: { threshold: 3, halfOpenAfterMs: Number(process.env.RECORDS_HALF_OPEN_MS ?? 2_000) },
});
const recorder = createClient(recordOrder);

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

let repository: OrderRepository | undefined;
function orders(): OrderRepository {
  const table = process.env.ORDERS_TABLE;
  if (!table) throw new Error('ORDERS_TABLE is not set');
  repository ??= dynamoOrderRepository({ client: DynamoDBDocumentClient.from(new DynamoDBClient({})), table });
  return repository;
}

/** `orders.create` */
export const create = invokeHandler(createOrderLogic, { records, recorder, newId: randomUUID, now: () => new Date() });
/** The orders repository, saying each write in the function's log (what the tests of redelivery count). */
function loggedOrders(): OrderRepository {
  const inner = orders();
  return {
    get: (orderId, signal) => inner.get(orderId, signal),
    async put(order, signal) {
      await inner.put(order, signal);
      console.log(`stored order ${order.orderId}`);
    },
  };
}

/**
 * `orders.record` (invoked as an Event by `orders.create`). Events are delivered at least once, so the handler is
 * idempotent: the first delivery of an orderId runs and its answer is kept in the idempotency table; a redelivery
 * gets that answer back without writing again.
 */
export const record = makeIdempotent(
  invokeHandler(recordOrderLogic, () => ({ orders: loggedOrders() })),
  {
    persistenceStore: new DynamoDBPersistenceLayer({
      tableName: requiredEnv('IDEMPOTENCY_TABLE'),
      awsSdkV3Client: new DynamoDBClient({}),
    }),
    config: new IdempotencyConfig({ eventKeyJmesPath: 'orderId', throwOnNoIdempotencyKey: true }),
  },
);
/** `orders.get` */
export const get = invokeHandler(getOrderLogic, () => ({ orders: orders() }));
