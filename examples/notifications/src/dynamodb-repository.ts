/**
 * The DynamoDB adapter of `NotificationRepository` (table `<stage>-notifications-notifications`, partition key
 * `orderId`).
 */
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { NotificationSchema } from './contract.js';
import type { NotificationRepository } from './repository.js';

/**
 * A `NotificationRepository` on one DynamoDB table.
 *
 * @example
 * const repository = dynamoNotificationRepository({ client: DynamoDBDocumentClient.from(new DynamoDBClient({})), table });
 */
export function dynamoNotificationRepository({
  client,
  table,
}: {
  client: DynamoDBDocumentClient;
  table: string;
}): NotificationRepository {
  return {
    async put(notification, signal) {
      await client.send(new PutCommand({ TableName: table, Item: notification }), { abortSignal: signal });
    },
    async get(orderId, signal) {
      const out = await client.send(new GetCommand({ TableName: table, Key: { orderId } }), { abortSignal: signal });
      return out.Item ? NotificationSchema.parse(out.Item) : undefined;
    },
  };
}
