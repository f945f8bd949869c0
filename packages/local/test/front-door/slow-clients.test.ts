/**
 * Slow, huge and vanishing clients at the front door, with raw sockets against a runtime in a real child process.
 * Before: `requestTimeout` 0 kept half-sent requests open for ever (200 were still open after 95 s), oversized headers
 * got a plain 400, and every client that hung up mid-body was logged as an "unexpected error" with a stack.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../../../test-support/async.js';
import { signedFetch, signedHeaders } from '../http/support/signed-fetch.js';
import { type RawConnection, rawConnect } from '../support/raw-socket.js';
import { ROBUST_SERVICE, type RuntimeProcess, startRuntimeProcess } from '../support/runtime-process.js';

const INVOKE = '/2015-03-31/functions/dev-robust-echo-';
const LAMBDA = { accessKeyId: 'test', secretAccessKey: 'test', service: 'lambda' };

function port(runtime: RuntimeProcess): number {
  return Number(new URL(runtime.url).port);
}

async function deployedName(runtime: RuntimeProcess, fn: string): Promise<string> {
  const res = await signedFetch(`${runtime.url}/2015-03-31/functions/`, { method: 'GET' }, LAMBDA);
  const { Functions } = (await res.json()) as { Functions: { FunctionName: string }[] };
  return Functions.find((f) => f.FunctionName.startsWith(`dev-robust-${fn}-`))!.FunctionName;
}

async function invoke(runtime: RuntimeProcess, fn: string, payload: string): Promise<{ status: number; body: string }> {
  const url = `${runtime.url}/2015-03-31/functions/${await deployedName(runtime, fn)}/invocations`;
  const res = await signedFetch(url, { method: 'POST', body: payload }, LAMBDA);
  return { status: res.status, body: await res.text() };
}

describe('time-outs (1 s for headers, 2 s for the whole request)', () => {
  let runtime: RuntimeProcess;
  beforeAll(async () => {
    runtime = await startRuntimeProcess({
      dirs: [ROBUST_SERVICE],
      ephemeral: true,
      headersTimeoutMs: 1000,
      requestTimeoutMs: 2000,
    });
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  it('answers 408 and closes requests whose headers or body never finish, then serves on', async () => {
    const started = Date.now();
    const connections: RawConnection[] = [];
    for (let i = 0; i < 20; i++) {
      connections.push(await rawConnect(port(runtime), `POST ${INVOKE}x/invocations HTTP/1.1\r\nhost: 127.0.0.1\r\n`));
      connections.push(
        await rawConnect(
          port(runtime),
          `POST ${INVOKE}x/invocations HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-length: 1000\r\n\r\n{"partial":`,
        ),
      );
    }

    const answers = await Promise.all(connections.map((connection) => connection.closed));
    const elapsed = Date.now() - started;
    const after = await invoke(runtime, 'echo', '{"still":"here"}');

    expect(answers.map((answer) => answer.split('\r\n')[0])).toEqual(answers.map(() => 'HTTP/1.1 408 Request Timeout'));
    expect(elapsed).toBeLessThan(10_000);
    expect(after).toEqual({ status: 200, body: '{"echo":{"still":"here"}}' });
    expect(runtime.alive()).toBe(true);
    expect(runtime.stderr()).not.toMatch(/unexpected error/);
  });
});

describe('the default time-outs and limits', () => {
  let runtime: RuntimeProcess;
  beforeAll(async () => {
    runtime = await startRuntimeProcess({ dirs: [ROBUST_SERVICE], ephemeral: true });
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  it('closes a request whose headers never finish with 408 after the default 10 s', async () => {
    const started = Date.now();
    const connection = await rawConnect(port(runtime), 'GET /2015-03-31/functions/ HTTP/1.1\r\nhost: x\r\n');

    const answer = await connection.closed;

    expect(answer).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(9_000);
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 30_000);

  it('answers 431 to headers over 16 KB and closes the connection, then serves on', async () => {
    const connection = await rawConnect(
      port(runtime),
      `GET /2015-03-31/functions/ HTTP/1.1\r\nhost: x\r\nx-big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );

    const answer = await connection.closed;
    const after = await signedFetch(`${runtime.url}/2015-03-31/functions/`, { method: 'GET' }, LAMBDA);

    expect(answer).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
    expect(after.status).toBe(200);
  });

  it('lets a slow but steady 6 MB upload through (about 4 s, 64 KB at a time)', async () => {
    const payload = Buffer.from(JSON.stringify({ data: 'x'.repeat(6_291_456 - 20) }));
    expect(payload.length).toBeLessThanOrEqual(6_291_456);
    const name = await deployedName(runtime, 'size');
    const path = `/2015-03-31/functions/${name}/invocations`;
    const headers = await signedHeaders(`${runtime.url}${path}`, { method: 'POST', body: payload }, LAMBDA);

    const result = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: port(runtime),
          method: 'POST',
          path,
          headers: { ...headers, 'content-length': payload.length },
        },
        (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => {
            body += chunk.toString();
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      let offset = 0;
      const chunk = 64 * 1024;
      const timer = setInterval(() => {
        req.write(payload.subarray(offset, offset + chunk));
        offset += chunk;
        if (offset >= payload.length) {
          clearInterval(timer);
          req.end();
        }
      }, 40);
    });

    expect(result).toEqual({ status: 200, body: JSON.stringify({ bytes: payload.length }) });
  }, 30_000);
});

describe('clients that hang up in the middle of a body', () => {
  const partial = (path: string, headers: string) =>
    `POST ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-length: 1000\r\n${headers}\r\n{"partial":`;
  const requests = [
    partial(`${INVOKE}x/invocations`, ''),
    partial('/', 'x-amz-target: AmazonSSM.GetParameter\r\ncontent-type: application/x-amz-json-1.1\r\n'),
    partial('/', 'x-amz-target: DynamoDB_20120810.ListTables\r\ncontent-type: application/x-amz-json-1.0\r\n'),
    partial('/lambda-url/dev-robust-web-000000/', ''),
  ];

  async function hangUps(runtime: RuntimeProcess): Promise<void> {
    const web = await deployedName(runtime, 'web');
    for (const bytes of requests) {
      const connection = await rawConnect(port(runtime), bytes.replace('dev-robust-web-000000', web));
      connection.socket.destroy();
      await connection.closed;
    }
  }

  it('logs nothing by default and keeps serving', async () => {
    const runtime = await startRuntimeProcess({ dirs: [ROBUST_SERVICE], ephemeral: true });
    try {
      // what the start said (the in-memory event queue's line): the hang-ups must add nothing to it
      const atStart = runtime.stderr();
      await hangUps(runtime);
      const after = await invoke(runtime, 'echo', '{}');

      expect(after.status).toBe(200);
      expect(runtime.stderr()).toBe(atStart);
    } finally {
      await runtime.stop();
    }
  });

  it('writes one debug line per hang-up when debug lines are on, never an "unexpected error"', async () => {
    const runtime = await startRuntimeProcess({ dirs: [ROBUST_SERVICE], ephemeral: true, debug: true });
    try {
      await hangUps(runtime);

      await waitFor(() => (runtime.stderr().match(/^debug: .*client went away/gm)?.length ?? 0) >= requests.length, {
        what: 'a debug line per hang-up',
      });
      expect(runtime.stderr()).not.toMatch(/unexpected error|\n\s+at /);
    } finally {
      await runtime.stop();
    }
  });
});
