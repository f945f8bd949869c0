/**
 * The Node bootstrap's Runtime API client reads bodies by `Content-Length` only (our Runtime API server always sends
 * it). A server that answers chunked must make the bootstrap stop with a message naming the reason, not misread the
 * stream. Runs the real compiled bootstrap against a plain node:http server.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { NODE_BOOTSTRAP } from '../../../src/lambda/environments/index.js';
import { SERVICE_DIR } from '../environments/helpers.js';

describe('the bootstrap reads Runtime API replies by Content-Length', () => {
  const servers: http.Server[] = [];
  afterEach(() => {
    for (const server of servers.splice(0)) server.close();
  });

  /** Runs the bootstrap against `handle`; resolves with its exit code and stderr once it has ended. */
  async function runAgainst(
    handle: (req: http.IncomingMessage, res: http.ServerResponse) => void,
  ): Promise<{ code: number | null; stderr: string }> {
    const server = http.createServer(handle);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const child = spawn(process.execPath, [NODE_BOOTSTRAP], {
      cwd: SERVICE_DIR,
      env: {
        PATH: process.env.PATH ?? '',
        AWS_LAMBDA_RUNTIME_API: `127.0.0.1:${port}`,
        LAMBDA_TASK_ROOT: SERVICE_DIR,
        _HANDLER: 'src/cjs-handler.handler',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    return { code, stderr };
  }

  it('a chunked reply (no Content-Length) ends the bootstrap with a message naming Transfer-Encoding', async () => {
    const paths: string[] = [];
    const { code, stderr } = await runAgainst((req, res) => {
      paths.push(`${req.method} ${req.url}`);
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json', 'lambda-runtime-aws-request-id': 'r-1' });
      res.write('{"a":'); // node:http sends chunked when no Content-Length is set
      res.end('1}');
    });

    expect(paths).toEqual(['GET /2018-06-01/runtime/invocation/next']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/lost the Runtime API .*Transfer-Encoding: chunked/);
  });
});
