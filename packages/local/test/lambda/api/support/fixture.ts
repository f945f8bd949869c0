/**
 * The front door over a few test functions, with an in-process invoker.
 */
import { LambdaClient } from '@aws-sdk/client-lambda';
import { type FrontDoor, startFrontDoor } from '../../../../src/server.js';
import { InProcessInvoker, type TestContext, testFunction } from './in-process-invoker.js';

function contextView(context: TestContext) {
  return {
    functionName: context.functionName,
    functionVersion: context.functionVersion,
    invokedFunctionArn: context.invokedFunctionArn,
    clientContext: context.clientContext,
  };
}

export const functions = {
  echo: testFunction('echo'),
  fail: testFunction('fail'),
  logs: testFunction('logs'),
  throttled: testFunction('throttled', { handler: 'echo', reservedConcurrency: 0 }),
  versioned: testFunction('versioned', {
    handler: 'v2',
    versions: { '1': 'v1', '2': 'v2' },
    aliases: { v1: '1', v2: '2' },
  }),
  web: testFunction('web', { url: 'NONE' }),
  secure: testFunction('secure', { handler: 'web', url: 'AWS_IAM' }),
};

export const handlers = {
  echo: (event: unknown, context: TestContext) => ({ event, context: contextView(context) }),
  fail: () => {
    throw new TypeError('boom');
  },
  logs: (_event: unknown, context: TestContext) => {
    for (let i = 0; i < 200; i++) context.log(`line ${i} ${'x'.repeat(40)}`);
    return 'done';
  },
  v1: (_event: unknown, context: TestContext) => ({ api: 1, version: context.functionVersion }),
  v2: (_event: unknown, context: TestContext) => ({ api: 2, version: context.functionVersion }),
  web: (event: unknown) => {
    const rawPath = (event as { rawPath: string }).rawPath;
    if (rawPath === '/string') return 'hello';
    if (rawPath === '/fail') throw new Error('web failure');
    if (rawPath === '/status') {
      return { statusCode: 201, headers: { 'x-a': 'b' }, cookies: ['a=1; Path=/', 'b=2'], body: 'created' };
    }
    if (rawPath === '/bad-header-name') return { statusCode: 200, headers: { 'bad header': 'x' }, body: 'no' };
    if (rawPath === '/bad-header-value') return { statusCode: 200, headers: { 'x-ok': 'a\r\nb' }, body: 'no' };
    if (rawPath === '/bad-cookie') return { statusCode: 200, cookies: ['a=1\r\nx-injected: 1'], body: 'no' };
    if (rawPath === '/binary') {
      return {
        statusCode: 200,
        headers: { 'content-type': 'application/octet-stream' },
        body: Buffer.from([0, 1, 2, 255]).toString('base64'),
        isBase64Encoded: true,
      };
    }
    return event;
  },
};

export interface Fixture {
  readonly door: FrontDoor;
  readonly invoker: InProcessInvoker;
  readonly lambda: LambdaClient;
  readonly logs: string[];
  close(): Promise<void>;
}

/** Starts the front door over {@link functions}; `lambda` is an SDK client with retries off. */
export async function startFixture(): Promise<Fixture> {
  const invoker = new InProcessInvoker(handlers);
  const logs: string[] = [];
  const door = await startFrontDoor({
    functions: Object.values(functions),
    invoker,
    log: (line) => logs.push(line),
    asyncRetryDelaysMs: [10, 10],
  });
  const lambda = lambdaClient(door.url);
  return {
    door,
    invoker,
    lambda,
    logs,
    async close() {
      lambda.destroy();
      await door.close();
    },
  };
}

/** An SDK v3 Lambda client for the local endpoint; retries off so errors surface as they are. */
export function lambdaClient(endpoint: string, secretAccessKey = 'test', accessKeyId = 'test'): LambdaClient {
  return new LambdaClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId, secretAccessKey },
    maxAttempts: 1,
  });
}
