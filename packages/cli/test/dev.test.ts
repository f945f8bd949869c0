import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alive, descendants, type Running, run, start } from './helpers.js';

/** A small service: one echo function (with a Function URL) that logs, and can fail on demand; one seeded table. */
function writeService(dir: string): void {
  mkdirSync(path.join(dir, 'src'), { recursive: true });
  mkdirSync(path.join(dir, 'data'), { recursive: true });
  writeFileSync(
    path.join(dir, 'src/handler.mjs'),
    `export const handler = async (event) => {
  console.log('got', JSON.stringify(event));
  if (event.fail) throw new TypeError('asked to fail');
  return { echo: event };
};
`,
  );
  writeFileSync(path.join(dir, 'data/items.json'), JSON.stringify([{ id: '1' }]));
  writeFileSync(
    path.join(dir, 'lambdaport.config.json'),
    JSON.stringify({
      service: 'clitest',
      functions: { echo: { handler: 'src/handler.mjs#handler', url: { authType: 'NONE' } } },
      tables: { items: { partitionKey: { name: 'id', type: 'S' }, seed: 'data/items.json' } },
    }),
  );
}

describe('lambdaport dev + invoke (real processes)', () => {
  let work: string;
  let dev: Running;
  let url: string;

  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'lambdaport-cli-dev-'));
    writeService(work);
    dev = start(['dev', '--dir', work, '--port', '0', '--ephemeral', '--no-watch']);
    url = (await dev.waitFor(/lambdaport dev\s+(http:\/\/127\.0\.0\.1:\d+)/))[1]!;
  });

  afterAll(async () => {
    if (dev.child.exitCode === null && dev.child.signalCode === null) {
      dev.child.kill('SIGKILL');
      await dev.exited;
    }
    rmSync(work, { recursive: true, force: true });
  });

  it('prints a banner with the endpoint, deployed names, the Function URL, tables and commands', () => {
    const banner = dev.stdout();

    expect(banner).toMatch(/clitest\.echo\s+dev-clitest-echo-[0-9a-f]{6}/);
    expect(banner).toMatch(new RegExp(`url ${url}/lambda-url/dev-clitest-echo-[0-9a-f]{6}/`));
    expect(banner).toMatch(/clitest\.items\s+dev-clitest-items/);
    expect(banner).toContain(`export AWS_ENDPOINT_URL=${url}`);
    expect(banner).toContain(`aws lambda invoke --endpoint-url ${url} --function-name dev-clitest-echo-`);
    expect(banner).toContain(`curl '${url}/lambda-url/dev-clitest-echo-`);
  });

  it('invokes by friendly name and prints the result as pretty JSON; function logs stream from dev', async () => {
    const result = await run(['invoke', 'clitest.echo', '--payload', '{"a":1}', '--endpoint', url]);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ echo: { a: 1 } });
    expect(result.stdout).toContain('\n  "echo"');
    await dev.waitFor(/\[clitest\.echo\] .*got \{"a":1\}/);
  });

  it('prints the decoded log tail with --log, and honours AWS_ENDPOINT_URL', async () => {
    const result = await run(['invoke', 'echo', '--log'], { env: { AWS_ENDPOINT_URL: url } });

    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/START RequestId: \S+ Version: \$LATEST/);
    expect(result.stderr).toMatch(/REPORT RequestId: /);
    expect(JSON.parse(result.stdout)).toEqual({ echo: {} });
  });

  it('prints a function error with its type and message and exits 1', async () => {
    const result = await run(['invoke', 'clitest.echo', '--payload', '{"fail":true}', '--endpoint', url]);

    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /function error \(Unhandled\) in dev-clitest-echo-[0-9a-f]{6}: TypeError: asked to fail/,
    );
  });

  it('names the known functions when the name matches none, and reports a 404 for an unknown deployed name', async () => {
    const friendly = await run(['invoke', 'clitest.nope', '--endpoint', url]);
    const deployed = await run(['invoke', 'dev-clitest-nope-abcdef:1', '--endpoint', url]);

    expect(friendly.code).toBe(1);
    expect(friendly.stderr).toMatch(
      /no function clitest\.nope here; known functions: clitest\.echo \(dev-clitest-echo-[0-9a-f]{6}\)/,
    );
    expect(deployed.code).toBe(1);
    expect(deployed.stderr).toContain('ResourceNotFoundException (404)');
  });

  it('queues an Event invocation with --event', async () => {
    const result = await run(['invoke', 'clitest.echo', '--event', '--payload', '{"async":true}', '--endpoint', url]);

    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/queued dev-clitest-echo-[0-9a-f]{6} \(status 202/);
  });

  it('refuses a port already in use with a clear message and exit 1', async () => {
    const port = new URL(url).port;

    const second = await run(['dev', '--dir', work, '--port', port, '--ephemeral', '--no-watch']);

    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
  });

  it('stops everything on SIGTERM and exits 0, leaving no process behind', async () => {
    const children = descendants(dev.child.pid!);
    expect(children.length).toBeGreaterThan(0); // the warm execution environment(s)

    dev.child.kill('SIGTERM');
    const exit = await dev.exited;

    expect(exit).toEqual({ code: 0, signal: null });
    expect(children.filter(alive)).toEqual([]);
  });
});

describe('lambdaport dev and Ctrl-C', () => {
  it('stops on SIGINT, exits 0 and keeps state in the state folder', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'lambdaport-cli-sigint-'));
    try {
      writeService(work);
      const state = path.join(work, 'state');
      const dev = start(['dev', '--dir', work, '--port', '0', '--state', state, '--no-watch']);
      await dev.waitFor(/Ctrl-C stops everything/);

      dev.child.kill('SIGINT');
      const exit = await dev.exited;

      expect(exit).toEqual({ code: 0, signal: null });
      expect(dev.stderr()).toContain('SIGINT: stopping...');
      expect(readdirSync(state).sort()).toEqual(['dynamodb', 'events', 'ssm.json']);
      expect(readdirSync(path.join(state, 'events'))).toEqual(['queue.log']);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
