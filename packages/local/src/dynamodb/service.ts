/**
 * DynamoDB behind the front door: dynalite embedded in process, on disk in the state folder or in memory.
 */
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LocalTable } from '@lambdaport/config';
import { type AdmissionRules, JSON_SERVICE_ADMISSION } from '../http/admission.js';
import { embedDynalite } from './internal/dynalite.js';
import { collectingResponse, fakeRequest } from './internal/in-process.js';
import { type AttributeValue, toAttribute, toKeyAttribute } from './internal/marshall.js';

/** Options of createDynamoDbService. */
export interface DynamoDbServiceOptions {
  /** The LevelDB folder (`<state>/dynamodb`); omitted → in memory (ephemeral). */
  readonly path?: string | undefined;
}

/** What ensureTables did for one table. */
export interface TableSetup {
  readonly tableName: string;
  /** True when the table did not exist and was created now. */
  readonly created: boolean;
  /** How many seed items were written (only for a table created now). */
  readonly seeded: number;
}

/** The DynamoDB service. */
export interface DynamoDbService {
  /** How the front door admits its requests. */
  readonly admission: AdmissionRules;
  /** Answers one request through dynalite, with the body the front door has read (`admit`). */
  handle(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void>;
  /** Creates the missing tables (on demand billing) and seeds those it created, in chunks of 25. */
  ensureTables(tables: readonly LocalTable[]): Promise<TableSetup[]>;
  /** Runs one DynamoDB operation in process: `call('ListTables', {})`. Throws DynamoDbCallError on an error. */
  call(operation: string, input: object): Promise<unknown>;
  /** Waits for pending operations and closes the store. */
  close(): Promise<void>;
}

/**
 * An error answered by DynamoDB to an in-process call: `type` is the `__type` without its namespace.
 *
 * @example
 * try { await dynamodb.call('DescribeTable', { TableName: 'x' }); }
 * catch (error) { if (error instanceof DynamoDbCallError && error.type === 'ResourceNotFoundException') ... }
 */
export class DynamoDbCallError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly statusCode: number,
  ) {
    super(message === '' ? type : `${type}: ${message}`);
    this.name = 'DynamoDbCallError';
  }
}

const HEADERS = {
  'content-type': 'application/x-amz-json-1.0',
  // dynalite insists on a SigV4-looking header; the in-process caller is trusted.
  authorization:
    'AWS4-HMAC-SHA256 Credential=lambdaport/20200101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
  'x-amz-date': '20200101T000000Z',
};

/**
 * Starts dynalite in process. On disk when `path` is given (data survives restarts), else in memory.
 * Rejects when the folder cannot be opened (for example while another `lambdaport dev` holds it).
 *
 * @example
 * const dynamodb = await createDynamoDbService({ path: '.lambdaport/dynamodb' });
 * await dynamodb.ensureTables(services.flatMap((s) => s.tables));
 * // front door: const { body } = await admit(req, verifier, dynamodb.admission); await dynamodb.handle(req, res, body);
 */
export async function createDynamoDbService(options: DynamoDbServiceOptions = {}): Promise<DynamoDbService> {
  const dynalite = embedDynalite(options.path);
  try {
    await dynalite.open();
  } catch (error) {
    await dynalite.close().catch(() => undefined);
    const cause =
      error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
    throw new Error(
      `Cannot open the DynamoDB state in ${options.path}: ${cause} (is another lambdaport dev using this state folder? use --state DIR or --ephemeral)`,
      { cause: error },
    );
  }

  async function call(operation: string, input: object): Promise<unknown> {
    const { res, done } = collectingResponse();
    const req = fakeRequest(
      { ...HEADERS, 'x-amz-target': `DynamoDB_20120810.${operation}` },
      Buffer.from(JSON.stringify(input)),
    );
    dynalite.handle(req, res);
    const { status, body } = await done;
    const parsed = body === '' ? {} : (JSON.parse(body) as Record<string, unknown>);
    if (status !== 200) {
      const type = String(parsed.__type ?? 'UnknownError').replace(/^.*#/, '');
      throw new DynamoDbCallError(type, String(parsed.message ?? parsed.Message ?? ''), status);
    }
    return parsed;
  }

  async function ensureTable(table: LocalTable): Promise<TableSetup> {
    try {
      await call('DescribeTable', { TableName: table.tableName });
      return { tableName: table.tableName, created: false, seeded: 0 };
    } catch (error) {
      if (!(error instanceof DynamoDbCallError && error.type === 'ResourceNotFoundException')) throw error;
    }
    const keys = table.sortKey === undefined ? [table.partitionKey] : [table.partitionKey, table.sortKey];
    await call('CreateTable', {
      TableName: table.tableName,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: keys.map((key, index) => ({ AttributeName: key.name, KeyType: index === 0 ? 'HASH' : 'RANGE' })),
      AttributeDefinitions: keys.map((key) => ({ AttributeName: key.name, AttributeType: key.type })),
    });
    await waitUntilActive(table.tableName);
    const seeded = table.seedFile === undefined ? 0 : await seed(table, table.seedFile);
    return { tableName: table.tableName, created: true, seeded };
  }

  async function waitUntilActive(name: string): Promise<void> {
    for (;;) {
      const described = (await call('DescribeTable', { TableName: name })) as { Table?: { TableStatus?: string } };
      if (described.Table?.TableStatus === 'ACTIVE') return;
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  }

  async function seed(table: LocalTable, file: string): Promise<number> {
    const where = `seeding table ${table.tableName} from ${file}`;
    let items: unknown;
    try {
      items = JSON.parse(await readFile(file, 'utf8')) as unknown;
    } catch (error) {
      throw new Error(`${where}: ${(error as Error).message}`);
    }
    if (!Array.isArray(items)) throw new Error(`${where}: expected a JSON array of items`);
    const requests = items.map((item: unknown, index) => {
      if (item === null || typeof item !== 'object' || Array.isArray(item)) {
        throw new Error(`${where}: item ${index}: expected an object`);
      }
      const converted: Record<string, AttributeValue> = {};
      for (const [name, value] of Object.entries(item)) converted[name] = toAttribute(value);
      for (const key of [table.partitionKey, table.sortKey]) {
        if (key === undefined) continue;
        try {
          converted[key.name] = toKeyAttribute((item as Record<string, unknown>)[key.name], key.type);
        } catch (error) {
          throw new Error(`${where}: item ${index}: key attribute ${key.name}: ${(error as Error).message}`);
        }
      }
      return { PutRequest: { Item: converted } };
    });
    for (let start = 0; start < requests.length; start += 25) {
      let pending: unknown[] = requests.slice(start, start + 25);
      while (pending.length > 0) {
        let result: { UnprocessedItems?: Record<string, unknown[]> };
        try {
          result = (await call('BatchWriteItem', { RequestItems: { [table.tableName]: pending } })) as typeof result;
        } catch (error) {
          throw new Error(`${where}: items ${start} to ${start + pending.length - 1}: ${(error as Error).message}`);
        }
        pending = result.UnprocessedItems?.[table.tableName] ?? [];
      }
    }
    return requests.length;
  }

  return {
    admission: JSON_SERVICE_ADMISSION,
    async handle(req, res, body) {
      // The body was read by the front door, not by dynalite: its reader rethrows a request stream error (a client
      // that hangs up mid-body), which would crash the whole runtime.
      dynalite.handle(fakeRequest(req.headers, body, req.method, req.url), res);
    },
    async ensureTables(tables) {
      const results: TableSetup[] = [];
      for (const table of tables) results.push(await ensureTable(table));
      return results;
    },
    call,
    close: () => dynalite.close(),
  };
}
