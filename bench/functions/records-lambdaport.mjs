/**
 * The records handler (records.get over the Invoke API) as lambdaport writes it: the example service's contract and
 * logic behind `invokeHandler`. Same as examples/records/src/handlers.ts#handler, with the deps injectable so the
 * per-call scenario can use an in-memory repository.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { invokeHandler } from 'lambdaport/handlers';
import { dynamoRecordRepository } from '../../examples/records/dist/src/dynamodb-repository.js';
import { getRecordLogic } from '../../examples/records/dist/src/logic.js';

/** @param {() => { records: { get(id: number): Promise<unknown> } }} deps */
export const createHandler = (deps) => invokeHandler(getRecordLogic, /** @type {*} */ (deps));

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
