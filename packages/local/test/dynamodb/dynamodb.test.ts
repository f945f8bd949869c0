import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalTable } from '@lambdaport/config';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDynamoDbService, type DynamoDbService } from '../../src/dynamodb/index.js';
import { resolveState } from '../../src/state/index.js';
import { serveService } from '../support/serve-service.js';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

/** A loopback node:http server handing every request to the service (a stand-in for the front door). */
async function serve(dynamodb: DynamoDbService) {
  const server = await serveService(dynamodb);
  const url = server.url;
  const client = new DynamoDBClient({ endpoint: url, region: 'us-east-1', credentials, maxAttempts: 1 });
  return {
    url,
    client,
    documents: DynamoDBDocumentClient.from(client),
    async close() {
      client.destroy();
      await server.close();
    },
  };
}

function table(overrides: Partial<LocalTable> & { seedFile?: string | undefined }): LocalTable {
  return {
    name: 'records',
    service: 'records',
    stage: 'dev',
    tableName: 'dev-records-records',
    tableArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/dev-records-records',
    partitionKey: { name: 'id', type: 'S' },
    sortKey: undefined,
    seedFile: undefined,
    ...overrides,
  };
}

describe('DynamoDB (dynalite in process, real SDK clients)', () => {
  let work: string;
  const cleanups: (() => Promise<void>)[] = [];
  beforeEach(() => {
    work = mkdtempSync(path.join(tmpdir(), 'lambdaport-dynamodb-'));
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    rmSync(work, { recursive: true, force: true });
  });

  async function start(dynamoDbPath: string | undefined) {
    const dynamodb = await createDynamoDbService({ path: dynamoDbPath });
    const http = await serve(dynamodb);
    let closed = false;
    const stop = async () => {
      if (closed) return;
      closed = true;
      await http.close();
      await dynamodb.close();
    };
    cleanups.push(stop);
    return { dynamodb, ...http, stop };
  }

  it('creates config tables and seeds them in chunks of 25, with typed keys', async () => {
    const items = Array.from({ length: 60 }, (_, i) => ({
      id: `r${i}`,
      at: i,
      title: `Record ${i}`,
      tags: ['a'],
      meta: { ok: true },
    }));
    writeFileSync(path.join(work, 'records.json'), JSON.stringify(items));
    const { dynamodb, client, documents } = await start(undefined);

    const setup = await dynamodb.ensureTables([
      table({ seedFile: path.join(work, 'records.json') }),
      table({
        name: 'events',
        tableName: 'dev-records-events',
        sortKey: { name: 'at', type: 'N' },
        seedFile: path.join(work, 'records.json'),
      }),
    ]);
    const tables = await client.send(new ListTablesCommand({}));
    const one = await documents.send(new GetCommand({ TableName: 'dev-records-records', Key: { id: 'r42' } }));
    const scan = await documents.send(new ScanCommand({ TableName: 'dev-records-records', Select: 'COUNT' }));
    const query = await documents.send(
      new QueryCommand({
        TableName: 'dev-records-events',
        KeyConditionExpression: 'id = :id AND #at > :at',
        ExpressionAttributeNames: { '#at': 'at' },
        ExpressionAttributeValues: { ':id': 'r7', ':at': 6 },
      }),
    );

    expect(setup).toEqual([
      { tableName: 'dev-records-records', created: true, seeded: 60 },
      { tableName: 'dev-records-events', created: true, seeded: 60 },
    ]);
    expect(tables.TableNames).toEqual(['dev-records-events', 'dev-records-records']);
    expect(one.Item).toEqual({ id: 'r42', at: 42, title: 'Record 42', tags: ['a'], meta: { ok: true } });
    expect(scan.Count).toBe(60);
    expect(query.Items?.map((item) => item.id)).toEqual(['r7']);
  });

  it('keeps data across restarts with a state folder, and does not re-seed an existing table', async () => {
    writeFileSync(path.join(work, 'seed.json'), JSON.stringify([{ id: 'seeded', v: 1 }]));
    const state = resolveState({ dir: work });
    const tables = [table({ seedFile: path.join(work, 'seed.json') })];
    const first = await start(state.dynamoDbPath);
    await first.dynamodb.ensureTables(tables);
    await first.documents.send(new PutCommand({ TableName: 'dev-records-records', Item: { id: 'mine', v: 2 } }));
    await first.documents.send(new PutCommand({ TableName: 'dev-records-records', Item: { id: 'seeded', v: 99 } }));
    await first.stop();

    const second = await start(state.dynamoDbPath);
    const setup = await second.dynamodb.ensureTables(tables);
    const mine = await second.documents.send(new GetCommand({ TableName: 'dev-records-records', Key: { id: 'mine' } }));
    const seeded = await second.documents.send(
      new GetCommand({ TableName: 'dev-records-records', Key: { id: 'seeded' } }),
    );

    expect(state.dynamoDbPath).toBe(path.join(work, '.lambdaport', 'dynamodb'));
    expect(setup).toEqual([{ tableName: 'dev-records-records', created: false, seeded: 0 }]);
    expect(mine.Item).toEqual({ id: 'mine', v: 2 });
    expect(seeded.Item).toEqual({ id: 'seeded', v: 99 });
  });

  it('keeps nothing in memory mode (ephemeral)', async () => {
    const state = resolveState({ dir: work, ephemeral: true });
    const first = await start(state.dynamoDbPath);
    await first.dynamodb.ensureTables([table({})]);
    await first.documents.send(new PutCommand({ TableName: 'dev-records-records', Item: { id: 'gone' } }));
    await first.stop();

    const second = await start(state.dynamoDbPath);
    const tables = await second.client.send(new ListTablesCommand({}));

    expect(state).toEqual({ root: undefined, ssmFile: undefined, dynamoDbPath: undefined });
    expect(tables.TableNames).toEqual([]);
  });

  it('names the table, the file and the item when a seed does not fit the key schema', async () => {
    writeFileSync(path.join(work, 'bad.json'), JSON.stringify([{ id: 'ok' }, { id: 7 }]));
    const { dynamodb } = await start(undefined);

    const failure = dynamodb.ensureTables([table({ seedFile: path.join(work, 'bad.json') })]);

    await expect(failure).rejects.toThrow(
      `seeding table dev-records-records from ${path.join(work, 'bad.json')}: item 1: key attribute id: expected a string, got 7`,
    );
  });

  it('answers DynamoDB errors AWS-shaped through the handler, and keeps serving', async () => {
    const { url, client, documents } = await start(undefined);

    const missing = await documents
      .send(new GetCommand({ TableName: 'no-such-table', Key: { id: 'x' } }))
      .catch((e: unknown) => e);
    const amzDate = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
    const raw = await fetch(`${url}/`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'DynamoDB_20120810.ListTables',
        // a key the runtime does not know: admitted unverified (it only needs a current date)
        authorization: `AWS4-HMAC-SHA256 Credential=a/${amzDate.slice(0, 8)}/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=${'0'.repeat(64)}`,
        'x-amz-date': amzDate,
      },
      body: '{"Limit": ',
    });
    const after = await client.send(new ListTablesCommand({}));

    expect(missing).toMatchObject({ name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 400 } });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toEqual({ __type: 'com.amazon.coral.service#SerializationException' });
    expect(after.TableNames).toEqual([]);
  });

  it('survives a client that hangs up in the middle of a body', async () => {
    const { url, client } = await start(undefined);
    const { port } = new URL(url);

    await new Promise<void>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(
          'POST / HTTP/1.1\r\nhost: x\r\ncontent-type: application/x-amz-json-1.0\r\nx-amz-target: DynamoDB_20120810.ListTables\r\ncontent-length: 1000\r\n\r\n{"Li',
          () => setTimeout(() => socket.destroy(), 20),
        );
      });
      socket.on('close', () => resolve());
    });
    const after = await client.send(new ListTablesCommand({}));

    expect(after.TableNames).toEqual([]);
  });

  it('refuses a state folder that another runtime holds, with a clear message', async () => {
    const state = resolveState({ dir: work, state: path.join(work, 'shared-state') });
    await start(state.dynamoDbPath);

    await expect(createDynamoDbService({ path: state.dynamoDbPath })).rejects.toThrow(
      /Cannot open the DynamoDB state in .*shared-state\/dynamodb: .*another lambdaport dev/,
    );
  });
});
