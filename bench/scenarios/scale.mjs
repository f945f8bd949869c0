/**
 * Scenario 6, scale: one service with 100 echo functions. Time to ready; memory at idle; memory after each of three
 * batches of 10,000 calls spread over all 100 functions. The first batch legitimately starts execution environments;
 * "no growth" is judged on the last batch (and the trend over the last two). Memory is the tool's whole process tree
 * and its leader alone (for lambdaport also the front door's heap and external memory after a GC).
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
const BATCHES = 3;

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
        for (let b = 0; b < BATCHES; b++) {
          batches.push(await runLoad({ ...load, maxRequests: calls, durationMs: 300_000 }));
          after.push(await memory(instance));
        }
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
        };
        console.error(
          `  ${tool.id.padEnd(20)} ready ${readyMs} ms  tree idle ${idle.treeMiB} MiB → ${after.map((m) => m.treeMiB).join(' → ')} MiB (${afterThird?.processes} processes); leader ${idle.leaderMiB} → ${after.map((m) => m.leaderMiB).join(' → ')} MiB`,
        );
      } finally {
        await instance.stop();
        removeServiceDir(service.dir);
      }
    }
    return {
      functions: FUNCTIONS,
      callsPerBatch: calls,
      batches: BATCHES,
      concurrency: CONCURRENCY,
      skipped,
      tools: results,
    };
  },
};

runIfMain(import.meta.url, scenario);
