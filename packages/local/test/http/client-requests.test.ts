/**
 * What the AWS clients send and how they read answers, recorded on a plain node:http server (no lambdaport code in
 * the way): the AWS SDK for JavaScript v3, the AWS CLI v2 and boto3 (Debian's; .ci/run installs them). The local
 * runtime is built on these facts (docs/reference/lambda-invoke.md, ssm.md, sigv4.md); a client upgrade that changes
 * one fails here rather than in a user's call.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AWS_CLI, clientEnv, hasAwsCli, hasPython, PYTHON, runCommand } from '../e2e/clients.js';

/** One request as the server received it. */
interface Recorded {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  /** The `SignedHeaders` of the `Authorization` header, in order. */
  readonly signed: readonly string[];
  readonly body: Buffer;
}

/** The answer the server gives to every request until changed. */
interface Answer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

const ok: Answer = { status: 200, headers: { 'content-type': 'application/json' }, body: '{}' };
const json = (status: number, body: unknown, headers: Record<string, string> = {}): Answer => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

let server: Server;
let url: string;
let home: string;
let answer: Answer = ok;
let requests: Recorded[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const signed = /SignedHeaders=([^,\s]+)/.exec(req.headers.authorization ?? '')?.[1]?.split(';') ?? [];
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        signed,
        body: Buffer.concat(chunks),
      });
      res.writeHead(answer.status, { ...answer.headers, 'content-length': Buffer.byteLength(answer.body) });
      res.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  home = mkdtempSync(path.join(tmpdir(), 'lambdaport-clients-'));
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (home) rmSync(home, { recursive: true, force: true });
});
beforeEach(() => {
  answer = ok;
  requests = [];
});

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const sha256 = (body: Buffer): string => createHash('sha256').update(body).digest('hex');
const ARN = 'arn:aws:lambda:us-east-1:123456789012:function:my-func:prod';
const ENCODED_ARN = 'arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Amy-func%3Aprod';
const CLIENT_CONTEXT = Buffer.from('{"custom":{"k":"v"}}').toString('base64');

describe('Invoke: what the SDK v3 sends', () => {
  it('RequestResponse: no invocation type header; content type, payload hash and SDK headers, all signed but user-agent', async () => {
    const lambda = new LambdaClient({ endpoint: url, region: 'us-east-1', credentials });
    const payload = Buffer.from('{"a":1}');

    await lambda.send(
      new InvokeCommand({ FunctionName: 'my-func', Payload: payload, LogType: 'Tail', ClientContext: CLIENT_CONTEXT }),
    );

    const [sent] = requests;
    expect(sent).toMatchObject({ method: 'POST', url: '/2015-03-31/functions/my-func/invocations' });
    expect(sent?.headers).toMatchObject({
      'content-type': 'application/octet-stream',
      'x-amz-log-type': 'Tail',
      'x-amz-client-context': CLIENT_CONTEXT,
      'x-amz-content-sha256': sha256(payload),
      'amz-sdk-request': 'attempt=1; max=3',
    });
    expect(sent?.headers['x-amz-invocation-type']).toBeUndefined();
    expect(sent?.headers['amz-sdk-invocation-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent?.signed).toEqual([
      'amz-sdk-invocation-id',
      'amz-sdk-request',
      'content-length',
      'content-type',
      'host',
      'x-amz-client-context',
      'x-amz-content-sha256',
      'x-amz-date',
      'x-amz-log-type',
      'x-amz-user-agent',
    ]);
    lambda.destroy();
  });

  it('Event to an ARN with a qualifier, and $LATEST as Qualifier: percent-encoded; an empty payload has length 0', async () => {
    const lambda = new LambdaClient({ endpoint: url, region: 'us-east-1', credentials, maxAttempts: 1 });

    await lambda.send(new InvokeCommand({ FunctionName: ARN, InvocationType: 'Event', Payload: Buffer.from('{}') }));
    await lambda.send(new InvokeCommand({ FunctionName: 'my-func', Qualifier: '$LATEST' }));

    expect(requests[0]?.url).toBe(`/2015-03-31/functions/${ENCODED_ARN}/invocations`);
    expect(requests[0]?.headers['x-amz-invocation-type']).toBe('Event');
    expect(requests[1]?.url).toBe('/2015-03-31/functions/my-func/invocations?Qualifier=%24LATEST');
    expect(requests[1]?.headers['content-length']).toBe('0');
    lambda.destroy();
  });

  it('sends no Expect: 100-continue, even for a 3 MiB payload', async () => {
    const lambda = new LambdaClient({ endpoint: url, region: 'us-east-1', credentials, maxAttempts: 1 });

    await lambda.send(
      new InvokeCommand({ FunctionName: 'my-func', Payload: Buffer.from(JSON.stringify('x'.repeat(3 * 1024 * 1024))) }),
    );

    expect(requests[0]?.headers.expect).toBeUndefined();
    expect(requests[0]?.body.length).toBeGreaterThan(3 * 1024 * 1024);
    lambda.destroy();
  });
});

