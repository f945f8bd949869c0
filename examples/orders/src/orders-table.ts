/**
 * The orders table (`ORDERS_TABLE`) as an `OrderRepository`, made once per execution environment.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoOrderRepository } from './dynamodb-repository.js';
import type { OrderRepository } from './repository.js';

let repository: OrderRepository | undefined;

/**
 * The repository of the table `ORDERS_TABLE` names.
 *
 * @example
 * export const get = invokeHandler(getOrderLogic, () => ({ orders: orders() }));
 */
export function orders(): OrderRepository {
  const table = process.env.ORDERS_TABLE;
  if (!table) throw new Error('ORDERS_TABLE is not set');
  repository ??= dynamoOrderRepository({ client: DynamoDBDocumentClient.from(new DynamoDBClient({})), table });
  return repository;
}
