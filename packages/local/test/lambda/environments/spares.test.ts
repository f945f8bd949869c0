import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createBuilder } from '../../../src/build/index.js';
import { createInvoker, type LocalInvoker } from '../../../src/lambda/environments/index.js';
import { alive, json, makeFunction, request, until } from './helpers.js';

const HANDLER = `export const handler = async () => ({
  pid: process.pid,
  env: { ...process.env },
  cwd: process.cwd(),
  argv: process.argv.slice(1),
  execArgv: process.execArgv,
  heap: Math.round(require('node:v8').getHeapStatistics().heap_size_limit / 1048576),
  timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  globalPaths: require('node:module').globalPaths,
  noMain: require.main === undefined,
});
`;

interface Seen {
  pid: number;
  env: Record<string, string>;
  cwd: string;
  argv: string[];
  execArgv: string[];
  heap: number;
  timeZone: string;
  globalPaths: string[];
  noMain: boolean;
}

/** Variables that differ between any two environments. */
const PER_ENVIRONMENT = ['AWS_LAMBDA_RUNTIME_API', 'AWS_LAMBDA_LOG_STREAM_NAME', '_X_AMZN_TRACE_ID', 'TMPDIR'];

function stable(env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !PER_ENVIRONMENT.includes(key)));
}

describe('pre-booted spares: a cold start takes a booted process, bound to one function only', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lambdaport-spares-'));
  writeFileSync(path.join(dir, 'handler.ts'), HANDLER);
  const builder = createBuilder();
  const withSpares = createInvoker({ builder });
  const without = createInvoker({ builder, prebootSpares: false });
  const invokers: LocalInvoker[] = [withSpares, without];
  afterAll(async () => {
    await Promise.all(invokers.map((invoker) => invoker.stop()));
    await builder.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const fn = (name: string, environment: Record<string, string> = {}) =>
    makeFunction({
      name,
      handler: 'handler.ts#handler',
      dir,
      memorySize: 192,
      environment: { MINE: name, ...environment },
    });

  it('boots a spare after the first cold start; the next cold start runs in it, as a fresh process would run', async () => {
    const first = json<Seen>(await withSpares.invoke(fn('first'), '$LATEST', request(fn('first'))));
    await until(() => withSpares.sparePids().length === 1);
    const [spare] = withSpares.sparePids();

    const second = json<Seen>(await withSpares.invoke(fn('second'), '$LATEST', request(fn('second'))));
    const plain = json<Seen>(await without.invoke(fn('second'), '$LATEST', request(fn('second'))));

    expect(second.pid).toBe(spare);
    expect(second.pid).not.toBe(first.pid);
    expect(stable(second.env)).toEqual(stable(plain.env));
    expect(second.env.MINE).toBe('second');
    expect(second.cwd).toBe(plain.cwd);
    expect(second.argv).toEqual(plain.argv);
    expect(second.execArgv).toEqual(plain.execArgv);
    expect(second.heap).toBe(plain.heap);
    expect(second.timeZone).toBe('UTC');
    expect(second.globalPaths).toEqual(plain.globalPaths);
    expect(second.globalPaths).toContain(path.join(dir, 'node_modules'));
    // as under the managed runtime, whose bootstrap is an ES module
    expect([second.noMain, plain.noMain]).toEqual([true, true]);
    await until(() => withSpares.sparePids().length === 1 && withSpares.sparePids()[0] !== spare);
  });

  it('a function whose environment Node reads at start (NODE_OPTIONS) is started the ordinary way', async () => {
    await until(() => withSpares.sparePids().length === 1);
    const [spare] = withSpares.sparePids();
    const special = fn('special', { NODE_OPTIONS: '--no-warnings' });

    const seen = json<Seen>(await withSpares.invoke(special, '$LATEST', request(special)));

    expect(seen.pid).not.toBe(spare);
    expect(seen.env.NODE_OPTIONS).toBe('--no-warnings');
    expect(withSpares.sparePids()).toEqual([spare]);
  });

  it('preboot() boots one spare per memory size; stop() kills them', async () => {
    const own = createInvoker({ builder });
    invokers.push(own);
    own.preboot([fn('a'), fn('b'), makeFunction({ name: 'c', handler: 'handler.ts#handler', dir, memorySize: 256 })]);
    expect(own.sparePids()).toHaveLength(2);
    const pids = own.sparePids();

    await own.stop();

    expect(pids.filter(alive)).toEqual([]);
    expect(own.sparePids()).toEqual([]);
  });
});
