/**
 * `orders.record`'s Lambda handler (invoked as an Event by `orders.create`). Events are delivered at least once, so
 * it is idempotent: `makeIdempotent` from `@aws-lambda-powertools/idempotency`, keyed by `orderId`, with its records
 * in the DynamoDB table `IDEMPOTENCY_TABLE` names. The first delivery of an order runs and its answer is kept; a
 * redelivery gets that answer back without writing again. (Its own module: the other handlers do not load it.)
 */
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { invokeHandler } from 'lambdaport/handlers';
import { recordOrderLogic } from './logic.js';
import { orders } from './orders-table.js';
import type { OrderRepository } from './repository.js';

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

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

/** `orders.record` */
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
