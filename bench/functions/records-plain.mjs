/**
 * The floor for the handler scenario: the records handler written by hand, validating with the same zod schema and
 * nothing else (no framework, no logging).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { dynamoRecordRepository } from '../../examples/records/dist/src/dynamodb-repository.js';

const Input = z.object({ id: z.number().int().nonnegative() });

/** @param {() => { records: { get(id: number): Promise<unknown> } }} deps */
export const createHandler = (deps) => async (/** @type {unknown} */ event) => {
  const { id } = Input.parse(event);
  const record = await deps().records.get(id);
  if (!record) throw Object.assign(new Error(`Record ${id} not found`), { name: 'RecordNotFound' });
  return record;
};

/** @type {{ records: ReturnType<typeof dynamoRecordRepository> } | undefined} */
let shared;
export const handler = createHandler(() => {
  shared ??= {
    records: dynamoRecordRepository({
      client: DynamoDBDocumentClient.from(new DynamoDBClient({})),
      table: process.env.RECORDS_TABLE ?? 'records',
    }),
  };
  return shared;
});
