import { afterAll, describe, expect, it } from 'vitest';
import { createInvoker, type LogEntry } from '../../../src/lambda/environments/index.js';
import { ConcurrencyLimitError } from '../../../src/lambda/types.js';
import { alive, json, makeFunction, request, until } from './helpers.js';

describe('createInvoker: warm reuse, concurrency, queueing, retirement, stop', () => {
  const logs: LogEntry[] = [];
  const invoker = createInvoker({ maxEnvironments: 2, onLog: (entry) => logs.push(entry) });
  const pids = new Set<number>();
  afterAll(async () => {
    await invoker.stop();
  });

  it('reuses a warm environment: module state survives between calls', async () => {
    const fn = makeFunction({ name: 'counter', handler: 'src/handlers.ts#counter' });

    const first = json<{ count: number; pid: number }>(await invoker.invoke(fn, '$LATEST', request(fn)));
    const second = json<{ count: number; pid: number }>(await invoker.invoke(fn, '$LATEST', request(fn)));

    expect(first.count).toBe(1);
    expect(second).toEqual({ count: 2, pid: first.pid });
    pids.add(first.pid);
  });

  it('runs each version in its own environments', async () => {
    const fn = makeFunction({ name: 'counter', handler: 'src/handlers.ts#counter' });

    const latest = await invoker.invoke(fn, '$LATEST', request(fn));
    const one = await invoker.invoke(fn, '1', request(fn));

    expect(latest.executedVersion).toBe('$LATEST');
    expect(one.executedVersion).toBe('1');
    expect(json(one)).toMatchObject({ count: 1 });
  });

  it('starts more environments for concurrent calls, up to reservedConcurrency, then throws ConcurrencyLimitError', async () => {
    const fn = makeFunction({ name: 'reserved', handler: 'src/handlers.ts#sleep', reservedConcurrency: 2 });

    const running = [
      invoker.invoke(fn, '$LATEST', request(fn, { ms: 400 })),
      invoker.invoke(fn, '$LATEST', request(fn, { ms: 400 })),
    ];
    const third = invoker.invoke(fn, '$LATEST', request(fn, { ms: 10 }));

    await expect(third).rejects.toBeInstanceOf(ConcurrencyLimitError);
    await expect(third).rejects.toMatchObject({
      name: 'ConcurrencyLimitError',
      reason: 'ReservedFunctionConcurrentInvocationLimitExceeded',
    });
    const results = (await Promise.all(running)).map((r) => json<{ pid: number }>(r).pid);
    expect(new Set(results).size).toBe(2);
    const after = await invoker.invoke(fn, '$LATEST', request(fn, { ms: 1 }));
    expect(after.functionError).toBeUndefined();
  });

  it('queues calls beyond the local cap (FIFO) instead of failing', async () => {
    const fn = makeFunction({ name: 'capped', handler: 'src/handlers.ts#sleep' });

    const results = await Promise.all(
      [0, 1, 2, 3, 4].map(() => invoker.invoke(fn, '$LATEST', request(fn, { ms: 150 }))),
    );

    expect(results.every((r) => r.functionError === undefined)).toBe(true);
    const used = new Set(results.map((r) => json<{ pid: number }>(r).pid));
    expect(used.size).toBe(2);
    expect(invoker.pids(fn).length).toBeLessThanOrEqual(2);
  });

  it('retire(): the next call runs in a new environment, the old one is stopped', async () => {
    const fn = makeFunction({ name: 'retired', handler: 'src/handlers.ts#counter' });
    const before = json<{ pid: number }>(await invoker.invoke(fn, '$LATEST', request(fn)));

    invoker.retire(fn);
    const after = json<{ pid: number; count: number }>(await invoker.invoke(fn, '$LATEST', request(fn)));

    expect(after.pid).not.toBe(before.pid);
    expect(after.count).toBe(1);
    await until(() => !alive(before.pid));
  });

  it('retire() lets a busy environment finish its call first', async () => {
    const fn = makeFunction({ name: 'busy-retired', handler: 'src/handlers.ts#sleep' });
    const busy = invoker.invoke(fn, '$LATEST', request(fn, { ms: 300 }));
    await until(() => invoker.pids(fn).length === 1);

    invoker.retire(fn);
    const result = await busy;

    expect(result.functionError).toBeUndefined();
    const pid = json<{ pid: number }>(result).pid;
    await until(() => !alive(pid));
  });

  it('stops idle environments after idleTimeoutMs', async () => {
    const short = createInvoker({ idleTimeoutMs: 100 });
    const fn = makeFunction({ name: 'idle', handler: 'src/handlers.ts#counter' });
    try {
      const { pid } = json<{ pid: number }>(await short.invoke(fn, '$LATEST', request(fn)));

      await until(() => !alive(pid));

      expect(short.pids(fn)).toEqual([]);
      expect(json(await short.invoke(fn, '$LATEST', request(fn)))).toMatchObject({ count: 1 });
    } finally {
      await short.stop();
    }
  });

  it('stop() leaves no process behind (environments, busy or idle, and the spare)', async () => {
    const own = createInvoker();
    const fn = makeFunction({ name: 'stopped', handler: 'src/handlers.ts#sleep' });
    const calls = [
      own.invoke(fn, '$LATEST', request(fn, { ms: 5000 })),
      own.invoke(fn, '$LATEST', request(fn, { ms: 1 })),
    ];
    // a spare is booted once a cold start's init is done
    await until(() => own.pids(fn).length === 2 && own.sparePids().length === 1);
    const running = [...own.pids(), ...own.sparePids()];

    await own.stop();

    expect(running.filter(alive)).toEqual([]);
    await Promise.allSettled(calls);
    await expect(own.invoke(fn, '$LATEST', request(fn))).rejects.toThrow(/stopped/);
  });
});
