/**
 * The port the logic stores orders through. Adapter: `dynamodb-repository.ts`.
 */
import type { Order } from './contract.js';

/** Where orders live. */
export interface OrderRepository {
  /** Stores (or overwrites) an order. */
  put(order: Order, signal?: AbortSignal): Promise<void>;
  /** The order with this id, or undefined. */
  get(orderId: string, signal?: AbortSignal): Promise<Order | undefined>;
}
