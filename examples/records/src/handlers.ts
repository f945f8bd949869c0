/**
 * The records service's Lambda handlers: the only place that knows Lambda event shapes.
 *
 * - `handler` (Invoke API): payload `{ "id": 1 }` → the record; unknown id → `RecordNotFound`; bad input →
 *   `InvalidRequestError` naming the field.
 * - `urlHandler` (Function URL): `GET /?id=1` → 200 JSON record (or `POST /` with `{ "id": 1 }`); missing or bad
 *   id → 400 `{"error": "Bad request.", ...}`; unknown id → 404 `{"error": "Not found.", ...}`.
 *
 * `RECORDS_TABLE` names the table; the DynamoDB endpoint comes from the environment (`AWS_ENDPOINT_URL_DYNAMODB`
 * or `AWS_ENDPOINT_URL` locally, the regional endpoint on AWS).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { httpHandler, invokeHandler, numberParam } from 'lambdaport/handlers';
import { dynamoRecordRepository } from './dynamodb-repository.js';
import { getRecordLogic, type RecordsDeps } from './logic.js';

/** Built once per execution environment, on the first invocation. */
function deps(): RecordsDeps {
  const table = process.env.RECORDS_TABLE;
  if (!table) throw new Error('RECORDS_TABLE is not set');
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  return { records: dynamoRecordRepository({ client, table }) };
}

let shared: RecordsDeps | undefined;
/** One set of deps for both handlers of this module. */
const sharedDeps = (): RecordsDeps => {
  shared ??= deps();
  return shared;
};

/** The Invoke API handler (`records.get`). */
export const handler = invokeHandler(getRecordLogic, sharedDeps);

/** The Function URL handler: `GET /?id=1`. */
export const urlHandler = httpHandler(getRecordLogic, sharedDeps, {
  method: ['GET', 'POST'],
  path: '/',
  input: (req) => (req.body === undefined ? { id: numberParam(req.query.id) } : req.json()),
  errors: { RecordNotFound: 404 },
});
