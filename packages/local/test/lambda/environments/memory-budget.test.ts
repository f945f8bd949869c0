import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBuilder } from '../../../src/build/index.js';
import { createInvoker, type LocalInvoker } from '../../../src/lambda/environments/index.js';
import { type Lease, MemoryBudget, type Tenant } from '../../../src/lambda/environments/memory-budget.js';
import { readProcessMemory } from '../../../src/lambda/environments/process-memory.js';
import type { LocalFunction } from '../../../src/lambda/types.js';
import { alive, json, makeFunction, request, until } from './helpers.js';

const MiB = 1024 * 1024;

/** 40 MiB of ballast touched at init, so that each environment holds ~50 MiB of private memory. */
const HANDLER = `const ballast = Buffer.alloc(40 * 1024 * 1024, 1);
export const handler = async (event: { ms?: number }, context: { getRemainingTimeInMillis(): number }) => {
  const remaining = context.getRemainingTimeInMillis();
  if (event.ms) await new Promise((resolve) => setTimeout(resolve, event.ms));
  return { pid: process.pid, ballast: ballast.length, remaining };
};
`;

interface Seen {
  pid: number;
}

/**
 * Samples what the invoker's processes hold, read from /proc independently of the budget's own accounting (private
 * memory of each, plus the largest shared figure once: they all run the same node), every few ms.
 */
function sampler(invoker: LocalInvoker): { stop: () => number } {
  let most = 0;
  const sample = (): void => {
    let total = 0;
    let shared = 0;
    for (const pid of [...invoker.pids(), ...invoker.sparePids()]) {
      const memory = readProcessMemory(pid);
      if (memory === undefined) continue;
      total += memory.privateBytes;
      shared = Math.max(shared, memory.sharedBytes);
    }
    most = Math.max(most, total + shared);
  };
  const timer = setInterval(sample, 5);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return most / MiB;
    },
  };
}

describe.skipIf(process.platform !== 'linux')(
  'the memory budget stops the least recently used idle environment',
  () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lambdaport-budget-'));
    writeFileSync(path.join(dir, 'handler.ts'), HANDLER);
    const builder = createBuilder();
    const invokers: LocalInvoker[] = [];
    const fn = (name: string, timeoutSeconds = 10): LocalFunction =>
      makeFunction({ name, handler: 'handler.ts#handler', dir, memorySize: 256, timeoutSeconds });
    const [a, b, c] = [fn('a'), fn('b'), fn('c')];
    /** Room for two of these environments and half of a third. */
    let budgetMb = 0;

    beforeAll(async () => {
      // what one and two environments of this handler hold here, to size a budget of two and a half
      const calibrate = createInvoker({ builder, prebootSpares: false, maxMemoryMb: Number.POSITIVE_INFINITY });
      try {
        await calibrate.invoke(a, '$LATEST', request(a));
        await until(() => calibrate.memory().usedMb > 0);
        const one = measure(calibrate);
        await calibrate.invoke(b, '$LATEST', request(b));
        const two = measure(calibrate);
        const each = two - one;
        budgetMb = Math.round(one - each + 2.5 * each);
        expect(each).toBeGreaterThan(40);
      } finally {
        await calibrate.stop();
      }
    });
    afterAll(async () => {
      await Promise.all(invokers.map((invoker) => invoker.stop()));
      await builder.stop();
      rmSync(dir, { recursive: true, force: true });
    });
    const budgeted = (prebootSpares = false): LocalInvoker => {
      const invoker = createInvoker({ builder, prebootSpares, maxMemoryMb: budgetMb });
      invokers.push(invoker);
      return invoker;
    };

    it('a third function stops the least recently used idle one (its process is gone; its next call is a cold start), and the budget is never exceeded', async () => {
      const invoker = budgeted();
      const sampled = sampler(invoker);
      const first = json<Seen>(await invoker.invoke(a, '$LATEST', request(a)));
      const second = json<Seen>(await invoker.invoke(b, '$LATEST', request(b)));

      const third = await invoker.invoke(c, '$LATEST', request(c));

      expect(third.functionError).toBeUndefined();
      expect(alive(first.pid)).toBe(false);
      expect(alive(second.pid)).toBe(true);
      expect(invoker.pids(a)).toEqual([]);
      const again = await invoker.invoke(a, '$LATEST', request(a));
      expect(json<Seen>(again).pid).not.toBe(first.pid);
      expect(again.log).toContain('Init Duration');
      expect(alive(second.pid)).toBe(false); // b was the least recently used then
      expect(invoker.memory().evictions).toBe(2);
      expect(sampled.stop()).toBeLessThanOrEqual(budgetMb);
      expect(invoker.memory().usedMb).toBeLessThanOrEqual(budgetMb);
    });

    it('when every environment is busy, a call waits for one to become idle and then runs (what it waited comes off its timeout): never an error', async () => {
      const invoker = budgeted();
      const sampled = sampler(invoker);
      let firstDoneAt = Number.POSITIVE_INFINITY;
      const busy = [
        invoker.invoke(a, '$LATEST', request(a, { ms: 1500 })).then((result) => {
          firstDoneAt = Math.min(firstDoneAt, performance.now());
          return result;
        }),
        invoker.invoke(b, '$LATEST', request(b, { ms: 1500 })).then((result) => {
          firstDoneAt = Math.min(firstDoneAt, performance.now());
          return result;
        }),
      ];
      await until(() => invoker.pids().length === 2);

      const askedAt = performance.now();
      const waiting = invoker.invoke(c, '$LATEST', request(c));
      await until(() => invoker.memory().waiting === 1);
      const result = await waiting;
      const doneAt = performance.now();

      expect(result.functionError).toBeUndefined();
      const seen = json<{ ballast: number; remaining: number }>(result);
      expect(seen.ballast).toBe(40 * MiB);
      expect(seen.remaining).toBeLessThanOrEqual(10_000 - (firstDoneAt - askedAt) + 50); // c's timeout is 10 s
      expect(doneAt).toBeGreaterThan(firstDoneAt);
      for (const call of await Promise.all(busy)) expect(call.functionError).toBeUndefined();
      expect(invoker.memory().waiting).toBe(0);
      expect(sampled.stop()).toBeLessThanOrEqual(budgetMb);
    });

    it("a call that waits longer than its function's timeout is answered Sandbox.Timedout", async () => {
      const invoker = budgeted();
      const busy = [
        invoker.invoke(a, '$LATEST', request(a, { ms: 2500 })),
        invoker.invoke(b, '$LATEST', request(b, { ms: 2500 })),
      ];
      await until(() => invoker.pids().length === 2);
      const quick = fn('quick', 1);

      const started = performance.now();
      const result = await invoker.invoke(quick, '$LATEST', request(quick));

      expect(performance.now() - started).toBeGreaterThanOrEqual(990);
      expect(result.functionError).toBe('Unhandled');
      expect(json(result)).toMatchObject({
        errorType: 'Sandbox.Timedout',
        errorMessage: expect.stringContaining('Task timed out after 1.00 seconds'),
      });
      expect(result.log).toContain('waiting for an execution environment');
      for (const call of await Promise.all(busy)) expect(call.functionError).toBeUndefined();
    });

    it('spares count toward the budget: with spares on, the total (spares included) never exceeds it', async () => {
      const invoker = budgeted(true);
      const sampled = sampler(invoker);
      invoker.preboot([a]);
      await until(() => invoker.sparePids().length === 1);
      expect(invoker.memory().processes).toBe(1);

      for (const f of [a, b, c, a, b])
        expect((await invoker.invoke(f, '$LATEST', request(f))).functionError).toBeUndefined();

      expect(invoker.memory().evictions).toBeGreaterThanOrEqual(3);
      expect(sampled.stop()).toBeLessThanOrEqual(budgetMb);
      expect(invoker.memory().usedMb).toBeLessThanOrEqual(budgetMb);
    });
  },
);

