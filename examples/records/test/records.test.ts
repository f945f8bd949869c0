/**
 * The records service's real handlers, called in-process (no runtime in between) with Lambda-shaped events and
 * contexts, against an in-memory dynalite with the real AWS SDK clients. The same behaviours over the wire, through
 * the local runtime, are in records-local.test.ts; the README's commands against `lambdaport dev` in
 * test/repo/readme.test.ts.
 */
import { InvalidRequestError, type Issue } from 'lambdaport';
import { decodeFunctionError } from 'lambdaport/wire';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getRecord, RecordNotFound } from '../src/contract.js';
import { createRecordsTable, type LocalDynamo, startDynamo } from './dynamodb.js';
import { captureLogs, lambdaContext, runtimeErrorPayload, urlEvent } from './lambda.js';

const TABLE = 'dev-records-records';
type Handlers = typeof import('../src/handlers.js');

let dynamo: LocalDynamo;
let handlers: Handlers;

beforeAll(async () => {
  dynamo = await startDynamo();
  await createRecordsTable(dynamo.client, TABLE);
  process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.endpoint;
  process.env.RECORDS_TABLE = TABLE;
  process.env.POWERTOOLS_LOG_LEVEL = 'ERROR'; // keep the expected-failure (WARN) lines out of the test output
  handlers = await import('../src/handlers.js');
});

afterAll(async () => {
  delete process.env.AWS_ENDPOINT_URL_DYNAMODB;
  delete process.env.RECORDS_TABLE;
  delete process.env.POWERTOOLS_LOG_LEVEL;
  await dynamo?.stop();
});

/** Invokes `handler` and returns the thrown error decoded as a caller would, after the Node runtime's encoding. */
async function invokeError(payload: unknown) {
  const thrown = await handlers.handler(payload as never, lambdaContext()).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(thrown, 'the handler should have thrown').toBeInstanceOf(Error);
  const wire = runtimeErrorPayload(thrown);
  return { wire, decoded: decodeFunctionError(JSON.stringify(wire), getRecord.errors) };
}

function issuePaths(error: unknown): string[] {
  expect(InvalidRequestError.is(error)).toBe(true);
  return (error as InvalidRequestError).issues.map((i: Issue) => i.path);
}