describe.skipIf(!hasAwsCli)('Invoke: what the AWS CLI v2 sends', () => {
  const aws = (...args: string[]) =>
    runCommand(AWS_CLI, [...args, '--endpoint-url', url, '--output', 'json'], clientEnv(home));

  it('no content type, no payload hash, no SDK headers; signs host, x-amz-date and the x-amz-* headers it sends', async () => {
    const out = path.join(home, 'cli.json');

    const sync = await aws(
      'lambda',
      'invoke',
      '--function-name',
      'my-func',
      '--cli-binary-format',
      'raw-in-base64-out',
      '--payload',
      '{"a":1}',
      '--log-type',
      'Tail',
      '--client-context',
      CLIENT_CONTEXT,
      out,
    );
    const event = await aws(
      'lambda',
      'invoke',
      '--function-name',
      'my-func',
      '--qualifier',
      'v1',
      '--invocation-type',
      'Event',
      out,
    );

    expect([sync.code, event.code]).toEqual([0, 0]);
    const [first, second] = requests;
    expect(first).toMatchObject({ url: '/2015-03-31/functions/my-func/invocations', body: Buffer.from('{"a":1}') });
    for (const name of ['content-type', 'x-amz-content-sha256', 'x-amz-invocation-type', 'amz-sdk-invocation-id']) {
      expect(first?.headers[name], name).toBeUndefined();
    }
    expect(first?.signed).toEqual(['host', 'x-amz-client-context', 'x-amz-date', 'x-amz-log-type']);
    expect(second?.url).toBe('/2015-03-31/functions/my-func/invocations?Qualifier=v1');
    expect(second?.signed).toEqual(['host', 'x-amz-date', 'x-amz-invocation-type']);
  });
});

const BOTO3_INVOKES = `
import base64, sys
import boto3
from botocore.config import Config
client = boto3.client('lambda', endpoint_url=sys.argv[1], config=Config(retries={'max_attempts': 0}))
client.invoke(FunctionName='my-func', Payload=b'{"a":1}', LogType='Tail', ClientContext=sys.argv[2])
client.invoke(FunctionName=sys.argv[3], InvocationType='Event', Payload=b'{}')
`;

describe.skipIf(!hasPython)('Invoke: what boto3 sends', () => {
  it('no content type, no payload hash; SDK headers sent but not signed; ARNs percent-encoded', async () => {
    const result = await runCommand(PYTHON, ['-c', BOTO3_INVOKES, url, CLIENT_CONTEXT, ARN], clientEnv(home));

    expect(result.stderr).toBe('');
    const [first, second] = requests;
    expect(first?.url).toBe('/2015-03-31/functions/my-func/invocations');
    for (const name of ['content-type', 'x-amz-content-sha256', 'x-amz-invocation-type']) {
      expect(first?.headers[name], name).toBeUndefined();
    }
    expect(first?.headers['amz-sdk-invocation-id']).toBeDefined();
    expect(first?.signed).toEqual(['host', 'x-amz-client-context', 'x-amz-date', 'x-amz-log-type']);
    expect(second?.url).toBe(`/2015-03-31/functions/${ENCODED_ARN}/invocations`);
    expect(second?.signed).toEqual(['host', 'x-amz-date', 'x-amz-invocation-type']);
  });
});

