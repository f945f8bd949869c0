/**
 * The front door's routing: by path, then x-amz-target, then the SigV4 scope; services get the body already
 * read and checked; unknown paths and malformed requests get JSON errors and the server keeps serving.
 */

import type { IncomingMessage, ServerResponse } from 'node:http';
import { connect } from 'node:net';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSON_SERVICE_ADMISSION } from '../../../src/http/admission.js';
import type { Service } from '../../../src/http/service.js';
import { type FrontDoor, startFrontDoor } from '../../../src/server.js';
import { signedFetch } from '../../http/support/signed-fetch.js';
import { functions } from './support/fixture.js';
import { InProcessInvoker } from './support/in-process-invoker.js';

/** A real Service that answers what it received, or fails as told. */
class RecordingService implements Service {
  readonly seen: { target: string | undefined; body: string }[] = [];
  readonly admission = JSON_SERVICE_ADMISSION;
  constructor(private readonly label: string) {}
  handle(req: IncomingMessage, res: ServerResponse, body: Buffer): void | Promise<void> {
    const target = req.headers['x-amz-target'] as string | undefined;
    this.seen.push({ target, body: body.toString('utf8') });
    if (target?.endsWith('.Throw')) throw new Error('service blew up');
    if (target?.endsWith('.Reject')) return Promise.reject(new Error('service rejected'));
    if (target === 'AmazonSSM.GetParameter') {
      const { Name } = JSON.parse(body.toString('utf8')) as { Name: string };
      const text = JSON.stringify({ Parameter: { Name, Type: 'String', Value: `from ${this.label}`, Version: 1 } });
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' }).end(text);
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ service: this.label }));
  }
}

let door: FrontDoor;
const ssm = new RecordingService('ssm');
const dynamodb = new RecordingService('dynamodb');
const logs: string[] = [];
beforeAll(async () => {
  door = await startFrontDoor({
    functions: Object.values(functions),
    invoker: new InProcessInvoker({}),
    services: { ssm, dynamodb },
    log: (line) => logs.push(line),
  });
});
afterAll(async () => {
  await door.close();
});

const TEST_KEY = { accessKeyId: 'test', secretAccessKey: 'test' };

/** POSTs a JSON-protocol request signed with the `test` key for the service its target names. */
async function post(headers: Record<string, string>, body = '{}', path = '/'): Promise<Response> {
  const service = headers['x-amz-target']?.startsWith('AmazonSSM.') ? 'ssm' : 'dynamodb';
  return signedFetch(`${door.url}${path}`, { method: 'POST', headers, body }, { ...TEST_KEY, service });
}

/** A signed Lambda API request. */
function lambdaFetch(path: string, method = 'GET'): Promise<Response> {
  return signedFetch(`${door.url}${path}`, { method }, { ...TEST_KEY, service: 'lambda' });
}

async function stillServes(): Promise<void> {
  const res = await lambdaFetch('/2015-03-31/functions/');
  expect(res.status).toBe(200);
}

describe('routing', () => {
  it('sends AmazonSSM.* to the SSM service with the body, through the real SSM client', async () => {
    const client = new SSMClient({ endpoint: door.url, region: 'us-east-1', maxAttempts: 1 });
    const out = await client.send(new GetParameterCommand({ Name: '/a/b' }));
    client.destroy();

    expect(out.Parameter?.Value).toBe('from ssm');
    expect(ssm.seen.at(-1)).toEqual({ target: 'AmazonSSM.GetParameter', body: '{"Name":"/a/b"}' });
  });

  it('sends DynamoDB_20120810.* to the DynamoDB service', async () => {
    const res = await post({ 'x-amz-target': 'DynamoDB_20120810.ListTables' });

    expect(await res.json()).toEqual({ service: 'dynamodb' });
  });

  it('falls back to the SigV4 scope when there is no x-amz-target', async () => {
    const res = await signedFetch(
      `${door.url}/`,
      { method: 'POST', body: '{}' },
      { accessKeyId: 'someone', secretAccessKey: 'any', service: 'dynamodb' },
    );

    expect(await res.json()).toEqual({ service: 'dynamodb' });
  });

  it('403 InvalidSignatureException for a bad signature of the known key, before the service sees it', async () => {
    const client = new SSMClient({
      endpoint: door.url,
      region: 'us-east-1',
      maxAttempts: 1,
      credentials: { accessKeyId: 'test', secretAccessKey: 'wrong' },
    });
    const before = ssm.seen.length;

    await expect(client.send(new GetParameterCommand({ Name: '/x' }))).rejects.toMatchObject({
      name: 'InvalidSignatureException',
      $metadata: { httpStatusCode: 403 },
    });
    client.destroy();
    expect(ssm.seen.length).toBe(before);
  });
});

describe('bad input keeps the server serving', () => {
  it('404 UnknownOperationException JSON for an unknown path', async () => {
    const res = await lambdaFetch('/nothing/here');

    expect(res.status).toBe(404);
    expect(res.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    expect(await res.json()).toMatchObject({ Type: 'User', message: expect.stringContaining('GET /nothing/here') });
    await stillServes();
  });

  it('404 for an unknown Lambda path and 405 for a wrong method', async () => {
    const unknown = await lambdaFetch('/2015-03-31/functions/x/unknown');
    const wrongMethod = await lambdaFetch('/2015-03-31/functions/x/invocations');
    const deleteList = await lambdaFetch('/2015-03-31/functions/', 'DELETE');

    expect(unknown.status).toBe(404);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('x-amzn-errortype')).toBe('MethodNotAllowedException');
    expect(await deleteList.json()).toMatchObject({ message: expect.stringContaining('DELETE') });
    await stillServes();
  });

  it('500 ServiceException when a service throws or rejects; the error is logged', async () => {
    const thrown = await post({ 'x-amz-target': 'AmazonSSM.Throw' });
    const rejected = await post({ 'x-amz-target': 'DynamoDB_20120810.Reject' });

    expect(thrown.status).toBe(500);
    expect(thrown.headers.get('x-amzn-errortype')).toBe('ServiceException');
    expect(rejected.status).toBe(500);
    expect(logs.join('\n')).toContain('service blew up');
    await stillServes();
  });

  it('403 for a malformed SigV4 Authorization header', async () => {
    const res = await fetch(`${door.url}/`, {
      method: 'POST',
      headers: { 'x-amz-target': 'AmazonSSM.GetParameter', authorization: 'AWS4-HMAC-SHA256 garbage' },
      body: '{}',
    });

    expect(res.status).toBe(403);
    expect(res.headers.get('x-amzn-errortype')).toBe('InvalidSignatureException');
    await stillServes();
  });

  it('survives a malformed HTTP request and a client that disconnects mid-body', async () => {
    const socket = connect(door.port, '127.0.0.1');
    const answer = await new Promise<string>((resolve) => {
      let text = '';
      socket.on('data', (chunk) => {
        text += chunk.toString();
      });
      socket.on('close', () => resolve(text));
      socket.write('NOT HTTP AT ALL\r\n\r\n');
    });
    expect(answer).toContain('400');

    const half = connect(door.port, '127.0.0.1');
    await new Promise<void>((resolve) => half.on('connect', () => resolve()));
    half.write(
      `POST /2015-03-31/functions/${functions.echo.deployedName}/invocations HTTP/1.1\r\nhost: x\r\ncontent-length: 1000\r\n\r\n{"a":`,
    );
    half.destroy();

    await stillServes();
  });
});