describe('records.get: the Invoke handler, called in-process', () => {
  it('returns the record for a known id', async () => {
    const record = await handlers.handler({ id: 1 }, lambdaContext());
    expect(record).toEqual({
      id: 1,
      title: 'Quarterly report',
      status: 'active',
      createdAt: '2026-01-01T09:00:00.000Z',
    });
  });

  it('throws RecordNotFound for an unknown id: errorType on the wire, typed data after decoding', async () => {
    const { wire, decoded } = await invokeError({ id: 999 });
    expect(wire.errorType).toBe('RecordNotFound');
    expect(RecordNotFound.is(decoded)).toBe(true);
    expect((decoded as InstanceType<typeof RecordNotFound>).data).toEqual({ id: 999 });
  });

  it.each([
    ['{}', {}, 'id'],
    ['null', null, ''],
    ['"1"', '1', ''],
    ['[]', [], ''],
    ['{ "id": "1" }', { id: '1' }, 'id'],
    ['{ "id": 1.5 }', { id: 1.5 }, 'id'],
    ['{ "id": 1e400 }', JSON.parse('{ "id": 1e400 }'), 'id'],
    ['{ "id": -1 }', { id: -1 }, 'id'],
  ])('rejects %s with InvalidRequestError naming the field', async (_label, payload, path) => {
    const { wire, decoded } = await invokeError(payload);
    expect(wire.errorType).toBe('InvalidRequestError');
    expect(issuePaths(decoded)).toEqual([path]);
    expect(decoded.message).toMatch(/^Invalid request: /);
  });

  it('does not let __proto__ or constructor keys pollute prototypes', async () => {
    const withProto = JSON.parse('{ "__proto__": { "polluted": true }, "id": 3 }');
    await expect(handlers.handler(withProto, lambdaContext())).resolves.toMatchObject({ id: 3 });
    const withConstructor = JSON.parse('{ "constructor": { "prototype": { "polluted": true } }, "id": "x" }');
    const { decoded } = await invokeError(withConstructor);
    expect(issuePaths(decoded)).toEqual(['id']);
    const protoBad = JSON.parse('{ "__proto__": { "id": 4 } }');
    expect(issuePaths((await invokeError(protoBad)).decoded)).toEqual(['id']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('answers a 5 MB payload with a short, clear error naming the field', async () => {
    const big = { id: 'x'.repeat(5 * 1024 * 1024) };
    const { decoded } = await invokeError(big);
    expect(issuePaths(decoded)).toEqual(['id']);
    expect(decoded.message.length).toBeLessThan(500);
    const padded = { id: 5, padding: 'y'.repeat(5 * 1024 * 1024) };
    await expect(handlers.handler(padded, lambdaContext())).resolves.toMatchObject({ id: 5 });
  });

  it('keeps serving after bad input', async () => {
    await invokeError(null);
    await expect(handlers.handler({ id: 2 }, lambdaContext())).resolves.toMatchObject({ id: 2 });
  });
});

describe('records.get: the Function URL handler, called in-process with a Function URL event', () => {
  async function call(event: ReturnType<typeof urlEvent>) {
    const res = await handlers.urlHandler(event, lambdaContext());
    return { ...res, json: JSON.parse(res.body) as Record<string, unknown> };
  }

  it('answers ?id=1 with 200 and the record as JSON', async () => {
    const res = await call(urlEvent({ query: 'id=1' }));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.json).toMatchObject({ id: 1, title: 'Quarterly report' });
  });

  it('answers POST / with a JSON body too', async () => {
    const res = await call(
      urlEvent({ method: 'POST', body: '{"id": 7}', headers: { 'content-type': 'application/json' } }),
    );
    expect(res.statusCode).toBe(200);
    expect(res.json).toMatchObject({ id: 7 });
  });

  it('answers an unknown id with 404 {"error": "Not found."}', async () => {
    const res = await call(urlEvent({ query: 'id=999' }));
    expect(res.statusCode).toBe(404);
    expect(res.json).toMatchObject({ error: 'Not found.', code: 'RecordNotFound', data: { id: 999 } });
  });

  it.each([
    ['no id', ''],
    ['id=abc', 'id=abc'],
    ['id=-1', 'id=-1'],
    ['id=1&id=2', 'id=1&id=2'],
    ['id= (empty)', 'id='],
    ['id=1.5', 'id=1.5'],
  ])('answers %s with 400 {"error": "Bad request."} naming id', async (_label, query) => {
    const res = await call(urlEvent({ query }));
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.json).toMatchObject({ error: 'Bad request.', code: 'InvalidRequest' });
    expect((res.json.issues as Issue[]).map((i) => i.path)).toEqual(['id']);
  });

  it('answers a body that is not JSON with 400 naming the body', async () => {
    const res = await call(
      urlEvent({ method: 'POST', body: '{id: 1', headers: { 'content-type': 'application/json' } }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json).toMatchObject({ error: 'Bad request.', code: 'InvalidRequest' });
    expect((res.json.issues as Issue[])[0]?.path).toBe('body');
  });

  it('answers an unknown route with 404 and a method not allowed with 405', async () => {
    const notFound = await call(urlEvent({ path: '/nope', query: 'id=1' }));
    expect(notFound.statusCode).toBe(404);
    expect(notFound.json).toMatchObject({ error: 'Not found.', code: 'RouteNotFound' });
    const notAllowed = await call(urlEvent({ method: 'DELETE', query: 'id=1' }));
    expect(notAllowed.statusCode).toBe(405);
    expect(notAllowed.headers.allow).toBe('GET, POST');
    expect(notAllowed.json).toMatchObject({ error: 'Method not allowed.', code: 'MethodNotAllowed' });
  });

  it('keeps serving after bad requests', async () => {
    await call(urlEvent({ query: 'id=abc' }));
    expect((await call(urlEvent({ query: 'id=2' }))).statusCode).toBe(200);
  });
});

describe('a repository failure (table missing)', () => {
  let broken: Handlers;
  let logs: ReturnType<typeof captureLogs>;

  beforeAll(async () => {
    process.env.RECORDS_TABLE = 'no-such-table';
    vi.resetModules();
    broken = await import('../src/handlers.js');
  });

  afterAll(() => {
    process.env.RECORDS_TABLE = TABLE;
  });

  it('answers the URL with 500 and a generic body, and logs the cause', async () => {
    logs = captureLogs();
    let res: Awaited<ReturnType<Handlers['urlHandler']>>;
    try {
      res = await broken.urlHandler(urlEvent({ query: 'id=1' }), lambdaContext());
    } finally {
      logs.stop();
    }
    expect(res.statusCode).toBe(500);
    const body = JSON.parse(res.body) as Record<string, unknown>;
    expect(body).toMatchObject({ error: 'Internal server error.', code: 'Internal' });
    expect(Object.keys(body).sort()).toEqual(['code', 'error', 'requestId']);
    expect(res.body).not.toMatch(/no-such-table|RecordStoreError|ResourceNotFound|at /);
    const line = logs.json().find((l) => l.message === 'Invocation failed');
    expect(line).toMatchObject({ level: 'ERROR', error_name: 'RecordStoreError', function_contract: 'records.get' });
    expect(JSON.stringify(line)).toMatch(/ResourceNotFoundException/);
  });

  it('throws an Unhandled error on Invoke, and logs the cause', async () => {
    logs = captureLogs();
    let thrown: unknown;
    try {
      await broken.handler({ id: 1 }, lambdaContext());
    } catch (e) {
      thrown = e;
    } finally {
      logs.stop();
    }
    expect(runtimeErrorPayload(thrown).errorType).toBe('RecordStoreError');
    expect((thrown as Error).cause).toBeInstanceOf(Error);
    const lines = logs.json().filter((l) => l.message === 'Invocation failed');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'ERROR', error_name: 'RecordStoreError', adapter: 'invoke' });
    expect(JSON.stringify(lines[0])).toMatch(/ResourceNotFoundException/);
  });
});
