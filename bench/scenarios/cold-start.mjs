/**
 * Scenario 2, cold start: the first call to a function that has never run.
 * - The records example (examples/records, function `get`: init loads zod and the AWS SDK, the call reads DynamoDB),
 *   on lambdaport alone: the function the 150 ms target is set for. Each round starts lambdaport afresh on the
 *   example. The target's figure is a cold start in the running runtime (a new environment while one is busy: the
 *   bundle is built and the pre-booted spare is up, as after any scale-out or idle reap). Beside it, the first call
 *   after start, which also builds the bundle: rounds alternate between calling as soon as the runtime is ready and
 *   after a 1 s pause (a developer's pause). One unmeasured start first writes the bundle's code cache, as any earlier
 *   `lambdaport dev` would have.
 * - An echo function on every tool, for comparison: each round starts the tool afresh on a new service folder with
 *   several echo functions; the first call to the first function is a cold start of a fresh runtime, the first call
 *   to each other function a cold start in a running one. Also each tool's time to ready (process start →
 *   listening). Rounds interleave the tools; medians of all rounds.
 * Run alone: node bench/scenarios/cold-start.mjs
 */
import { performance } from 'node:perf_hooks';
import { invokeOnce } from '../lib/load.mjs';
import { REPO_DIR } from '../lib/paths.mjs';
import { sleep } from '../lib/processes.mjs';
import { runIfMain } from '../lib/scenario.mjs';
import { makeServiceDir, removeServiceDir } from '../lib/service-dir.mjs';
import { median, round, summarize } from '../lib/stats.mjs';
import { availableTools } from '../lib/tools/index.mjs';
import { lambdaport } from '../lib/tools/lambdaport.mjs';

const FUNCTIONS = 3;
const RECORDS_PAUSE_MS = 1_000;

/**
 * @param {string} url
 * @param {string} functionName
 * @param {string} [body]
 */
async function timedCall(url, functionName, body = `{"id":1,"name":"cold"}`) {
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
  async run({ quick, lambdaport: lambdaportStatus }) {
    const records = lambdaportStatus.ok ? await recordsColdStarts(quick ? 2 : 6) : undefined;
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
    return { rounds, functionsPerRound: FUNCTIONS, skipped, tools, ...(records ? { records } : {}) };
  },
};

runIfMain(import.meta.url, scenario);

/**
 * Cold starts of the records example's `get` on lambdaport. Each round starts a fresh runtime and times
 * - its first Invoke: even rounds at once, odd rounds after a pause (this call also builds the bundle);
 * - then, after a pause, a cold start in the running runtime: two Invokes at once while one environment is warm, so
 *   one of them needs a new environment (bundle built, pre-booted spare up); the slower of the two is that cold start.
 * @param {number} rounds
 */
async function recordsColdStarts(rounds) {
  const service = { dir: `${REPO_DIR}/examples/records`, functions: [], lambdaportNames: {}, slsNames: {} };
  const body = '{"id":1}';
  /** @param {number} firstPauseMs */
  const once = async (firstPauseMs) => {
    const instance = await lambdaport.start(service);
    try {
      const name = /** @type {string} */ (instance.names.get);
      if (firstPauseMs > 0) await sleep(firstPauseMs);
      const first = await timedCall(instance.url, name, body);
      const warm = await timedCall(instance.url, name, body);
      await sleep(RECORDS_PAUSE_MS);
      const pair = await Promise.all([timedCall(instance.url, name, body), timedCall(instance.url, name, body)]);
      return { first, warm, scaleOut: Math.max(...pair), readyMs: instance.readyMs };
    } finally {
      await instance.stop();
    }
  };
  await once(RECORDS_PAUSE_MS); // builds the bundle and its code cache; not measured
  /** @type {{ firstImmediate: number[], firstPaused: number[], scaleOut: number[], warm: number[], readyMs: number[] }} */
  const acc = { firstImmediate: [], firstPaused: [], scaleOut: [], warm: [], readyMs: [] };
  for (let r = 0; r < rounds; r++) {
    const paused = r % 2 === 1;
    const sample = await once(paused ? RECORDS_PAUSE_MS : 0);
    (paused ? acc.firstPaused : acc.firstImmediate).push(sample.first);
    acc.scaleOut.push(sample.scaleOut);
    acc.warm.push(sample.warm);
    acc.readyMs.push(sample.readyMs);
  }
  const stats = (/** @type {number[]} */ xs) => ({ ms: summarize(xs, 1), medianMs: round(median(xs), 1) });
  const result = {
    function: 'examples/records get (Invoke {"id":1}: init loads zod and the AWS SDK, the call is a DynamoDB GetItem)',
    pauseMs: RECORDS_PAUSE_MS,
    rounds,
    runningRuntime: stats(acc.scaleOut),
    firstCallPaused: stats(acc.firstPaused),
    firstCallImmediate: stats(acc.firstImmediate),
    warmMedianMs: round(median(acc.warm), 2),
    readyMedianMs: round(median(acc.readyMs), 0),
  };
  console.error(
    `  records get          cold start in a running runtime: median ${result.runningRuntime.medianMs} ms; first call after start: ${result.firstCallPaused.medianMs} ms after a pause, ${result.firstCallImmediate.medianMs} ms at once`,
  );
  return result;
}
