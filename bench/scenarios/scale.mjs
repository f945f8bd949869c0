/**
 * Scenario 6, scale: one service with 100 echo functions. Time to ready; memory at idle; memory after each of three
 * batches of 10,000 calls spread over all 100 functions. The first batch legitimately starts execution environments;
 * "no growth" is judged on the last batch (and the trend over the last two). Memory is the tool's whole process tree
 * and its leader alone (for lambdaport also the front door's heap and external memory after a GC).
 *
 * Then lambdaport's memory budget, in the same run: the environments' memory as the budget counts it (private memory
 * plus the Node binary's shared pages once), sampled every 200 ms through each batch, under the default budget (the
 * runs above) and under a budget that forces evictions (BUDGET_MB, default 512: less than 100 warm environments
 * hold), one batch of 10,000 calls; its throughput against the default run's, and the evictions.
 * Run alone: node bench/scenarios/scale.mjs
 */
import { childrenMemory, sampleBudgetMemory } from '../lib/environment-memory.mjs';
import { runLoad } from '../lib/load.mjs';
import { sleep } from '../lib/processes.mjs';
import { runIfMain } from '../lib/scenario.mjs';
import { makeServiceDir, removeServiceDir } from '../lib/service-dir.mjs';
import { round } from '../lib/stats.mjs';
import { bare } from '../lib/tools/bare.mjs';
import { availableTools } from '../lib/tools/index.mjs';

const FUNCTIONS = 100;
const CONCURRENCY = 8;
const BATCHES = 3;
/** A budget below what 100 warm echo environments hold (~1 GB counted as the budget counts), forcing evictions. */
const BUDGET_MB = Number(process.env.BUDGET_MB ?? 512);

/**
 * @param {{ memory: () => { leaderMiB: number, treeMiB: number, processes: number }, heap?: () => Promise<{ rssMiB: number, heapUsedMiB: number }> }} instance
 */
async function memory(instance) {
  await sleep(1_000); // let the calls' garbage settle
  const heap = instance.heap ? await instance.heap() : undefined;
  const tree = instance.memory();
  return {
    ...tree,
    ...(heap
      ? {
          leaderHeapUsedMiB: round(heap.heapUsedMiB, 2),
          leaderExternalMiB: round(heap.externalMiB, 2),
          leaderRssAfterGcMiB: round(heap.rssMiB, 1),
        }
      : {}),
  };
}

