/**
 * The notifications table (`NOTIFICATIONS_TABLE`) as a `NotificationRepository`, made once per execution environment.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoNotificationRepository } from './dynamodb-repository.js';
import type { NotificationRepository } from './repository.js';

let repository: NotificationRepository | undefined;

/**
 * The repository of the table `NOTIFICATIONS_TABLE` names.
 *
 * @example
 * export const get = invokeHandler(getNotificationLogic, () => ({ notifications: notifications() }));
 */
export function notifications(): NotificationRepository {
  const table = process.env.NOTIFICATIONS_TABLE;
  if (!table) throw new Error('NOTIFICATIONS_TABLE is not set');
  repository ??= dynamoNotificationRepository({ client: DynamoDBDocumentClient.from(new DynamoDBClient({})), table });
  return repository;
}
