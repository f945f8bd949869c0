/**
 * Function URLs with fetch: payload 2.0 events as AWS builds them, results mapped as AWS maps them,
 * AWS_IAM URLs needing a SigV4 signature.
 */
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Fixture, functions, startFixture } from './support/fixture.js';

let fx: Fixture;
let webUrl: string;
let secureUrl: string;
beforeAll(async () => {
  fx = await startFixture();
  webUrl = fx.door.functionUrl(functions.web);
  secureUrl = fx.door.functionUrl(functions.secure);
});
afterAll(async () => {
  await fx.close();
});

interface Event {
  rawPath: string;
  rawQueryString: string;
  cookies?: string[];
  headers: Record<string, string>;
  queryStringParameters?: Record<string, string>;
  requestContext: Record<string, unknown> & { http: Record<string, string>; time: string; timeEpoch: number };
  body?: string;
  isBase64Encoded: boolean;
}

describe('Function URL events (payload format 2.0)', () => {
  it('keeps the raw path and query byte for byte and decodes queryStringParameters', async () => {
    const res = await fetch(`${webUrl}a%20b/c?x=1&x=2&y=%41%2B+z&empty=&flag`, {
      headers: { 'user-agent': 'test-agent' },
    });
    const event = (await res.json()) as Event;

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: '$default',
      rawPath: '/a%20b/c',
      rawQueryString: 'x=1&x=2&y=%41%2B+z&empty=&flag',
      queryStringParameters: { x: '1,2', y: 'A++z', empty: '', flag: '' },
      isBase64Encoded: false,
    });
    expect(event.requestContext).toMatchObject({
      accountId: 'anonymous',
      apiId: functions.web.deployedName,
      routeKey: '$default',
      stage: '$default',
      http: { method: 'GET', path: '/a%20b/c', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test-agent' },
    });
    expect(event.requestContext.time).toMatch(/^\d\d\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d:\d\d \+0000$/);
    expect(typeof event.requestContext.timeEpoch).toBe('number');
    expect(event).not.toHaveProperty('body');
    expect(event).not.toHaveProperty('pathParameters');
  });

  it('gives rawPath / at the URL root, with no query fields', async () => {
    const event = (await (await fetch(webUrl)).json()) as Event;

    expect(event.rawPath).toBe('/');
    expect(event.rawQueryString).toBe('');
    expect(event).not.toHaveProperty('queryStringParameters');
    expect(event).not.toHaveProperty('cookies');
  });

  it('moves cookies out of the headers and lower-cases header names', async () => {
    const res = await fetch(`${webUrl}c`, { headers: { Cookie: 'a=1; b=2', 'X-Custom-Thing': 'V' } });
    const event = (await res.json()) as Event;

    expect(event.cookies).toEqual(['a=1', 'b=2']);
    expect(event.headers).not.toHaveProperty('cookie');
    expect(event.headers['x-custom-thing']).toBe('V');
  });

  it('sends text bodies as text and binary bodies as base64', async () => {
    const text = (await (
      await fetch(webUrl, { method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json' } })
    ).json()) as Event;
    const binary = (await (
      await fetch(webUrl, {
        method: 'POST',
        body: Buffer.from([0, 159, 146, 150]),
        headers: { 'content-type': 'application/octet-stream' },
      })
    ).json()) as Event;

    expect(text).toMatchObject({ body: '{"a":1}', isBase64Encoded: false });
    expect(binary).toMatchObject({ body: Buffer.from([0, 159, 146, 150]).toString('base64'), isBase64Encoded: true });
    expect(binary.requestContext.http.method).toBe('POST');
  });
});

describe('Function URL results', () => {
  it('returns a string result unquoted', async () => {
    const res = await fetch(`${webUrl}string`);

    expect(res.status).toBe(200);
    expect(await res.text()).toBe('hello');
  });

  it('maps statusCode, headers, cookies (one Set-Cookie each) and body', async () => {
    const res = await fetch(`${webUrl}status`);

    expect(res.status).toBe(201);
    expect(res.headers.get('x-a')).toBe('b');
    expect(res.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2']);
    expect(await res.text()).toBe('created');
  });

  it('decodes a base64 body', async () => {
    const res = await fetch(`${webUrl}binary`);

    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect([...new Uint8Array(await res.arrayBuffer())]).toEqual([0, 1, 2, 255]);
  });

  it('answers 502 Internal Server Error when the function fails, then keeps serving', async () => {
    const res = await fetch(`${webUrl}fail`);

    expect(res.status).toBe(502);
    expect(await res.text()).toBe('Internal Server Error');
    expect((await fetch(`${webUrl}string`)).status).toBe(200);
  });

  it.each([
    ['an invalid header name', 'bad-header-name'],
    ['a header value with a line break', 'bad-header-value'],
    ['a cookie with a line break', 'bad-cookie'],
  ])('answers 502 Internal Server Error, as for a function error, to a result with %s', async (_what, path) => {
    const res = await fetch(`${webUrl}${path}`);

    expect(res.status).toBe(502);
    expect(await res.text()).toBe('Internal Server Error');
    expect(res.headers.get('x-amzn-errortype')).toBeNull();
    expect(fx.logs.filter((line) => line.includes('unexpected error'))).toEqual([]);
    expect((await fetch(`${webUrl}string`)).status).toBe(200);
  });

  it('404 JSON error for an unknown URL or a function without one', async () => {
    const unknown = await fetch(`${fx.door.url}/lambda-url/nope/`);
    const noUrl = await fetch(`${fx.door.url}/lambda-url/${functions.echo.deployedName}/`);

    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ Message: expect.stringContaining("'nope'") });
    expect(noUrl.status).toBe(404);
  });
});

