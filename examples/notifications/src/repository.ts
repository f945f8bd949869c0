/**
 * The port the logic stores notifications through. Adapter: `dynamodb-repository.ts`.
 */
import type { Notification } from './contract.js';

/** Where notifications live. */
export interface NotificationRepository {
  /** Stores (or overwrites) a notification. */
  put(notification: Notification, signal?: AbortSignal): Promise<void>;
  /** The notification of this order, or undefined. */
  get(orderId: string, signal?: AbortSignal): Promise<Notification | undefined>;
}
