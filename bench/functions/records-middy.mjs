/**
 * The same records handler written the way many teams do today: Middy with the Powertools parser middleware and the
 * same zod input schema, the same repository and the same not-found error. Its dependencies are installed by the
 * bench into bench/peers (never the root install).
 */

import { parser } from '@aws-lambda-powertools/parser/middleware';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import middy from '@middy/core';
import { z } from 'zod';
import { dynamoRecordRepository } from '../../examples/records/dist/src/dynamodb-repository.js';

const Input = z.object({ id: z.number().int().nonnegative() });

class RecordNotFound extends Error {
  /** @param {number} id */
  constructor(id) {
    super(`Record ${id} not found`);
    this.name = 'RecordNotFound';
    this.data = { id };
  }
}

/** @param {() => { records: { get(id: number): Promise<unknown> } }} deps */
export const createHandler = (deps) =>
  middy()
    .use(parser({ schema: Input }))
    .handler(async (/** @type {{ id: number }} */ event) => {
      const record = await deps().records.get(event.id);
      if (!record) throw new RecordNotFound(event.id);
      return record;
    });

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
