/**
 * The port the logic reads records through. Adapters: `dynamodb-repository.ts` (DynamoDB).
 */
import type { Record } from './contract.js';

/** Where records live. */
export interface RecordRepository {
  /** The record with this id, or undefined when there is none. Throws when the store fails. */
  get(id: number, signal?: AbortSignal): Promise<Record | undefined>;
}
