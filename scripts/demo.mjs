#!/usr/bin/env node
/**
 * A short demo of the records service: its real handlers, called in this process, against an embedded in-memory
 * DynamoDB (dynalite on 127.0.0.1). Run with `npm run demo` (builds first).
 */
import { readFile } from 'node:fs/promises';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.AWS_ACCESS_KEY_ID ??= 'demo';
process.env.AWS_SECRET_ACCESS_KEY ??= 'demo';
process.env.AWS_REGION ??= 'us-east-1';
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';

const { default: dynalite } = await import('dynalite');
const { CreateTableCommand, DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
const { BatchWriteCommand, DynamoDBDocumentClient } = await import('@aws-sdk/lib-dynamodb');
const { decodeFunctionError } = await import('lambdaport/wire');

const bold = (s) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);
const dim = (s) => (process.stdout.isTTY ? `\x1b[2m${s}\x1b[0m` : s);
const show = (label, value) => console.log(`${bold(label)}\n${JSON.stringify(value, null, 2)}\n`);

// 1. An in-memory DynamoDB on a free loopback port, with the records table seeded.
const server = dynalite({ createTableMs: 0 });
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const endpoint = `http://127.0.0.1:${server.address().port}`;
const table = 'dev-records-records';
const raw = new DynamoDBClient({ endpoint });
const client = DynamoDBDocumentClient.from(raw);
await client.send(
  new CreateTableCommand({
    TableName: table,
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
  }),
);
const items = JSON.parse(await readFile(new URL('../examples/records/data/records.json', import.meta.url), 'utf8'));
for (let i = 0; i < items.length; i += 25) {
  const chunk = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
  await client.send(new BatchWriteCommand({ RequestItems: { [table]: chunk } }));
}
console.log(dim(`dynalite on ${endpoint}, table ${table} seeded with ${items.length} records\n`));

// 2. The records service's handlers, as Lambda would load them.
process.env.RECORDS_TABLE = table;
process.env.AWS_ENDPOINT_URL_DYNAMODB = endpoint;
const { handler, urlHandler } = await import('../examples/records/dist/src/handlers.js');
const { getRecord } = await import('../examples/records/dist/src/contract.js');

let n = 0;
const context = () => ({
  awsRequestId: `demo-${++n}`,
  functionName: 'dev-records-get',
  getRemainingTimeInMillis: () => 3000,
});
/** Invokes like the Invoke API would, and decodes a failure as lambdaport's client does. */
async function invoke(payload) {
  try {
    return { ok: await handler(payload, context()) };
  } catch (thrown) {
    const wire = { errorType: thrown.name, errorMessage: thrown.message, trace: thrown.stack.split('\n') };
    const decoded = decodeFunctionError(wire, getRecord.errors);
    return { functionError: 'Unhandled', errorType: wire.errorType, decoded: decoded.toJSON() };
  }
}
const url = (query) => ({
  version: '2.0',
  rawPath: '/',
  rawQueryString: query,
  headers: {},
  queryStringParameters: Object.fromEntries(new URLSearchParams(query)),
  requestContext: { requestId: `url-${++n}`, stage: '$default', http: { method: 'GET', path: '/' } },
});
const urlCall = async (query) => {
  const res = await urlHandler(url(query), context());
  return { statusCode: res.statusCode, body: JSON.parse(res.body) };
};

try {
  show('Invoke records.get {"id": 1}', await invoke({ id: 1 }));
  show('Invoke records.get {"id": 99}  → a typed RecordNotFound', await invoke({ id: 99 }));
  show('Invoke records.get {"id": "1"}  → InvalidRequestError naming the field', await invoke({ id: '1' }));
  show('GET /?id=2 on the Function URL', await urlCall('id=2'));
  show('GET /?id=abc on the Function URL', await urlCall('id=abc'));
  show('GET /?id=99 on the Function URL', await urlCall('id=99'));
} finally {
  raw.destroy();
  await new Promise((resolve) => server.close(resolve));
}
