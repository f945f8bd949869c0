/**
 * The admission check at each entry point of the front door, with each one's own limit and 413: SSM and DynamoDB
 * (16 MiB), Invoke (6,291,456 bytes; `Event` 1,048,576), Function URLs (6,291,456 bytes, `NONE` and `AWS_IAM`). A bad
 * signature of the known key is 403 at each (a `NONE` URL does not look at it), before the API sees the request.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSON_SERVICE_ADMISSION, MAX_SERVICE_BODY } from '../../src/http/admission.js';
import type { Service } from '../../src/http/service.js';
import { MAX_ASYNC_PAYLOAD, MAX_SYNC_PAYLOAD } from '../../src/lambda/api/invoke.js';
import { type FrontDoor, startFrontDoor } from '../../src/server.js';
import { functions, handlers } from '../lambda/api/support/fixture.js';
import { InProcessInvoker } from '../lambda/api/support/in-process-invoker.js';
import { type Signing, signedFetch } from './support/signed-fetch.js';

/** A real Service that counts what reaches it. */
class CountingService implements Service {
  readonly bodies: number[] = [];
  readonly admission = JSON_SERVICE_ADMISSION;
  handle(_req: IncomingMessage, res: ServerResponse, body: Buffer): void {
    this.bodies.push(body.length);
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' }).end('{}');
  }
}

let door: FrontDoor;
const invoker = new InProcessInvoker(handlers);
const ssm = new CountingService();
const dynamodb = new CountingService();
beforeAll(async () => {
  door = await startFrontDoor({
    functions: Object.values(functions),
    invoker,
    services: { ssm, dynamodb },
    log: () => {},
    asyncRetryDelaysMs: [10, 10],
  });
});
afterAll(async () => {
  await door.close();
});

interface EntryPoint {
  readonly name: string;
  readonly limit: number;
  /** `x-amzn-ErrorType` of its 413, and the key of the message in the body. */
  readonly tooLarge: string;
  readonly messageKey: 'message' | 'Message';
  /** Status of an admitted request. */
  readonly admitted: number;
  readonly service: string;
  url(): string;
  readonly headers: Record<string, string>;
  /** A body of exactly `bytes` bytes that the API accepts. */
  body(bytes: number): Buffer;
  /** How many requests reached the API so far. */
  reached(): number;
}

/** A JSON string of exactly `bytes` bytes: a payload Invoke accepts. */
const jsonOf = (bytes: number) => Buffer.from(JSON.stringify('x'.repeat(bytes - 2)));
const filler = (bytes: number) => Buffer.alloc(bytes, 0x61);
const calls = (fn: { deployedName: string }) => () => invoker.calls.filter((c) => c.fn === fn.deployedName).length;

const entryPoints: EntryPoint[] = [
  {
    name: 'SSM',
    limit: MAX_SERVICE_BODY,
    tooLarge: 'RequestEntityTooLarge',
    messageKey: 'message',
    admitted: 200,
    service: 'ssm',
    url: () => `${door.url}/`,
    headers: { 'x-amz-target': 'AmazonSSM.GetParameter', 'content-type': 'application/x-amz-json-1.1' },
    body: filler,
    reached: () => ssm.bodies.length,
  },
  {
    name: 'DynamoDB',
    limit: MAX_SERVICE_BODY,
    tooLarge: 'RequestEntityTooLarge',
    messageKey: 'message',
    admitted: 200,
    service: 'dynamodb',
    url: () => `${door.url}/`,
    headers: { 'x-amz-target': 'DynamoDB_20120810.GetItem', 'content-type': 'application/x-amz-json-1.0' },
    body: filler,
    reached: () => dynamodb.bodies.length,
  },
  {
    name: 'Invoke (RequestResponse)',
    limit: MAX_SYNC_PAYLOAD,
    tooLarge: 'RequestTooLargeException',
    messageKey: 'message',
    admitted: 200,
    service: 'lambda',
    url: () => `${door.url}/2015-03-31/functions/${functions.logs.deployedName}/invocations`,
    headers: {},
    body: jsonOf,
    reached: calls(functions.logs),
  },
  {
    name: 'Invoke (Event)',
    limit: MAX_ASYNC_PAYLOAD,
    tooLarge: 'RequestTooLargeException',
    messageKey: 'message',
    admitted: 202,
    service: 'lambda',
    url: () => `${door.url}/2015-03-31/functions/${functions.versioned.deployedName}/invocations`,
    headers: { 'x-amz-invocation-type': 'Event' },
    body: jsonOf,
    reached: calls(functions.versioned),
  },
  {
    name: 'Function URL (NONE)',
    limit: MAX_SYNC_PAYLOAD,
    tooLarge: 'RequestTooLargeException',
    messageKey: 'Message',
    admitted: 200,
    service: 'lambda',
    url: () => `${door.functionUrl(functions.web)}string`,
    headers: { 'content-type': 'application/octet-stream' },
    body: filler,
    reached: calls(functions.web),
  },
  {
    name: 'Function URL (AWS_IAM)',
    limit: MAX_SYNC_PAYLOAD,
    tooLarge: 'RequestTooLargeException',
    messageKey: 'Message',
    admitted: 200,
    service: 'lambda',
    url: () => `${door.functionUrl(functions.secure)}string`,
    headers: { 'content-type': 'application/octet-stream' },
    body: filler,
    reached: calls(functions.secure),
  },
];

const knownKey = (service: string): Signing => ({ accessKeyId: 'test', secretAccessKey: 'test', service });

async function send(entry: EntryPoint, body: Buffer, signing: Signing): Promise<Response> {
  return signedFetch(entry.url(), { method: 'POST', headers: entry.headers, body }, signing);
}

/** Waits until `condition()` holds (an `Event` invocation reaches the function after the 202). */
async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe.each(entryPoints)('$name', (entry) => {
  it('admits a body of exactly its limit', async () => {
    const before = entry.reached();

    const res = await send(entry, entry.body(entry.limit), knownKey(entry.service));
    await res.arrayBuffer();

    expect(res.status).toBe(entry.admitted);
    await until(() => entry.reached() === before + 1);
  });

  it('413 with its own error type for one byte more, before the API sees it', async () => {
    const before = entry.reached();

    const res = await send(entry, entry.body(entry.limit + 1), knownKey(entry.service));

    expect(res.status).toBe(413);
    expect(res.headers.get('x-amzn-errortype')).toBe(entry.tooLarge);
    expect(await res.json()).toMatchObject({ [entry.messageKey]: expect.stringContaining(String(entry.limit)) });
    expect(entry.reached()).toBe(before);
  });

  const ignoresSignatures = entry.name === 'Function URL (NONE)';
  it(
    ignoresSignatures
      ? 'does not look at the signature (a NONE URL is public)'
      : '403 InvalidSignatureException for the known key with a wrong secret, before the API sees it',
    async () => {
      const before = entry.reached();

      const res = await send(entry, entry.body(2), { ...knownKey(entry.service), secretAccessKey: 'wrong' });
      const text = await res.text();

      if (ignoresSignatures) {
        expect([res.status, text]).toEqual([200, 'hello']);
        expect(entry.reached()).toBe(before + 1);
      } else {
        expect(res.status).toBe(403);
        expect(res.headers.get('x-amzn-errortype')).toBe('InvalidSignatureException');
        expect(text).toContain('signature we calculated does not match');
        expect(entry.reached()).toBe(before);
      }
    },
  );
});
