/**
 * The DynamoDB adapter of `RecordRepository`, on `@aws-sdk/lib-dynamodb`.
 *
 * The table's partition key is `id` of type **S** (a string), as in the seed service, so an existing seed table
 * works unchanged: the adapter writes `String(id)` in the key and turns the item's `id` back into a number.
 */
import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Record } from './contract.js';
import type { RecordRepository } from './repository.js';

/** The store failed (table missing, throttled, no network...). The SDK's error is the `cause`. */
export class RecordStoreError extends Error {
  constructor(message: string, options: { cause: unknown }) {
    super(message, options);
    this.name = 'RecordStoreError';
  }
}

/** Options of `dynamoRecordRepository`. */
export interface DynamoRecordRepositoryOptions {
  /** A document client built once per environment (never per call). */
  client: DynamoDBDocumentClient;
  /** The table name (`RECORDS_TABLE`). */
  table: string;
}

/**
 * A `RecordRepository` reading one DynamoDB table.
 *
 * @example
 * const records = dynamoRecordRepository({ client: DynamoDBDocumentClient.from(new DynamoDBClient({})), table });
 */
export function dynamoRecordRepository({ client, table }: DynamoRecordRepositoryOptions): RecordRepository {
  return {
    async get(id, signal) {
      let item: globalThis.Record<string, unknown> | undefined;
      try {
        const out = await client.send(new GetCommand({ TableName: table, Key: { id: String(id) } }), {
          abortSignal: signal,
        });
        item = out.Item;
      } catch (error) {
        throw new RecordStoreError(`Could not read record ${id} from table ${table}`, { cause: error });
      }
      if (!item) return undefined;
      return { ...item, id: Number(item.id) } as Record;
    },
  };
}
