/**
 * The orders service's Lambda handlers. Clients and SDK clients are made once per execution environment.
 *
 * `ORDERS_TABLE` names the table. The records client resolves `records.get` through SSM
 * (`/lambdaport/<LAMBDAPORT_STAGE>/records/get`), invokes alias `v1`, and guards the call: deadline from the
 * caller's remaining time, retries of safe failures, a circuit breaker.
 */
import { randomUUID } from 'node:crypto';
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

let repository: OrderRepository | undefined;
function orders(): OrderRepository {
  const table = process.env.ORDERS_TABLE;
  if (!table) throw new Error('ORDERS_TABLE is not set');
  repository ??= dynamoOrderRepository({ client: DynamoDBDocumentClient.from(new DynamoDBClient({})), table });
  return repository;
}

/** `orders.create` */
export const create = invokeHandler(createOrderLogic, { records, recorder, newId: randomUUID, now: () => new Date() });
/** `orders.record` (invoked as an Event by `orders.create`) */
export const record = invokeHandler(recordOrderLogic, () => ({ orders: orders() }));
/** `orders.get` */
export const get = invokeHandler(getOrderLogic, () => ({ orders: orders() }));
