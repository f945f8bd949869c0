/**
 * `lambdaport iam` as a real process: the examples' policies (the generator's, statement by statement with their
 * config keys), who may call whom, the sprawl flags (many calls, services calling each other, a permission no call
 * used in the running lambdaport dev, whose observed calls a stub serves), and bad input.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from './helpers.js';

const REPO = path.resolve(import.meta.dirname, '../../..');
const EXAMPLES = ['--dir', 'examples/records', '--dir', 'examples/orders'];

/** A stub of a lambdaport dev that observed the calls given (deployed names). */
async function observing(calls: { caller: string; function: string }[]): Promise<{ url: string; server: Server }> {
  const body = JSON.stringify({
    calls: calls.map((c) => ({ ...c, version: '$LATEST', invocationType: 'RequestResponse', count: 1 })),
  });
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

interface IamJson {
  policies: { friendlyName: string; deployedName: string; document: { Statement: { Sid: string }[] } }[];
  permissions: { callerName: string; calleeName: string; keyPath: string; caller: string; callee: string }[];
  flags: { kind: string; message: string }[];
}

describe('lambdaport iam on the examples', () => {
  let stub: { url: string; server: Server };
  beforeAll(async () => {
    stub = await observing([]);
  });
  afterAll(() => {
    stub.server.close();
  });

  it('prints each policy with the config key of each statement, and who may call whom', async () => {
    const { code, stdout } = await run(['iam', ...EXAMPLES, '--url', stub.url], { cwd: REPO });

    expect(code).toBe(0);
    expect(stdout).toContain('Policies');
    expect(stdout).toMatch(/orders\.create {2}dev-orders-create-\w{6} {2}\S+lambdaport\.config\.ts functions\.create/);
    expect(stdout).toMatch(
      /InvokeRecordsGetV1: lambda:InvokeFunction\n\s+on arn:aws:lambda:us-east-1:\d{12}:function:dev-records-get-\w{6}:v1\n\s+from calls records\.get@v1 \(functions\.create\.calls\[0\]\)/,
    );
    expect(stdout).toContain('Who may call whom');
    expect(stdout).toMatch(/orders\.create {2}x +x/);
  });

  it('as JSON; flags each permission no call used in the running lambdaport dev', async () => {
    const first = JSON.parse(
      (await run(['iam', ...EXAMPLES, '--json', '--url', stub.url], { cwd: REPO })).stdout,
    ) as IamJson;
    const used = first.permissions.find((p) => p.calleeName === 'records.get')!;
    const observed = await observing([{ caller: used.caller, function: used.callee }]);
    try {
      const { stdout } = await run(['iam', ...EXAMPLES, '--json', '--url', observed.url], { cwd: REPO });
      const result = JSON.parse(stdout) as IamJson;

      expect(result.permissions.map((p) => `${p.callerName} -> ${p.calleeName} (${p.keyPath})`)).toEqual([
        'orders.create -> records.get (functions.create.calls[0])',
        'orders.create -> orders.record (functions.create.calls[1])',
      ]);
      expect(result.flags).toEqual([
        {
          kind: 'unused-permission',
          message: expect.stringContaining('orders.create may call orders.record (functions.create.calls[1] in '),
        },
      ]);
      expect(result.policies.map((p) => p.friendlyName)).toContain('records.get');
    } finally {
      observed.server.close();
    }
  });
});

describe('sprawl', () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), 'lambdaport-iam-'));
    const service = (name: string, functions: Record<string, string[]>) => {
      mkdirSync(path.join(work, name, 'src'), { recursive: true });
      writeFileSync(path.join(work, name, 'src/h.mjs'), 'export const h = async () => ({});\n');
      const fns = Object.fromEntries(
        Object.entries(functions).map(([fn, calls]) => [fn, { handler: 'src/h.mjs#h', calls }]),
      );
      writeFileSync(path.join(work, name, 'lambdaport.config.json'), JSON.stringify({ service: name, functions: fns }));
    };
    service('a', { hub: ['b.one', 'b.two', 'b.three'], one: [] });
    service('b', { one: ['a.one'], two: [], three: [] });
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('flags a function allowed to call more than --max-calls, and two services that may call each other', async () => {
    const stub = await observing([]);
    try {
      const args = ['iam', '--dir', path.join(work, 'a'), '--dir', path.join(work, 'b'), '--max-calls', '2'];
      const { code, stdout } = await run([...args, '--url', stub.url], { cwd: REPO });

      expect(code).toBe(0);
      expect(stdout).toContain('flag (many-calls): a.hub may call 3 functions (more than 2): b.one, b.two, b.three');
      expect(stdout).toContain('flag (mutual-services): services a and b may call each other');
    } finally {
      stub.server.close();
    }
  });

  it('exits 2 on a calls entry naming no function of the services given, with file and key path', async () => {
    const { code, stderr } = await run(['iam', '--dir', path.join(work, 'a')], { cwd: REPO });

    expect(code).toBe(2);
    expect(stderr).toContain('functions.hub.calls[0]');
    expect(stderr).toContain(path.join(work, 'a', 'lambdaport.config.json'));
  });
});