describe('Invoke: how the SDK v3 reads answers', () => {
  const cases: [string, Answer, Record<string, unknown>][] = [
    [
      'x-amzn-ErrorType names the class (text after ":" dropped); the message may be "Message"',
      json(
        404,
        { Type: 'User', Message: 'Function not found: x' },
        { 'x-amzn-errortype': 'ResourceNotFoundException:http://internal/' },
      ),
      { name: 'ResourceNotFoundException', message: 'Function not found: x', $metadata: { httpStatusCode: 404 } },
    ],
    [
      'without the header, the body\'s __type (namespace dropped) and "message"',
      json(400, { __type: 'com.amazonaws.lambda#InvalidParameterValueException', message: 'bad' }),
      { name: 'InvalidParameterValueException', message: 'bad' },
    ],
    ['then the body\'s "code"', json(400, { code: 'SomeCode', message: 'm' }), { name: 'SomeCode' }],
    ['none of them: Unknown', json(400, { message: 'm' }), { name: 'Unknown', message: 'm' }],
    [
      'a 429 keeps Reason and retryAfterSeconds from the body',
      json(
        429,
        {
          Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded',
          Type: 'User',
          message: 'Rate Exceeded.',
          retryAfterSeconds: 1,
        },
        { 'x-amzn-errortype': 'TooManyRequestsException' },
      ),
      {
        name: 'TooManyRequestsException',
        Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded',
        retryAfterSeconds: 1,
      },
    ],
  ];
  it.each(cases)('%s', async (_label, given, thrown) => {
    const lambda = new LambdaClient({ endpoint: url, region: 'us-east-1', credentials, maxAttempts: 1 });
    answer = given;

    await expect(lambda.send(new InvokeCommand({ FunctionName: 'f' }))).rejects.toMatchObject(thrown);
    lambda.destroy();
  });

  it('a 200 with X-Amz-Function-Error does not throw: FunctionError, ExecutedVersion and the error as Payload', async () => {
    const lambda = new LambdaClient({ endpoint: url, region: 'us-east-1', credentials, maxAttempts: 1 });
    answer = json(
      200,
      { errorType: 'TypeError', errorMessage: 'boom' },
      { 'x-amz-function-error': 'Unhandled', 'x-amz-executed-version': '$LATEST' },
    );

    const out = await lambda.send(new InvokeCommand({ FunctionName: 'f' }));

    expect(out).toMatchObject({ StatusCode: 200, FunctionError: 'Unhandled', ExecutedVersion: '$LATEST' });
    expect(JSON.parse(Buffer.from(out.Payload ?? []).toString('utf8'))).toEqual({
      errorType: 'TypeError',
      errorMessage: 'boom',
    });
    lambda.destroy();
  });

  it('by default retries 429 and 5xx (3 attempts, one invocation id), not 400, 404 or 413', async () => {
    const lambda = new LambdaClient({ endpoint: url, region: 'us-east-1', credentials });
    const attempts = async (given: Answer): Promise<string[]> => {
      answer = given;
      requests = [];
      await lambda.send(new InvokeCommand({ FunctionName: 'f' })).catch(() => undefined);
      expect(new Set(requests.map((r) => r.headers['amz-sdk-invocation-id'])).size).toBe(1);
      return requests.map((r) => String(r.headers['amz-sdk-request']));
    };
    const error = (status: number, type: string) => json(status, { message: 'm' }, { 'x-amzn-errortype': type });

    expect(await attempts(error(429, 'TooManyRequestsException'))).toEqual([
      'attempt=1; max=3',
      'attempt=2; max=3',
      'attempt=3; max=3',
    ]);
    expect(await attempts(error(500, 'ServiceException'))).toHaveLength(3);
    expect(await attempts(error(400, 'InvalidRequestContentException'))).toHaveLength(1);
    expect(await attempts(error(404, 'ResourceNotFoundException'))).toHaveLength(1);
    expect(await attempts(error(413, 'RequestTooLargeException'))).toHaveLength(1);
    lambda.destroy();
  });
});

