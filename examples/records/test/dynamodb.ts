/**
 * Test helper: an in-memory dynalite on 127.0.0.1 with the records table created and seeded from data/records.json.
 */
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import dynalite from 'dynalite';

export interface LocalDynamo {
  endpoint: string;
  client: DynamoDBDocumentClient;
  stop(): Promise<void>;
}

/** Starts dynalite (in memory) on 127.0.0.1:0. */
export async function startDynamo(): Promise<LocalDynamo> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const raw = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const client = DynamoDBDocumentClient.from(raw);
  return {
    endpoint,
    client,
    async stop() {
      raw.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Creates the records table (partition key `id`, type S) and loads data/records.json. */
export async function createRecordsTable(client: DynamoDBDocumentClient, table: string): Promise<number> {
  await client.send(
    new CreateTableCommand({
      TableName: table,
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  const items = JSON.parse(await readFile(new URL('../data/records.json', import.meta.url), 'utf8')) as object[];
  for (let i = 0; i < items.length; i += 25) {
    const chunk = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    await client.send(new BatchWriteCommand({ RequestItems: { [table]: chunk } }));
  }
  return items.length;
}
