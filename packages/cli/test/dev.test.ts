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
    dev = start(['dev', '--dir', work, '--port', '0', '--ephemeral', '--no-watch', '--max-memory', '1024']);
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

    expect(banner).toContain(`environments: Node ${process.versions.node} · memory budget 1,024 MB (--max-memory)`);
    expect(banner).toMatch(/clitest\.echo\s+dev-clitest-echo-[0-9a-f]{6}/);
    expect(banner).toMatch(new RegExp(`url ${url}/lambda-url/dev-clitest-echo-[0-9a-f]{6}/`));
    expect(banner).toMatch(/clitest\.items\s+dev-clitest-items/);
    expect(banner).toContain(`export AWS_ENDPOINT_URL=${url}`);
    // its only function has a Function URL: called with curl (an Invoke payload does not fit an HTTP handler)
    expect(banner).toContain(`curl '${url}/lambda-url/dev-clitest-echo-`);
    expect(banner).not.toContain('aws lambda invoke');
    expect(banner).toContain('(clitest.echo: {} is sent, it has no contract; add examples to its contract)');
    expect(banner).toContain(`Docs  ${url}/_lambdaport/docs/`);
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
      expect(readdirSync(state).sort()).toEqual(['dynamodb', 'ssm.json']);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

describe('lambdaport dev and a runtime whose Node is not installed', () => {
  it('names the function, its config file and key, says how to get that Node, exits 1 and starts nothing', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'lambdaport-cli-runtime-'));
    try {
      const runtime = process.versions.node.startsWith('24.') ? 'nodejs22.x' : 'nodejs24.x';
      const major = runtime.slice(6, 8);
      mkdirSync(path.join(work, 'src'));
      mkdirSync(path.join(work, 'cache'));
      writeFileSync(path.join(work, 'src/handler.mjs'), 'export const handler = async () => ({});\n');
      const configFile = path.join(work, 'lambdaport.config.json');
      writeFileSync(
        configFile,
        JSON.stringify({ service: 'clitest', functions: { echo: { handler: 'src/handler.mjs#handler', runtime } } }),
      );

      const result = await run(['dev', '--dir', work, '--port', '0', '--ephemeral', '--no-watch'], {
        env: { XDG_CACHE_HOME: path.join(work, 'cache'), [`LAMBDAPORT_NODE_${major}`]: '' },
      });

      expect(result.code).toBe(1);
      expect(result.stderr).toContain('Node runtime not available; nothing was started');
      expect(result.stderr).toContain(`functions.echo.runtime is '${runtime}' (in ${configFile}): Node ${major}`);
      expect(result.stderr).toContain(`run 'npx lambdaport runtime install ${runtime}'`);
      expect(result.stdout).not.toContain('lambdaport dev');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