const BOTO3_SSM = `
import sys
import boto3
from botocore.config import Config
client = boto3.client('ssm', endpoint_url=sys.argv[1], config=Config(retries={'max_attempts': 0}))
try:
    client.get_parameter(Name='/a/b')
except client.exceptions.ClientError as e:
    print(e.response['Error']['Code'])
`;

describe('SSM (JSON 1.1): what each client sends, and a ParameterNotFound answer read back', () => {
  const notFound = json(400, { __type: 'ParameterNotFound', message: 'Parameter /a/b not found.' });
  const expectSsmRequest = (sent: Recorded | undefined): void => {
    expect(sent).toMatchObject({ method: 'POST', url: '/' });
    expect(sent?.headers).toMatchObject({
      'x-amz-target': 'AmazonSSM.GetParameter',
      'content-type': 'application/x-amz-json-1.1',
    });
    expect(sent?.headers.authorization).toMatch(/\/us-east-1\/ssm\/aws4_request/);
    expect(sent?.signed).toEqual(expect.arrayContaining(['content-type', 'host', 'x-amz-date', 'x-amz-target']));
    expect(JSON.parse(sent?.body.toString('utf8') ?? '')).toMatchObject({ Name: '/a/b' });
  };

  it('SDK v3', async () => {
    const ssm = new SSMClient({ endpoint: url, region: 'us-east-1', credentials, maxAttempts: 1 });
    answer = notFound;

    await expect(ssm.send(new GetParameterCommand({ Name: '/a/b' }))).rejects.toMatchObject({
      name: 'ParameterNotFound',
      message: 'Parameter /a/b not found.',
    });
    expectSsmRequest(requests[0]);
    ssm.destroy();
  });

  it('SDK v3: an error with an empty message reads as "UnknownError"', async () => {
    const ssm = new SSMClient({ endpoint: url, region: 'us-east-1', credentials, maxAttempts: 1 });
    answer = json(400, { __type: 'ParameterNotFound', message: '' });

    await expect(ssm.send(new GetParameterCommand({ Name: '/a/b' }))).rejects.toMatchObject({
      name: 'ParameterNotFound',
      message: 'UnknownError',
    });
    ssm.destroy();
  });

  it.skipIf(!hasAwsCli)('AWS CLI v2 (exit 254, the code in its message)', async () => {
    answer = notFound;

    const result = await runCommand(
      AWS_CLI,
      ['ssm', 'get-parameter', '--name', '/a/b', '--endpoint-url', url],
      clientEnv(home),
    );

    expect(result.code).toBe(254);
    expect(result.stderr).toContain('An error occurred (ParameterNotFound) when calling the GetParameter operation');
    expectSsmRequest(requests[0]);
    expect(requests[0]?.signed).toEqual(['content-type', 'host', 'x-amz-date', 'x-amz-target']);
  });

  it.skipIf(!hasPython)('boto3', async () => {
    answer = notFound;

    const result = await runCommand(PYTHON, ['-c', BOTO3_SSM, url], clientEnv(home));

    expect(result.stdout.trim()).toBe('ParameterNotFound');
    expectSsmRequest(requests[0]);
    expect(requests[0]?.signed).toEqual(['content-type', 'host', 'x-amz-date', 'x-amz-target']);
  });
});
