import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineError, defineFunction } from '../../src/contract.js';
import { httpHandler, numberParam } from '../../src/handlers/http.js';
import { implement } from '../../src/implement.js';

process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

const Gone = defineError('Gone', z.object({ id: z.number() }), { status: 410 });
const Conflict = defineError('Conflict', z.object({ id: z.number() }));
const Locked = defineError('Locked', z.object({ id: z.number() }));
const echo = defineFunction({
  name: 'echo.run',
  version: 1,
  description: 'Echo.',
  input: z.object({ id: z.number().int(), note: z.string().optional() }),
  output: z.object({ id: z.number(), note: z.string().optional() }),
  errors: [Gone, Conflict, Locked],
});
const echoLogic = implement(echo, (input) => {
  if (input.id === 410) throw new Gone({ id: 410 });
  if (input.id === 409) throw new Conflict({ id: 409 }, 'Already there');
  if (input.id === 423) throw new Locked({ id: 423 });
  if (input.id === 500) throw new Error('database password is hunter2');
  return input;
});

function v2(options: {
  method?: string;
  path?: string;
  query?: string;
  body?: string;
  base64?: boolean;
  headers?: Record<string, string>;
  cookies?: string[];
  stage?: string;
}) {
  const rawQueryString = options.query ?? '';
  const queryStringParameters: Record<string, string> = {};
  for (const [k, val] of new URLSearchParams(rawQueryString)) {
    queryStringParameters[k] = queryStringParameters[k] === undefined ? val : `${queryStringParameters[k]},${val}`;
  }
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: options.path ?? '/',
    rawQueryString,
    cookies: options.cookies,
    headers: options.headers ?? {},
    queryStringParameters: rawQueryString ? queryStringParameters : undefined,
    requestContext: {
      requestId: 'api-req',
      stage: options.stage ?? '$default',
      http: { method: options.method ?? 'GET', path: options.path ?? '/', sourceIp: '127.0.0.1' },
    },
    body: options.body,
    isBase64Encoded: options.base64 ?? false,
  };
}

function v1(options: {
  method?: string;
  path?: string;
  multiQuery?: Record<string, string[]>;
  body?: string;
  base64?: boolean;
  headers?: Record<string, string>;
  pathParameters?: Record<string, string>;
}) {
  const single: Record<string, string> = {};
  for (const [k, vals] of Object.entries(options.multiQuery ?? {})) single[k] = vals[vals.length - 1] as string;
  return {
    resource: '/things/{id}',
    path: options.path ?? '/',
    httpMethod: options.method ?? 'GET',
    headers: options.headers ?? null,
    multiValueHeaders: options.headers
      ? Object.fromEntries(Object.entries(options.headers).map(([k, v]) => [k, [v]]))
      : null,
    queryStringParameters: options.multiQuery ? single : null,
    multiValueQueryStringParameters: options.multiQuery ?? null,
    pathParameters: options.pathParameters ?? null,
    requestContext: { requestId: 'rest-req', identity: { sourceIp: '10.0.0.1' } },
    body: options.body ?? null,
    isBase64Encoded: options.base64 ?? false,
  };
}

const byQuery = httpHandler(echoLogic, undefined, {
  input: (req) => ({ id: numberParam(req.query.id), note: req.query.note }),
  errors: { Conflict: 409 },
});

function parsed(res: { body: string }) {
  return JSON.parse(res.body) as Record<string, unknown>;
}

describe('httpHandler: requests', () => {
  it('normalises payload 2.0 and 1.0 the same way', async () => {
    const seen: unknown[] = [];
    const handler = httpHandler(echoLogic, undefined, {
      input: (req) => {
        seen.push({
          version: req.payloadVersion,
          method: req.method,
          path: req.path,
          query: { ...req.query },
          all: req.queryAll.tag,
          header: req.headers['x-thing'],
          cookie: req.cookies.session,
          params: { ...req.pathParams },
          body: req.body,
        });
        return { id: 1 };
      },
    });
    const body = Buffer.from('{"a":1}').toString('base64');
    await handler(
      v2({
        method: 'post',
        path: '/things/1',
        query: 'tag=a&tag=b',
        body,
        base64: true,
        headers: { 'x-thing': 'yes' },
        cookies: ['session=s%201'],
      }),
    );
    await handler(
      v1({
        method: 'POST',
        path: '/things/1',
        multiQuery: { tag: ['a', 'b'] },
        body,
        base64: true,
        headers: { 'X-Thing': 'yes', Cookie: 'session=s%201; other=2' },
        pathParameters: { id: '1' },
      }),
    );
    const expected = {
      method: 'POST',
      path: '/things/1',
      query: { tag: 'a,b' },
      all: ['a', 'b'],
      header: 'yes',
      cookie: 's 1',
      body: '{"a":1}',
    };
    expect(seen[0]).toMatchObject({ version: '2.0', ...expected, params: {} });
    expect(seen[1]).toMatchObject({ version: '1.0', ...expected, params: { id: '1' } });
  });

  it('answers payload 1.0 with multiValueHeaders for cookies and 2.0 with cookies', async () => {
    const handler = httpHandler(echoLogic, undefined, {
      input: () => ({ id: 1 }),
      output: (result) => ({ statusCode: 201, cookies: ['a=1', 'b=2'], body: JSON.stringify(result) }),
    });
    const r2 = await handler(v2({}));
    expect(r2).toMatchObject({ statusCode: 201, cookies: ['a=1', 'b=2'], isBase64Encoded: false });
    const r1 = await handler(v1({}));
    expect(r1).toMatchObject({ statusCode: 201, multiValueHeaders: { 'set-cookie': ['a=1', 'b=2'] } });
    expect(r1.cookies).toBeUndefined();
  });

  it('sends byte bodies base64-encoded', async () => {
    const handler = httpHandler(echoLogic, undefined, {
      input: () => ({ id: 1 }),
      output: () => ({
        statusCode: 200,
        headers: { 'content-type': 'application/octet-stream' },
        body: new Uint8Array([1, 2, 3]),
      }),
    });
    expect(await handler(v2({}))).toMatchObject({ body: 'AQID', isBase64Encoded: true });
  });

  it('strips a named HTTP API stage and matches path templates', async () => {
    const handler = httpHandler(echoLogic, undefined, {
      path: '/things/{id}',
      input: (req) => ({ id: numberParam(req.pathParams.id) }),
    });
    expect(parsed(await handler(v2({ path: '/prod/things/7', stage: 'prod' })))).toEqual({ id: 7 });
    expect((await handler(v2({ path: '/things/7/more' }))).statusCode).toBe(404);
  });

  it('numberParam converts only plain numbers', () => {
    expect([numberParam('12'), numberParam('-3'), numberParam('1.5')]).toEqual([12, -3, 1.5]);
    expect([
      numberParam(''),
      numberParam(' 1'),
      numberParam('0x10'),
      numberParam('1e3'),
      numberParam(undefined),
    ]).toEqual(['', ' 1', '0x10', '1e3', undefined]);
  });
});

