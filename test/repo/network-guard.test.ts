/**
 * The suite's network guard (test-setup/network-guard.cjs) fails closed on every usual way out of the machine, in
 * the test process and in the processes it starts, and leaves loopback alone.
 */
import { spawn } from 'node:child_process';
import dgram from 'node:dgram';
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import tls from 'node:tls';
import { fileURLToPath } from 'node:url';
import { LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createBuilder } from '../../packages/local/src/build/index.js';
import { createInvoker } from '../../packages/local/src/lambda/environments/index.js';
import type { LocalFunction } from '../../packages/local/src/lambda/types.js';
import { rejectionOf } from '../../test-support/async.js';

const GUARD = /^Network guard: tests may only reach loopback \(127\.0\.0\.1, ::1, localhost\), not /;
const guarded = (target: string) => new RegExp(`${GUARD.source}${target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/** The error a socket (or request) ends with; fails the test if it connects or answers. */
function socketError(socket: net.Socket | http.ClientRequest | dgram.Socket): Promise<Error> {
  return new Promise((resolve, reject) => {
    socket.on('error', resolve);
    socket.on('connect', () => reject(new Error('connected')));
    socket.on('response', () => reject(new Error('answered')));
  });
}

/** The message a failed `fetch` or SDK call ends with (fetch puts the socket's error in `cause`). */
async function failureOf(promise: Promise<unknown>): Promise<string> {
  const error = (await rejectionOf(promise)) as Error & { cause?: Error };
  return error.cause?.message ?? error.message;
}

describe('the network guard: nothing leaves the machine', () => {
  it('net.connect, in each of its call forms', async () => {
    expect((await socketError(net.connect({ host: '192.0.2.1', port: 80 }))).message).toMatch(guarded('192.0.2.1:80'));
    expect((await socketError(net.connect(80, '192.0.2.1'))).message).toMatch(guarded('192.0.2.1:80'));
    expect((await socketError(new net.Socket().connect(443, 'example.com'))).message).toMatch(
      guarded('example.com:443'),
    );
  });

  it('tls.connect', async () => {
    const error = await socketError(tls.connect({ host: '192.0.2.1', port: 443 }));
    expect(error.message).toMatch(guarded('192.0.2.1:443'));
  });

  it('http.get and https.get', async () => {
    expect((await socketError(http.get('http://192.0.2.1/'))).message).toMatch(guarded('192.0.2.1:80'));
    expect((await socketError(https.get('https://example.com/'))).message).toMatch(guarded('example.com:443'));
  });

  it('fetch (undici), over http and https', async () => {
    expect(await failureOf(fetch('http://192.0.2.1/'))).toMatch(guarded('192.0.2.1:80'));
    expect(await failureOf(fetch('https://example.com/'))).toMatch(guarded('example.com:443'));
  });

  it('an AWS SDK client with an endpoint off the machine', async () => {
    const lambda = new LambdaClient({ endpoint: 'http://192.0.2.1', maxAttempts: 1 });
    expect(await failureOf(lambda.send(new ListFunctionsCommand({})))).toMatch(guarded('192.0.2.1:80'));
  });

  it('an AWS SDK client with no endpoint at all (the real service)', async () => {
    vi.stubEnv('AWS_ENDPOINT_URL', undefined);
    try {
      const ssm = new SSMClient({ region: 'us-east-1', maxAttempts: 1 });
      const failure = await failureOf(ssm.send(new GetParameterCommand({ Name: '/any' })));
      expect(failure).toMatch(guarded('ssm.us-east-1.amazonaws.com:443'));
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('a localhost name that a custom lookup resolves off the machine', async () => {
    const lookup: net.LookupFunction = (_host, options, callback) => {
      if (options.all) callback(null, [{ address: '192.0.2.1', family: 4 }]);
      else callback(null, '192.0.2.1', 4);
    };
    const error = await socketError(net.connect({ host: 'localhost', port: 80, lookup }));
    expect(error.message).toMatch(guarded('192.0.2.1:80 (localhost)'));
  });

  it('DNS: lookups of other names than localhost, and every query to a DNS server', async () => {
    expect(await failureOf(dns.promises.lookup('example.com'))).toMatch(guarded('a lookup of example.com'));
    const viaCallback = await new Promise<Error | null>((resolve) =>
      dns.lookup('example.com', (error) => resolve(error)),
    );
    expect(viaCallback?.message).toMatch(guarded('a lookup of example.com'));
    expect(await failureOf(dns.promises.resolve4('example.com'))).toMatch(guarded('a DNS query for example.com'));
    expect(await failureOf(new dns.promises.Resolver().resolveTxt('example.com'))).toMatch(GUARD);
  });

  it('UDP sends', () => {
    const socket = dgram.createSocket('udp4');
    try {
      expect(() => socket.send('x', 2000, '192.0.2.1')).toThrow(guarded('udp 192.0.2.1:2000'));
    } finally {
      socket.close();
    }
  });
});

describe('the network guard: loopback still works', () => {
  let server: http.Server;
  let port: number;
  beforeAll(async () => {
    server = http.createServer((_req, res) => res.end('here'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('fetch, http.get and net.connect to 127.0.0.1 and localhost', async () => {
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('here');
    expect(await (await fetch(`http://localhost:${port}/`)).text()).toBe('here');
    const status = await new Promise((resolve, reject) =>
      http.get(`http://localhost:${port}/`, (res) => resolve(res.resume().statusCode)).on('error', reject),
    );
    expect(status).toBe(200);
    const socket = net.connect(port, '127.0.0.1');
    await new Promise((resolve, reject) => socket.on('connect', resolve).on('error', reject));
    socket.destroy();
  });

  it('DNS lookup of localhost', async () => {
    expect((await dns.promises.lookup('localhost', { family: 4 })).address).toBe('127.0.0.1');
  });
});

