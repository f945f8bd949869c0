/**
 * DynamoDB behind the front door: dynalite embedded in process, on disk in the state folder or in memory. Nothing a
 * request does inside dynalite or LevelDB can take the runtime down: a failure is that request's 500
 * `InternalServerError`, logged once with its cause, and the runtime keeps serving.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LocalTable } from '@lambdaport/config';
import { type AdmissionRules, DYNAMODB_ADMISSION } from '../http/admission.js';
import { crc32 } from './internal/crc32.js';
import { DYNALITE_OPERATIONS, type EmbeddedDynalite, embedDynalite, type Outcome } from './internal/dynalite.js';
import { seedTable } from './internal/seed.js';
import {
  corruptStateError,
  inspectStateFolder,
  openError,
  recoveryHint,
  StateFolderError,
  storeCause,
} from './internal/state-folder.js';
import { checkStore } from './internal/store-check.js';
import { classifyStoreError, StoreError } from './internal/store-guard.js';

/** Options of createDynamoDbService. */
export interface DynamoDbServiceOptions {
  /** The LevelDB folder (`<state>/dynamodb`); omitted → in memory (ephemeral). */
  readonly path?: string | undefined;
  /** Where failures inside dynalite are logged (one line each, with the cause). Default: stderr. */
  readonly log?: ((line: string) => void) | undefined;
  /** Read every entry of an existing store at start and refuse a store that cannot be read. Default true. */
  readonly check?: boolean | undefined;
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

const TARGET_PREFIX = 'DynamoDB_20120810.';

/**
 * Starts dynalite in process. On disk when `path` is given (data survives restarts), else in memory. Rejects, naming
 * the folder and how to recover, when the folder cannot be used: another `lambdaport dev` holds it, its store is
 * corrupt (every entry is read at start, see `check`), or it holds table files without the CURRENT file that names
 * them (LevelDB would start empty and delete them).
 *
 * @example
 * const dynamodb = await createDynamoDbService({ path: '.lambdaport/dynamodb' });
 * await dynamodb.ensureTables(services.flatMap((s) => s.tables));
 * // front door: const { body } = await admit(req, verifier, dynamodb.admission); await dynamodb.handle(req, res, body);
 */
export async function createDynamoDbService(options: DynamoDbServiceOptions = {}): Promise<DynamoDbService> {
  const folder = options.path;
  const where = folder ?? 'memory';
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const dynalite: EmbeddedDynalite = embedDynalite({
    path: folder,
    storeError: (error) => {
      const kind = classifyStoreError(error) ?? 'io';
      return new StoreError(kind, `${kind === 'corrupt' ? 'corrupt' : 'unreadable'} state: ${storeCause(error)}`, {
        cause: error,
      });
    },
    onFailure: (operation, error) =>
      log(
        `DynamoDB ${operation} failed inside the local DynamoDB (state: ${where}); answered 500 InternalServerError: ${
          error instanceof Error ? (error.stack ?? error.message) : String(error)
        }`,
      ),
    failureMessage: (error) => {
      const kind = classifyStoreError(error);
      if (kind === 'corrupt') {
        return `The DynamoDB state in ${where} is corrupt (${storeCause(error)}); this request could not be served. Stop lambdaport dev, then: ${recoveryHint(where)}`;
      }
      if (kind === 'io') return `The DynamoDB state in ${where} could not be read or written: ${storeCause(error)}`;
      return `The local DynamoDB failed on this request (${error instanceof Error ? error.message : String(error)}); see the lambdaport dev log.`;
    },
  });
  try {
    const state = folder === undefined ? 'new' : inspectStateFolder(folder);
    try {
      await dynalite.open({ createIfMissing: state === 'new' });
    } catch (error) {
      throw openError(where, error);
    }
    if (folder !== undefined && state === 'existing' && options.check !== false) {
      try {
        await checkStore(dynalite.db);
      } catch (error) {
        throw classifyStoreError(error) === 'corrupt' ? corruptStateError(folder, error) : openError(folder, error);
      }
    }
  } catch (error) {
    await dynalite.close().catch(() => undefined);
    if (error instanceof StateFolderError) throw error;
    throw new StateFolderError(`Cannot open the DynamoDB state in ${where}: ${storeCause(error)}`, { cause: error });
  }

  async function call(operation: string, input: object): Promise<unknown> {
    // in-process callers pass fresh objects; dynalite may rewrite what it is given
    const { status, body } = await dynalite.execute(operation, JSON.parse(JSON.stringify(input)));
    if (status !== 200) {
      const type = String(body.__type ?? 'UnknownError').replace(/^.*#/, '');
      throw new DynamoDbCallError(type, String(body.message ?? body.Message ?? ''), status);
    }
    return body;
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
    const seeded = table.seedFile === undefined ? 0 : await seedTable(call, table, table.seedFile);
    return { tableName: table.tableName, created: true, seeded };
  }

  async function waitUntilActive(name: string): Promise<void> {
    for (;;) {
      const described = (await call('DescribeTable', { TableName: name })) as { Table?: { TableStatus?: string } };
      if (described.Table?.TableStatus === 'ACTIVE') return;
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  }

  return {
    admission: DYNAMODB_ADMISSION,
    async handle(req, res, body) {
      send(req, res, await answer(dynalite, req, body));
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

/** What one HTTP request is answered, as DynamoDB's JSON 1.0 protocol (and dynalite before us) answers it. */
async function answer(dynalite: EmbeddedDynalite, req: IncomingMessage, body: Buffer): Promise<Outcome | string> {
  if (req.method === 'GET') return 'healthy: dynamodb.us-east-1.amazonaws.com ';
  const contentType = String(req.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim();
  if (
    req.method !== 'POST' ||
    (body.length > 0 && contentType !== 'application/json' && contentType !== 'application/x-amz-json-1.0')
  ) {
    return { status: 404, body: { __type: 'com.amazon.coral.service#UnknownOperationException' } };
  }
  let input: unknown;
  if (body.length > 0) {
    try {
      input = JSON.parse(body.toString('utf8'));
    } catch {
      return { status: 400, body: { __type: 'com.amazon.coral.service#SerializationException' } };
    }
  }
  const target = String(req.headers['x-amz-target'] ?? '');
  const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
  if (!DYNALITE_OPERATIONS.has(operation)) {
    return { status: 400, body: { __type: 'com.amazon.coral.service#UnknownOperationException' } };
  }
  if (req.headers.authorization === undefined) {
    return {
      status: 400,
      body: {
        __type: 'com.amazon.coral.service#MissingAuthenticationTokenException',
        message: 'Request is missing Authentication Token',
      },
    };
  }
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { status: 400, body: { __type: 'com.amazon.coral.service#SerializationException' } };
  }
  return dynalite.execute(operation, input as Record<string, unknown>);
}

function send(req: IncomingMessage, res: ServerResponse, outcome: Outcome | string): void {
  if (res.headersSent || res.writableEnded) return;
  const json = typeof outcome !== 'string';
  const text = json ? JSON.stringify(outcome.body) : outcome;
  const bytes = Buffer.from(text, 'utf8');
  const contentType = String(req.headers['content-type'] ?? '').startsWith('application/json')
    ? 'application/json'
    : 'application/x-amz-json-1.0';
  res.writeHead(json ? outcome.status : 200, {
    ...(json ? { 'content-type': contentType } : {}),
    'content-length': bytes.length,
    'x-amz-crc32': crc32(bytes),
    'x-amzn-requestid': randomBytes(39).toString('base64').toUpperCase().replace(/[+/]/g, '0'),
  });
  res.end(bytes);
}
