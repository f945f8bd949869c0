/**
 * The records service run by the real local runtime (startLocal: its config, its seeded table in dynalite, each
 * function in its own execution environment process), called as its callers call it: the Invoke API through the
 * AWS SDK, and the Function URL over HTTP. The same behaviours as the in-process handler tests, over the wire.
 */
import { InvokeCommand, type InvokeCommandOutput, LambdaClient } from '@aws-sdk/client-lambda';
import type { LocalFunction } from '@lambdaport/config';
import { type LocalRuntime, startLocal } from '@lambdaport/local';
import { InvalidRequestError, type Issue } from 'lambdaport';
import { decodeFunctionError } from 'lambdaport/wire';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRecord, RecordNotFound } from '../src/contract.js';

const RECORDS_DIR = new URL('../', import.meta.url).pathname;

let local: LocalRuntime;
let lambda: LambdaClient;
let get: LocalFunction;
let getUrl: LocalFunction;

beforeAll(async () => {
  local = await startLocal({ dirs: [RECORDS_DIR], ephemeral: true, log: () => {} });
  lambda = new LambdaClient({
    endpoint: local.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  get = local.functions.find((f) => f.name === 'get')!;
  getUrl = local.functions.find((f) => f.name === 'getUrl')!;
});
afterAll(async () => {
  lambda?.destroy();
  await local?.stop();
});

/** Invokes records.get with these payload bytes (sent as they are). */
function invoke(payload: string): Promise<InvokeCommandOutput> {
  return lambda.send(new InvokeCommand({ FunctionName: get.deployedName, Payload: Buffer.from(payload) }));
}

const text = (out: InvokeCommandOutput): string => Buffer.from(out.Payload ?? []).toString('utf8');

/** The function error of a call, as the wire carries it and as a caller decodes it. */
async function invokeError(payload: string) {
  const out = await invoke(payload);
  expect(out.FunctionError, `a function error for ${payload.slice(0, 80)}`).toBe('Unhandled');
  const wire = JSON.parse(text(out)) as { errorType: string; errorMessage: string };
  return { wire, decoded: decodeFunctionError(text(out), getRecord.errors) };
}

function issuePaths(error: unknown): string[] {
  expect(InvalidRequestError.is(error)).toBe(true);
  return (error as InvalidRequestError).issues.map((i: Issue) => i.path);
}

describe('records.get over the Invoke API (the local runtime, the AWS SDK)', () => {
  it('returns the record for a known id', async () => {
    const out = await invoke('{"id": 1}');

    expect(out.StatusCode).toBe(200);
    expect(out.FunctionError).toBeUndefined();
    expect(JSON.parse(text(out))).toEqual({
      id: 1,
      title: 'Quarterly report',
      status: 'active',
      createdAt: '2026-01-01T09:00:00.000Z',
    });
  });

  it('fails with RecordNotFound for an unknown id: errorType on the wire, typed data after decoding', async () => {
    const { wire, decoded } = await invokeError('{"id": 999}');

    expect(wire.errorType).toBe('RecordNotFound');
    expect(RecordNotFound.is(decoded)).toBe(true);
    expect((decoded as InstanceType<typeof RecordNotFound>).data).toEqual({ id: 999 });
  });

  it.each([
    ['{}', 'id'],
    ['null', ''],
    ['"1"', ''],
    ['[]', ''],
    ['{ "id": "1" }', 'id'],
    ['{ "id": 1.5 }', 'id'],
    ['{ "id": 1e400 }', 'id'],
    ['{ "id": -1 }', 'id'],
  ])('rejects %s with InvalidRequestError naming the field', async (payload, path) => {
    const { wire, decoded } = await invokeError(payload);

    expect(wire.errorType).toBe('InvalidRequestError');
    expect(issuePaths(decoded)).toEqual([path]);
    expect(decoded.message).toMatch(/^Invalid request: /);
  });

  it('reads __proto__ and constructor keys as data', async () => {
    const withProto = await invoke('{ "__proto__": { "polluted": true }, "id": 3 }');
    expect(JSON.parse(text(withProto))).toMatchObject({ id: 3 });
    const withConstructor = await invokeError('{ "constructor": { "prototype": { "polluted": true } }, "id": "x" }');
    expect(issuePaths(withConstructor.decoded)).toEqual(['id']);
    expect(issuePaths((await invokeError('{ "__proto__": { "id": 4 } }')).decoded)).toEqual(['id']);
  });

  it('answers a 5 MB payload with a short, clear error naming the field', async () => {
    const { decoded } = await invokeError(JSON.stringify({ id: 'x'.repeat(5 * 1024 * 1024) }));
    expect(issuePaths(decoded)).toEqual(['id']);
    expect(decoded.message.length).toBeLessThan(500);
    const padded = await invoke(JSON.stringify({ id: 5, padding: 'y'.repeat(5 * 1024 * 1024) }));
    expect(JSON.parse(text(padded))).toMatchObject({ id: 5 });
  });

  it('keeps serving after bad input', async () => {
    await invokeError('null');
    expect(JSON.parse(text(await invoke('{"id": 2}')))).toMatchObject({ id: 2 });
  });
});

describe('records.get over a Function URL (the local runtime, HTTP)', () => {
  async function call(pathAndQuery: string, init: RequestInit = {}) {
    const res = await fetch(`${local.functionUrl(getUrl)}${pathAndQuery.replace(/^\//, '')}`, init);
    return { status: res.status, headers: res.headers, json: (await res.json()) as Record<string, unknown> };
  }
  const post = (body: string): RequestInit => ({
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json' },
  });

  it('answers ?id=1 with 200 and the record as JSON', async () => {
    const res = await call('/?id=1');

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.json).toEqual({ id: 1, title: 'Quarterly report', status: 'active', createdAt: expect.any(String) });
  });

  it('answers POST / with a JSON body too', async () => {
    const res = await call('/', post('{"id": 7}'));

    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: 7 });
  });

  it('answers an unknown id with 404 {"error": "Not found."}', async () => {
    const res = await call('/?id=999');

    expect(res.status).toBe(404);
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
    const res = await call(`/?${query}`);

    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.json).toMatchObject({ error: 'Bad request.', code: 'InvalidRequest' });
    expect((res.json.issues as Issue[]).map((i) => i.path)).toEqual(['id']);
  });

  it('answers a body that is not JSON with 400 naming the body', async () => {
    const res = await call('/', post('{id: 1'));

    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ error: 'Bad request.', code: 'InvalidRequest' });
    expect((res.json.issues as Issue[])[0]?.path).toBe('body');
  });

  it('answers an unknown route with 404 and a method not allowed with 405', async () => {
    const notFound = await call('/nope?id=1');
    expect(notFound.status).toBe(404);
    expect(notFound.json).toMatchObject({ error: 'Not found.', code: 'RouteNotFound' });
    const notAllowed = await call('/?id=1', { method: 'DELETE' });
    expect(notAllowed.status).toBe(405);
    expect(notAllowed.headers.get('allow')).toBe('GET, POST');
    expect(notAllowed.json).toMatchObject({ error: 'Method not allowed.', code: 'MethodNotAllowed' });
  });

  it('keeps serving after bad requests', async () => {
    await call('/?id=abc');
    expect((await call('/?id=2')).status).toBe(200);
  });
});