function measure(invoker: LocalInvoker): number {
  let total = 0;
  let shared = 0;
  for (const pid of invoker.pids()) {
    const memory = readProcessMemory(pid);
    if (memory === undefined) throw new Error(`no /proc figures for ${pid}`);
    total += memory.privateBytes;
    shared = Math.max(shared, memory.sharedBytes);
  }
  return (total + shared) / MiB;
}

describe('MemoryBudget (the accounting alone, processes not measured: estimates only)', () => {
  const SHARED = 48 * MiB; // a binary not measured yet
  const tenant = (lastUsed: number, idle = true): Tenant & { evicted: boolean } => {
    const t = {
      pid: undefined,
      lastUsed,
      evicted: false,
      evictable: () => idle && !t.evicted,
      evict: () => {
        t.evicted = true;
      },
    };
    return t;
  };

  it('grants while there is room, then stops the least recently used idle ones and grants once they ended', () => {
    const budget = new MemoryBudget(SHARED + 30 * MiB);
    const tenants = [10, 5, 20].map((lastUsed) => tenant(lastUsed));
    const leases = tenants.map((t, i) => {
      let granted: Lease | undefined;
      budget.request({ key: `k${i}`, binary: 'node', estimate: 10 * MiB }, (lease) => {
        granted = lease;
        lease.tenant = t;
      });
      return granted;
    });
    expect(leases.every((lease) => lease !== undefined)).toBe(true);

    let fourth = false;
    budget.request({ key: 'k3', binary: 'node', estimate: 15 * MiB }, () => {
      fourth = true;
    });

    const evicted = tenants.map((t) => t.evicted);
    expect(evicted).toEqual([true, true, false]); // lastUsed 5 and 10: the two least recent
    expect(fourth).toBe(false);
    leases[1]?.end();
    expect(fourth).toBe(false); // 10 MiB free, 15 needed
    leases[0]?.end();
    expect(fourth).toBe(true);
  });

  it('waits (first come, first served) while nothing idle can go; an optional request is dropped instead', () => {
    const budget = new MemoryBudget(SHARED + 20 * MiB);
    let busy: Lease | undefined;
    budget.request({ key: 'busy', binary: 'node', estimate: 20 * MiB }, (lease) => {
      busy = lease;
      lease.tenant = tenant(0, false);
    });
    const order: string[] = [];
    const dropped = () => order.push('spare dropped');
    budget.request({ key: 'spare', binary: 'node', estimate: 5 * MiB, optional: true, dropped }, () =>
      order.push('spare'),
    );
    budget.request({ key: 'first', binary: 'node', estimate: 10 * MiB }, () => order.push('first'));
    budget.request({ key: 'second', binary: 'node', estimate: 5 * MiB }, () => order.push('second'));

    expect(order).toEqual(['spare dropped']);
    expect(budget.usage().waiting).toBe(2);
    busy?.end();
    expect(order).toEqual(['spare dropped', 'first', 'second']);
  });

  it('always grants when nothing else is alive, even beyond the budget', () => {
    const budget = new MemoryBudget(1 * MiB);
    let granted = false;
    budget.request({ key: 'big', binary: 'node', estimate: 100 * MiB }, () => {
      granted = true;
    });
    expect(granted).toBe(true);
  });
});