describe('AWS_IAM Function URLs', () => {
  async function signed(url: string, secretAccessKey = 'test', service = 'lambda'): Promise<Response> {
    const target = new URL(url);
    const signer = new SignatureV4({
      credentials: { accessKeyId: 'test', secretAccessKey },
      region: 'us-east-1',
      service,
      sha256: Hash.bind(null, 'sha256'),
    });
    const query: Record<string, string> = {};
    for (const [k, v] of target.searchParams) query[k] = v;
    const request = await signer.sign({
      method: 'POST',
      protocol: 'http:',
      hostname: target.hostname,
      port: Number(target.port),
      path: target.pathname,
      query,
      headers: { host: target.host, 'content-type': 'application/json' },
      body: '{"signed":true}',
    });
    return fetch(url, { method: 'POST', headers: request.headers, body: '{"signed":true}' });
  }

  it('403 for an unsigned request', async () => {
    const res = await fetch(`${secureUrl}x`);

    expect(res.status).toBe(403);
    expect(res.headers.get('x-amzn-errortype')).toBe('AccessDeniedException');
    expect(await res.json()).toMatchObject({ Message: 'Forbidden' });
  });

  it('200 for a request signed for service lambda, with the IAM authorizer in the event', async () => {
    const res = await signed(`${secureUrl}items/1?q=a%20b`);
    const event = (await res.json()) as Event;

    expect(res.status).toBe(200);
    expect(event).toMatchObject({ rawPath: '/items/1', rawQueryString: 'q=a%20b', body: '{"signed":true}' });
    expect(event.requestContext).toMatchObject({
      accountId: '000000000000',
      authorizer: { iam: { accessKey: 'test', accountId: '000000000000' } },
    });
  });

  it('403 InvalidSignatureException for a bad signature, then keeps serving', async () => {
    const res = await signed(`${secureUrl}x`, 'wrong-secret');

    expect(res.status).toBe(403);
    expect(res.headers.get('x-amzn-errortype')).toBe('InvalidSignatureException');
    expect((await signed(`${secureUrl}x`)).status).toBe(200);
  });

  it('403 for a signature of another service', async () => {
    const res = await signed(`${secureUrl}x`, 'test', 'execute-api');

    expect(res.status).toBe(403);
  });
});
