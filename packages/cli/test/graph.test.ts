/**
 * `lambdaport graph` as a real process: the examples (declared calls, every format), a cycle of three services
 * (explained; `--strict` exits 1), bad input (exit 2), and the calls a running `lambdaport dev` observed: the examples'
 * orders.create calling records.get and sending orders.record, and a fixture function calling another through the
 * typed client without declaring it (flagged).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../../test-support/async.js';
import { type Running, run, start } from './helpers.js';

const REPO = path.resolve(import.meta.dirname, '../../..');
const EXAMPLES = ['--dir', 'examples/records', '--dir', 'examples/orders', '--dir', 'examples/notifications'];
const FIXTURES = path.join(import.meta.dirname, 'fixtures/graph');

describe('lambdaport graph on the examples (declared calls)', () => {
  it('as JSON: the services, the calls, no flag', async () => {
    const { code, stdout, stderr } = await run(['graph', ...EXAMPLES, '--no-observed', '--format', 'json'], {
      cwd: REPO,
    });
    const graph = JSON.parse(stdout);

    expect(graph.services.map((s: { name: string }) => s.name)).toEqual(['records', 'orders', 'notifications']);
    expect(graph.edges.map((e: { id: string; kind: string }) => `${e.id} ${e.kind}`)).toEqual([
      'orders.create->records.get@v1 call',
      'orders.create->orders.record@v1 call',
    ]);
    expect(graph.eventEdges.map((e: { id: string; kind: string }) => `${e.id} ${e.kind}`)).toEqual([
      'orders.create->orders.OrderCreated publish',
      'orders.OrderCreated->notifications.notify subscribe',
    ]);
    expect(graph.flags).toEqual([]);
    expect(graph.problems).toEqual([]);
    expect(stderr).toBe('no flag (3 services, 2 calls, 1 event)\n');
    expect(code).toBe(0);
  });

  it.each([
    ['mermaid', /^flowchart LR\n {2}subgraph s0\["records"\]/],
    ['dot', /^digraph lambdaport \{\n/],
    [
      'svg',
      /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*>\n<title id="graph-title">Call graph: 3 services, 2 calls, 1 event, 0 flags<\/title>/,
    ],
  ])('as %s', async (format, shape) => {
    const { code, stdout } = await run(['graph', ...EXAMPLES, '--no-observed', '--format', format], { cwd: REPO });

    expect(stdout).toMatch(shape);
    expect(code).toBe(0);
  });
});

describe('lambdaport graph on fixtures', () => {
  let dir: string;

  beforeAll(() => {
    const parent = path.join(import.meta.dirname, '.tmp');
    mkdirSync(parent, { recursive: true });
    dir = mkdtempSync(path.join(parent, 'graph-'));
    const ring: [string, string][] = [
      ['a', 'b.f'],
      ['b', 'c.f'],
      ['c', 'a.f'],
    ];
    for (const [service, call] of ring) {
      mkdirSync(path.join(dir, service, 'src'), { recursive: true });
      writeFileSync(path.join(dir, service, 'src/handlers.mjs'), 'export const handler = async () => ({});\n');
      writeFileSync(
        path.join(dir, service, 'lambdaport.config.json'),
        JSON.stringify({ service, functions: { f: { handler: 'src/handlers.mjs#handler', calls: [call] } } }),
      );
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const ring = () => ['graph', '--dir', 'a', '--dir', 'b', '--dir', 'c', '--no-observed'];

  it('a cycle of three services is flagged and explained; the drawing carries it as comments', async () => {
    const { code, stdout, stderr } = await run(ring(), { cwd: dir });

    expect(stderr).toContain('FLAG cycle: a → b → c → a');
    expect(stderr).toContain('a distributed monolith');
    expect(stderr).toMatch(/contract not loaded, idempotency unknown: .*functions\.f\.contract/);
    expect(stderr).toMatch(/1 flag\n$/);
    expect(stdout).toMatch(/^%% FLAG cycle: a → b → c → a\n/);
    expect(code).toBe(0);
  });

  it('--strict: exit 1 on a flag', async () => {
    const { code } = await run([...ring(), '--strict'], { cwd: dir });

    expect(code).toBe(1);
  });

  it('--url where no lambdaport dev answers: exit 2, naming it', async () => {
    const { code, stderr, stdout } = await run(['graph', '--dir', 'a', '--url', 'http://127.0.0.1:9'], { cwd: dir });

    expect(stderr).toContain('lambdaport graph: no lambdaport dev answered at http://127.0.0.1:9');
    expect(stdout).toBe('');
    expect(code).toBe(2);
  });

  it('an unknown format, a bad --max-fan: usage errors, exit 2', async () => {
    const format = await run(['graph', '--dir', 'a', '--format', 'png'], { cwd: dir });
    expect(format.stderr).toMatch(/argument 'png' is invalid\. Allowed choices are mermaid, dot, json, svg/);
    expect(format.code).toBe(2);

    const fan = await run(['graph', '--dir', 'a', '--max-fan', 'many'], { cwd: dir });
    expect(fan.stderr).toContain('expected a whole number');
    expect(fan.code).toBe(2);
  });

  it('--strict with a contract that does not load (and no flag): exit 2, naming it', async () => {
    const { code, stderr } = await run(['graph', '--dir', 'a', '--no-observed', '--strict'], { cwd: dir });

    expect(stderr).toMatch(
      /contract not loaded, idempotency unknown: .*a\/lambdaport\.config\.json: functions\.f\.contract/,
    );
    expect(stderr).toContain('no flag (2 services, 1 call)');
    expect(code).toBe(2);
  });

  it('--url answered by something that is not a lambdaport dev: exit 2', async () => {
    const server = createServer((_req, res) => res.writeHead(404).end('nothing here'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const { code, stderr } = await run(['graph', '--dir', 'a', '--url', `http://127.0.0.1:${port}`], { cwd: dir });

      expect(stderr).toContain(`http://127.0.0.1:${port}/_lambdaport/calls answered 404: is it a lambdaport dev`);
      expect(code).toBe(2);
    } finally {
      server.close();
    }
  });

  it('an invalid config: exit 2', async () => {
    const { code, stderr } = await run(['graph', '--dir', 'nowhere', '--no-observed'], { cwd: dir });

    expect(stderr).toContain('lambdaport graph: invalid config:');
    expect(code).toBe(2);
  });
});

describe('lambdaport graph with the calls a running lambdaport dev observed', () => {
  let dev: Running;
  let url: string;
  const dirs = [...EXAMPLES, '--dir', path.join(FIXTURES, 'front'), '--dir', path.join(FIXTURES, 'back')];

  beforeAll(async () => {
    // --iam warn: an undeclared call is let through (and logged) so that it can be observed; under the default
    // enforce it is denied (packages/local/test/iam/enforce.test.ts)
    dev = start(['dev', ...dirs, '--port', '0', '--ephemeral', '--no-watch', '--iam', 'warn'], { cwd: REPO });
    url = (await dev.waitFor(/lambdaport dev {2}(http:\/\/127\.0\.0\.1:\d+)/))[1]!;
  }, 60_000);
  afterAll(async () => {
    dev.child.kill('SIGINT');
    await dev.exited;
  });

  /** Waits until the runtime has seen `count` calls of this kind (an Event runs after its 202). */
  async function seen(invocationType: string, callee: RegExp): Promise<void> {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const { calls } = (await (await fetch(`${url}/_lambdaport/calls`)).json()) as {
        calls: { function: string; invocationType: string; caller?: string }[];
      };
      if (calls.some((c) => c.invocationType === invocationType && callee.test(c.function) && c.caller)) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`no ${invocationType} call of ${callee} observed`);
  }

  it('counts declared calls and shows the Event-only one as a send', async () => {
    const invoked = await run(
      ['invoke', 'orders.create', '--payload', '{"recordId":1,"quantity":2}', '--endpoint', url],
      { cwd: REPO },
    );
    expect(invoked.code).toBe(0);
    await seen('Event', /^dev-orders-record-/);

    const { code, stdout } = await run(['graph', ...EXAMPLES, '--url', url, '--format', 'json'], { cwd: REPO });
    const graph = JSON.parse(stdout);

    expect(graph.observed).toBe(true);
    expect(graph.edges.map((e: { id: string; kind: string; observed: unknown }) => [e.id, e.kind, e.observed])).toEqual(
      [
        ['orders.create->records.get@v1', 'call', { requestResponse: 1, event: 0 }],
        ['orders.create->orders.record@v1', 'send', { requestResponse: 0, event: 1 }],
      ],
    );
    expect(graph.unused).toEqual([]);
    expect(code).toBe(0);
  });

  it('an undeclared call through the typed client is observed and flagged; --strict exits 1', async () => {
    const invoked = await run(['invoke', 'front.hit', '--payload', '{"n":7}', '--endpoint', url], { cwd: REPO });
    expect(invoked.stdout).toContain('"n": 7');
    await seen('RequestResponse', /^dev-back-get-/);
    const warned =
      /iam \(warn: let through\): User: \S+\/dev-front-hit-\w+ is not authorized to perform: lambda:InvokeFunction/;
    await waitFor(() => warned.test(dev.stderr()), { what: 'the iam warning of the undeclared call' });

    const { code, stdout, stderr } = await run(['graph', ...dirs, '--url', url, '--strict'], { cwd: REPO });

    expect(stderr).toContain(
      'FLAG undeclared-call: front.hit called back.get (major 1), which its config does not declare',
    );
    expect(stderr).toContain("Add 'back.get' to functions.hit.calls of front");
    expect(stdout).toMatch(/-->\|"call v1 ×1 undeclared"\|/);
    expect(code).toBe(1);
  });
});