describe('httpHandler: status mapping', () => {
  it('200 with the result as JSON', async () => {
    const res = await byQuery(v2({ query: 'id=5&note=hi' }));
    expect(res).toMatchObject({ statusCode: 200, headers: { 'content-type': 'application/json' } });
    expect(parsed(res)).toEqual({ id: 5, note: 'hi' });
  });

  it('400 for validation failures, with issues', async () => {
    const res = await byQuery(v2({ query: 'id=abc' }));
    expect(res.statusCode).toBe(400);
    expect(parsed(res)).toMatchObject({ error: 'Bad request.', code: 'InvalidRequest', issues: [{ path: 'id' }] });
  });

  it('400 for a body that is not JSON on a JSON route', async () => {
    const handler = httpHandler(echoLogic, undefined, { input: (req) => req.json() });
    const res = await handler(v2({ method: 'POST', body: 'id=1' }));
    expect(res.statusCode).toBe(400);
    expect(parsed(res)).toMatchObject({ issues: [{ path: 'body' }] });
    const none = await handler(v2({ method: 'POST' }));
    expect(parsed(none)).toMatchObject({ issues: [{ path: 'body', message: 'Expected a JSON body, got none' }] });
  });

  it('declared errors: the mapped status, else the error status, else 422', async () => {
    const mapped = await byQuery(v2({ query: 'id=409' }));
    expect(mapped.statusCode).toBe(409);
    expect(parsed(mapped)).toEqual({
      error: 'Conflict.',
      code: 'Conflict',
      message: 'Already there',
      data: { id: 409 },
    });
    expect((await byQuery(v2({ query: 'id=410' }))).statusCode).toBe(410);
    expect((await byQuery(v2({ query: 'id=423' }))).statusCode).toBe(422);
  });

  it('500 with a generic body for anything unexpected', async () => {
    const res = await byQuery(v2({ query: 'id=500' }), { awsRequestId: 'lambda-req' });
    expect(res.statusCode).toBe(500);
    expect(parsed(res)).toEqual({ error: 'Internal server error.', code: 'Internal', requestId: 'lambda-req' });
    expect(res.body).not.toMatch(/hunter2|Error|at /);
  });

  it('404 for an unknown path and 405 for a method not allowed', async () => {
    const handler = httpHandler(echoLogic, undefined, { method: 'GET', path: '/echo', input: () => ({ id: 1 }) });
    expect((await handler(v2({ path: '/echo/' }))).statusCode).toBe(200);
    expect(parsed(await handler(v2({ path: '/other' })))).toMatchObject({ error: 'Not found.', code: 'RouteNotFound' });
    const res = await handler(v2({ path: '/echo', method: 'PUT' }));
    expect(res).toMatchObject({ statusCode: 405, headers: { allow: 'GET' } });
    expect((await handler(v1({ path: '/echo', method: 'PUT' }))).statusCode).toBe(405);
  });

  it('fails like the Invoke adapter when the event is not HTTP at all', async () => {
    await expect(byQuery({ id: 1 })).rejects.toMatchObject({ name: 'InvalidRequestError' });
  });

  it('rejects bad options naming the key', () => {
    expect(() => httpHandler(echoLogic, undefined, { input: () => 1, errors: { Nope: 404 } as never })).toThrow(
      /errors\.Nope must be an error of echo\.run/,
    );
    expect(() => httpHandler(echoLogic, undefined, { input: () => 1, errors: { Gone: 200 } })).toThrow(/400 to 599/);
    expect(() => httpHandler(echoLogic, undefined, {} as never)).toThrow(/input must be a function/);
    expect(() => httpHandler(echoLogic, undefined, { input: () => 1, path: 'x' })).toThrow(/path must be a template/);
    expect(() => httpHandler(echoLogic, undefined, { input: () => 1, route: '/' } as never)).toThrow(
      /unknown option "route"/,
    );
  });
});
