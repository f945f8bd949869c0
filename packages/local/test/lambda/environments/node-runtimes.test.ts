import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resolveLambdaRuntime } from '@lambdaport/config';
import type { RuntimeSetting } from 'lambdaport/config';
import { afterAll, describe, expect, it } from 'vitest';
import { createBuilder } from '../../../src/build/index.js';
import {
  checkNodeRuntimes,
  createInvoker,
  findNode,
  type LocalInvoker,
  localNodeRuntime,
  NodeRuntimeError,
} from '../../../src/lambda/environments/index.js';
import type { LocalFunction } from '../../../src/lambda/types.js';
import { json, makeFunction, request, until } from './helpers.js';

const HANDLER = `export const handler = async () => ({
  version: process.version,
  executionEnv: process.env.AWS_EXECUTION_ENV,
  pid: process.pid,
});
`;

interface Seen {
  version: string;
  executionEnv: string;
  pid: number;
}

const HOST_MAJOR = Number(process.versions.node.split('.')[0]);

describe('functions run on the Node their runtime names', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lambdaport-node-runtimes-'));
  writeFileSync(path.join(dir, 'handler.ts'), HANDLER);
  const empty = mkdtempSync(path.join(tmpdir(), 'lambdaport-empty-cache-'));
  const builder = createBuilder();
  const invokers: LocalInvoker[] = [];
  afterAll(async () => {
    await Promise.all(invokers.map((invoker) => invoker.stop()));
    await builder.stop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(empty, { recursive: true, force: true });
  });
  // as @lambdaport/config resolves a function whose config says `runtime: <setting>`
  const fn = (name: string, runtimeSetting: RuntimeSetting): LocalFunction => ({
    ...makeFunction({ name, handler: 'handler.ts#handler', dir }),
    configFile: '/srv/records/lambdaport.config.ts',
    runtimeSetting,
    lambdaRuntime: resolveLambdaRuntime(runtimeSetting),
  });

  for (const runtime of ['nodejs22.x', 'nodejs24.x'] as const) {
    const major = Number(runtime.slice(6, 8));
    const found = findNode(runtime);
    const installed = !('missing' in found);
    // CI installs both (.ci/run); elsewhere a missing one is reported as skipped, with how to install it
    if (!installed && process.env.CI !== 'true') {
      it.skip(`${runtime}: not installed here (${'missing' in found ? found.hint : ''})`, () => {});
      continue;
    }

    it(`${runtime}: process.version is v${major}, AWS_EXECUTION_ENV is AWS_Lambda_${runtime}, and its spares run that Node too`, async () => {
      expect(installed, `${runtime} must be installed in CI: ${'missing' in found ? found.hint : ''}`).toBe(true);
      const invoker = createInvoker({ builder });
      invokers.push(invoker);
      const first = fn(`first${major}`, runtime);
      const second = fn(`second${major}`, runtime);
      const host = fn(`host${major}`, 'nodejs');

      const cold = json<Seen>(await invoker.invoke(first, '$LATEST', request(first)));
      const plain = json<Seen>(await invoker.invoke(host, '$LATEST', request(host)));
      await until(() => invoker.sparePids().length === 2); // one per (Node binary, memory size)
      const spares = invoker.sparePids();
      const fromSpare = json<Seen>(await invoker.invoke(second, '$LATEST', request(second)));

      expect(cold.version.startsWith(`v${major}.`)).toBe(true);
      expect(cold.executionEnv).toBe(`AWS_Lambda_${runtime}`);
      expect(plain.version).toBe(process.version);
      // the legacy `nodejs` runs on the host's Node and names the runtime it resolves to (Node 20: nodejs22.x)
      expect(plain.executionEnv).toBe(`AWS_Lambda_${resolveLambdaRuntime('nodejs')}`);
      expect(spares).toContain(fromSpare.pid);
      expect(fromSpare.version.startsWith(`v${major}.`)).toBe(true);
      expect(fromSpare.executionEnv).toBe(`AWS_Lambda_${runtime}`);
    });
  }

  it('a runtime whose Node is not installed: start refuses it naming the function, its config file and key, and how to get it', async () => {
    const other = HOST_MAJOR === 24 ? 'nodejs22.x' : 'nodejs24.x';
    const major = other.slice(6, 8);
    const functions = [fn('get', other)];

    const missing = checkNodeRuntimes(functions, { env: { XDG_CACHE_HOME: empty } });
    await expect(missing).rejects.toBeInstanceOf(NodeRuntimeError);
    await expect(missing).rejects.toThrow(
      `functions.get.runtime is '${other}' (in /srv/records/lambdaport.config.ts): Node ${major} is not installed for lambdaport`,
    );
    await expect(missing).rejects.toThrow(`run 'npx lambdaport runtime install ${other}'`);
    await expect(missing).rejects.toThrow(`or set LAMBDAPORT_NODE_${major}=/path/to/node${major}`);

    const pointedAway = checkNodeRuntimes(functions, { env: { [`LAMBDAPORT_NODE_${major}`]: '/nowhere/node' } });
    await expect(pointedAway).rejects.toThrow(`LAMBDAPORT_NODE_${major} is /nowhere/node, which does not exist`);

    const wrongMajor = checkNodeRuntimes(functions, { env: { [`LAMBDAPORT_NODE_${major}`]: process.execPath } });
    await expect(wrongMajor).rejects.toThrow(`is Node ${process.versions.node}, not Node ${major}`);
  });

  it('LAMBDAPORT_NODE_<major> wins over the host and the cache, and a function with the legacy `nodejs` runs on the host', async () => {
    // a stand-in Node 22 (checkNodeBinary runs it: `-p process.versions.node`)
    const standIn = path.join(dir, 'node22');
    writeFileSync(standIn, '#!/bin/sh\necho 22.99.0\n');
    chmodSync(standIn, 0o755);
    const pinned = fn('pinned', 'nodejs22.x');
    const plain = fn('plain', 'nodejs');
    const bootstrap = makeFunction({ name: 'bootstrap', handler: 'bootstrap', runtime: 'provided', dir });

    const nodes = await checkNodeRuntimes([pinned, plain, bootstrap], { env: { LAMBDAPORT_NODE_22: standIn } });

    expect(localNodeRuntime(pinned)).toBe('nodejs22.x');
    expect(localNodeRuntime(plain)).toBeUndefined();
    expect(localNodeRuntime(bootstrap)).toBeUndefined();
    expect(nodes.get('nodejs22.x')).toMatchObject({ source: 'env', path: standIn, version: '22.99.0', major: 22 });
    expect(nodes.get(undefined)).toMatchObject({ source: 'host', path: process.execPath });
  });

  it('without the check (the invoker alone), a call to a function whose Node is missing is answered an init error saying how to get it', async () => {
    const invoker = createInvoker({
      builder,
      prebootSpares: false,
      nodeFor: (f) => findNode(localNodeRuntime(f), { env: { XDG_CACHE_HOME: empty } }),
    });
    invokers.push(invoker);
    const other = HOST_MAJOR === 24 ? 'nodejs22.x' : 'nodejs24.x';
    const missing = fn('missing', other);

    const result = await invoker.invoke(missing, '$LATEST', request(missing));

    expect(result.functionError).toBe('Unhandled');
    expect(json(result)).toMatchObject({
      errorType: 'Runtime.InvalidEntrypoint',
      errorMessage: expect.stringContaining(`lambdaport runtime install ${other}`),
    });
    expect(invoker.pids()).toEqual([]);
    expect(existsSync(path.join(empty, 'lambdaport'))).toBe(false);
  });
});
