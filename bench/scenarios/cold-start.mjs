/**
 * Scenario 2, cold start: the first call to a function that has never run. Each round starts the tool afresh on a
 * new service folder with several echo functions; the first call to the first function is a cold start of a fresh
 * runtime, the first call to each other function a cold start in a running one. Also records each tool's time to
 * ready (process start → listening). Rounds interleave the tools; medians of all rounds.
 * Run alone: node bench/scenarios/cold-start.mjs
 */
import { performance } from 'node:perf_hooks';
import { invokeOnce } from '../lib/load.mjs';
import { runIfMain } from '../lib/scenario.mjs';
import { makeServiceDir, removeServiceDir } from '../lib/service-dir.mjs';
import { median, round, summarize } from '../lib/stats.mjs';
import { availableTools } from '../lib/tools/index.mjs';

const FUNCTIONS = 3;

/**
 * @param {string} url
 * @param {string} functionName
 */
async function timedCall(url, functionName) {
  const body = `{"id":1,"name":"cold"}`;
  const t0 = performance.now();
  const res = await invokeOnce({ url, functionName, body });
  const ms = performance.now() - t0;
  if (res.status !== 200 || res.headers['x-amz-function-error'])
    throw new Error(`call failed: ${res.status} ${res.body}`);
  return ms;
}

/** @type {import('../lib/scenario.mjs').Scenario} */
export const scenario = {
  id: 'cold-start',
  title: 'Cold start: first call to a fresh function',
  async run({ quick }) {
    const rounds = quick ? 1 : 4;
    const { ready, skipped } = await availableTools();
    /** @type {Record<string, { freshRuntime: number[], runningRuntime: number[], warm: number[], readyMs: number[] }>} */
    const samples = Object.fromEntries(
      ready.map((t) => [t.id, { freshRuntime: [], runningRuntime: [], warm: [], readyMs: [] }]),
    );
    // Rounds interleave the tools, so the machine's drift hits all of them alike.
    for (let round = 0; round < rounds; round++) {
      for (const tool of ready) {
        const acc = /** @type {(typeof samples)[string]} */ (samples[tool.id]);
        const fns = Array.from({ length: FUNCTIONS }, (_, i) => ({ name: `cold${i + 1}`, file: 'echo.mjs' }));
        const service = makeServiceDir(`cold-start-${tool.id}-${round}`, fns);
        const instance = await tool.start(service);
        try {
          acc.readyMs.push(instance.readyMs);
          for (const [i, fn] of fns.entries()) {
            const name = /** @type {string} */ (instance.names[fn.name]);
            const cold = await timedCall(instance.url, name);
            (i === 0 ? acc.freshRuntime : acc.runningRuntime).push(cold);
            acc.warm.push(await timedCall(instance.url, name));
          }
        } finally {
          await instance.stop();
          removeServiceDir(service.dir);
        }
      }
    }
    /** @type {Record<string, unknown>} */
    const tools = {};
    for (const tool of ready) {
      const { freshRuntime, runningRuntime, warm, readyMs } = /** @type {(typeof samples)[string]} */ (
        samples[tool.id]
      );
      const all = [...freshRuntime, ...runningRuntime];
      tools[tool.id] = {
        label: tool.label,
        coldMs: summarize(all, 1),
        coldMedianMs: round(median(all), 1),
        coldFreshRuntimeMs: summarize(freshRuntime, 1),
        coldRunningRuntimeMs: summarize(runningRuntime, 1),
        warmMedianMs: round(median(warm), 2),
        readyMs: summarize(readyMs, 0),
        readyMedianMs: round(median(readyMs), 0),
      };
      console.error(
        `  ${tool.id.padEnd(20)} cold median ${round(median(all), 1)} ms  ready ${round(median(readyMs), 0)} ms`,
      );
    }
    return { rounds, functionsPerRound: FUNCTIONS, skipped, tools };
  },
};

runIfMain(import.meta.url, scenario);
