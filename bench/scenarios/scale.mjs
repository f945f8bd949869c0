/**
 * Scenario 6, scale: one service with 100 echo functions. Time to ready; memory at idle; memory after 10,000 calls
 * spread over all 100 functions, and again after 10,000 more (growth between the two is what "no growth" means:
 * the first batch legitimately starts execution environments). Memory is the tool's whole process tree and its
 * leader alone (for lambdaport also the front door's heap after a GC).
 * Run alone: node bench/scenarios/scale.mjs
 */
import { runLoad } from '../lib/load.mjs';
import { sleep } from '../lib/processes.mjs';
import { runIfMain } from '../lib/scenario.mjs';
import { makeServiceDir, removeServiceDir } from '../lib/service-dir.mjs';
import { round } from '../lib/stats.mjs';
import { bare } from '../lib/tools/bare.mjs';
import { availableTools } from '../lib/tools/index.mjs';

const FUNCTIONS = 100;
const CONCURRENCY = 8;

/**
 * @param {{ memory: () => { leaderMiB: number, treeMiB: number, processes: number }, heap?: () => Promise<{ rssMiB: number, heapUsedMiB: number }> }} instance
 */
async function memory(instance) {
  await sleep(1_000); // let the calls' garbage settle
  const heap = instance.heap ? await instance.heap() : undefined;
  const tree = instance.memory();
  return {
    ...tree,
    ...(heap ? { leaderHeapUsedMiB: round(heap.heapUsedMiB, 1), leaderRssAfterGcMiB: round(heap.rssMiB, 1) } : {}),
  };
}

/** @type {import('../lib/scenario.mjs').Scenario} */
export const scenario = {
  id: 'scale',
  title: `Scale: ${FUNCTIONS} functions, time to ready, memory at idle and after 10,000 calls`,
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
        const first = await runLoad({ ...load, maxRequests: calls, durationMs: 300_000 });
        const afterFirst = await memory(instance);
        const second = await runLoad({ ...load, maxRequests: calls, durationMs: 300_000 });
        const afterSecond = await memory(instance);
        const growth = {
          leaderMiB: round(afterSecond.leaderMiB - afterFirst.leaderMiB, 1),
          treeMiB: round(afterSecond.treeMiB - afterFirst.treeMiB, 1),
          ...(afterSecond.leaderHeapUsedMiB !== undefined && afterFirst.leaderHeapUsedMiB !== undefined
            ? { leaderHeapUsedMiB: round(afterSecond.leaderHeapUsedMiB - afterFirst.leaderHeapUsedMiB, 1) }
            : {}),
        };
        results[tool.id] = {
          label: tool.label,
          readyMs,
          memory: { idle, afterFirst, afterSecond, growth },
          batches: [first, second].map((b) => ({
            requests: b.requests,
            errors: b.errors,
            wrong: b.wrong,
            throughput: b.throughput,
            elapsedMs: b.elapsedMs,
            latencyMs: b.latencyMs,
          })),
        };
        console.error(
          `  ${tool.id.padEnd(20)} ready ${readyMs} ms  tree idle ${idle.treeMiB} MiB → ${afterFirst.treeMiB} → ${afterSecond.treeMiB} MiB (${afterSecond.processes} processes); leader ${idle.leaderMiB} → ${afterFirst.leaderMiB} → ${afterSecond.leaderMiB} MiB`,
        );
      } finally {
        await instance.stop();
        removeServiceDir(service.dir);
      }
    }
    return { functions: FUNCTIONS, callsPerBatch: calls, concurrency: CONCURRENCY, skipped, tools: results };
  },
};

runIfMain(import.meta.url, scenario);
