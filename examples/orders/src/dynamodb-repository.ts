/**
 * The DynamoDB adapter of `OrderRepository` (table `<stage>-orders-orders`, partition key `orderId`).
 */
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { OrderSchema } from './contract.js';
import type { OrderRepository } from './repository.js';

/**
 * An `OrderRepository` on one DynamoDB table.
 *
 * @example
 * const orders = dynamoOrderRepository({ client: DynamoDBDocumentClient.from(new DynamoDBClient({})), table });
 */
export function dynamoOrderRepository({
  client,
  table,
}: {
  client: DynamoDBDocumentClient;
  table: string;
}): OrderRepository {
  return {
    async put(order, signal) {
      await client.send(new PutCommand({ TableName: table, Item: order }), { abortSignal: signal });
    },
    async get(orderId, signal) {
      const out = await client.send(new GetCommand({ TableName: table, Key: { orderId } }), { abortSignal: signal });
      return out.Item ? OrderSchema.parse(out.Item) : undefined;
    },
  };
}