/** @type {import('../lib/scenario.mjs').Scenario} */
export const scenario = {
  id: 'scale',
  title: `Scale: ${FUNCTIONS} functions, time to ready, memory at idle and after each of ${BATCHES} × 10,000 calls`,
  async run({ quick }) {
    const calls = quick ? 2_000 : 10_000;
    const { ready, skipped } = await availableTools();
    const tools = ready.filter((t) => t !== bare);
    /** @type {Record<string, unknown>} */
    const results = {};
    const fns = Array.from({ length: FUNCTIONS }, (_, i) => ({
      name: `fn${String(i + 1).padStart(3, '0')}`,
      file: 'echo.mjs',
    }));
    for (const tool of tools) {
      const service = makeServiceDir(`scale-${tool.id}`, fns);
      const instance = await tool.start(service);
      try {
        const readyMs = Math.round(instance.readyMs);
        const idle = await memory(instance);
        const functionNames = fns.map((f) => /** @type {string} */ (instance.names[f.name]));
        const load = { url: instance.url, functionName: '', functionNames, concurrency: CONCURRENCY, warmupMs: 0 };
        /** @type {Awaited<ReturnType<typeof runLoad>>[]} */
        const batches = [];
        const after = [];
        /** @type {{ maxMiB: number, samples: number }[]} */
        const sampled = [];
        for (let b = 0; b < BATCHES; b++) {
          const sampler = tool.id === 'lambdaport' ? sampleBudgetMemory(instance.pid) : undefined;
          batches.push(await runLoad({ ...load, maxRequests: calls, durationMs: 300_000 }));
          if (sampler) sampled.push(sampler.stop());
          after.push(await memory(instance));
        }
        const environments = tool.id === 'lambdaport' ? childrenMemory(instance.pid, { pss: true }) : undefined;
        const budget = tool.id === 'lambdaport' ? await instance.budget() : undefined;
        const [afterFirst, afterSecond, afterThird] = /** @type {Awaited<ReturnType<typeof memory>>[]} */ (after);
        const delta = (/** @type {any} */ a, /** @type {any} */ b) => ({
          leaderMiB: round(b.leaderMiB - a.leaderMiB, 1),
          treeMiB: round(b.treeMiB - a.treeMiB, 1),
          ...(b.leaderHeapUsedMiB !== undefined
            ? {
                leaderHeapUsedMiB: round(b.leaderHeapUsedMiB - a.leaderHeapUsedMiB, 2),
                leaderExternalMiB: round(b.leaderExternalMiB - a.leaderExternalMiB, 2),
              }
            : {}),
        });
        results[tool.id] = {
          label: tool.label,
          readyMs,
          memory: {
            idle,
            afterFirst,
            afterSecond,
            afterThird,
            growth: delta(afterSecond, afterThird),
            growthBefore: delta(afterFirst, afterSecond),
          },
          batches: batches.map((b) => ({
            requests: b.requests,
            errors: b.errors,
            wrong: b.wrong,
            throughput: b.throughput,
            elapsedMs: b.elapsedMs,
            latencyMs: b.latencyMs,
          })),
          ...(environments ? { environments, budget: { ...budget, sampledMaxMiB: sampled.map((x) => x.maxMiB) } } : {}),
        };
        console.error(
          `  ${tool.id.padEnd(20)} ready ${readyMs} ms  tree idle ${idle.treeMiB} MiB → ${after.map((m) => m.treeMiB).join(' → ')} MiB (${afterThird?.processes} processes); leader ${idle.leaderMiB} → ${after.map((m) => m.leaderMiB).join(' → ')} MiB`,
        );
      } finally {
        await instance.stop();
        removeServiceDir(service.dir);
      }
    }
    const budgeted = tools.some((t) => t.id === 'lambdaport') ? await evictionRun(fns, calls) : undefined;
    return {
      functions: FUNCTIONS,
      callsPerBatch: calls,
      batches: BATCHES,
      concurrency: CONCURRENCY,
      skipped,
      tools: results,
      ...(budgeted ? { budgeted } : {}),
    };
  },
};

/**
 * lambdaport under a budget that forces evictions: one batch of calls over the 100 functions, the budget's memory
 * sampled throughout, and what the budget reports after it (evictions, waiting starts).
 * @param {{ name: string, file: string }[]} fns
 * @param {number} calls
 */
async function evictionRun(fns, calls) {
  const { lambdaport } = await import('../lib/tools/lambdaport.mjs');
  const service = makeServiceDir('scale-budget', fns);
  const instance = await lambdaport.start(service, { maxMemoryMb: BUDGET_MB });
  try {
    const functionNames = fns.map((f) => /** @type {string} */ (instance.names[f.name]));
    const load = { url: instance.url, functionName: '', functionNames, concurrency: CONCURRENCY, warmupMs: 0 };
    const sampler = sampleBudgetMemory(instance.pid);
    const batch = await runLoad({ ...load, maxRequests: calls, durationMs: 1_800_000 });
    const sampled = sampler.stop();
    const environments = childrenMemory(instance.pid, { pss: true });
    const budget = await instance.budget();
    console.error(
      `  lambdaport --max-memory ${BUDGET_MB}: ${batch.throughput} req/s, ${batch.errors + batch.wrong} errors; budget memory at most ${sampled.maxMiB} MiB (${sampled.samples} samples); ${budget.evictions} evictions; now ${environments.processes} processes`,
    );
    return {
      maxMemoryMb: BUDGET_MB,
      batch: {
        requests: batch.requests,
        errors: batch.errors,
        wrong: batch.wrong,
        throughput: batch.throughput,
        elapsedMs: batch.elapsedMs,
        latencyMs: batch.latencyMs,
      },
      sampledMaxMiB: sampled.maxMiB,
      samples: sampled.samples,
      environments,
      budget,
    };
  } finally {
    await instance.stop();
    removeServiceDir(service.dir);
  }
}

runIfMain(import.meta.url, scenario);