describe('the network guard in the processes tests start', () => {
  /** Runs `code` in a Node child given only PATH (and `NODE_OPTIONS` when set): its stdout. */
  function node(code: string, env: Record<string, string> = {}): Promise<string> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['-e', code], { env: { PATH: process.env.PATH ?? '', ...env } });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
      });
      child.on('error', reject);
      child.on('close', () => resolve(out));
    });
  }

  it('a Node child given its own environment is guarded, and sees its NODE_OPTIONS as given', async () => {
    const out = await node(
      `console.log(process.env.NODE_OPTIONS);
       fetch('http://192.0.2.1/').catch((error) => console.log(error.cause.message));`,
      { NODE_OPTIONS: '--no-warnings' },
    );
    const [options, failure] = out.trim().split('\n');
    expect(options).toBe('--no-warnings');
    expect(failure).toMatch(guarded('192.0.2.1:80'));
  });

  it("a child's child is guarded too", async () => {
    const out = await node(
      `require('node:child_process').spawn(process.execPath, ['-e',
         "require('node:net').connect(80, '192.0.2.1').on('error', (e) => console.log(e.message))"],
       { env: {}, stdio: 'inherit' });`,
    );
    expect(out.trim()).toMatch(guarded('192.0.2.1:80'));
  });
});

describe('the network guard in execution environments of the local runtime', () => {
  const dir = fileURLToPath(new URL('./fixtures/reaches-out/', import.meta.url));
  const deployedName = 'test-guard-reachesOut-abc123';
  const version = { version: '$LATEST', runtime: 'nodejs', handler: 'handler.ts#handler', environment: {} } as const;
  const fn: LocalFunction = {
    name: 'reachesOut',
    service: 'guard',
    stage: 'test',
    region: 'us-east-1',
    accountId: '000000000000',
    deployedName,
    arn: `arn:aws:lambda:us-east-1:000000000000:function:${deployedName}`,
    aliasArn: `arn:aws:lambda:us-east-1:000000000000:function:${deployedName}:v1`,
    major: 1,
    current: true,
    dir,
    configFile: `${dir}lambdaport.config.json`,
    lambdaRuntime: 'nodejs22.x',
    runtimeSetting: 'nodejs',
    calls: [],
    async: undefined,
    tables: [],
    contract: undefined,
    publishes: [],
    subscriptions: [],
    queue: undefined,
    timeoutSeconds: 20,
    memorySize: 256,
    reservedConcurrency: undefined,
    url: undefined,
    description: '',
    versions: new Map([['$LATEST', { ...version, description: '' }]]),
    aliases: new Map(),
  };
  const builder = createBuilder();
  // no `env`: no AWS_ENDPOINT_URL is given to the function, so an SDK client's default is the real service
  const invoker = createInvoker({ builder });
  afterAll(async () => {
    await invoker.stop();
    await builder.stop();
  });

  it('a function that tries to reach 192.0.2.1 or the real AWS endpoints fails with the guard', async () => {
    const result = await invoker.invoke(fn, '$LATEST', {
      requestId: 'b5a2a4a4-0000-4000-8000-000000000001',
      payload: Buffer.from('{}'),
      clientContext: undefined,
      invokedFunctionArn: fn.arn,
      tail: false,
    });
    expect(result.functionError).toBeUndefined();
    expect(JSON.parse(result.payload.toString('utf8'))).toEqual({
      endpointVariable: null,
      netConnect: expect.stringMatching(guarded('192.0.2.1:80')),
      httpGet: expect.stringMatching(guarded('192.0.2.1:80')),
      fetch: expect.stringMatching(guarded('192.0.2.1:80')),
      lambdaDefault: expect.stringMatching(guarded('lambda.us-east-1.amazonaws.com:443')),
      ssmDefault: expect.stringMatching(guarded('ssm.us-east-1.amazonaws.com:443')),
    });
  });
});
