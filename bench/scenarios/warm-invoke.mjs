/**
 * Scenario 1, warm invoke: the echo function through the Lambda Invoke API at concurrency 1, 16 and 64, every tool
 * under the same load generator; throughput and p50/p99 latency. All tools are started first, then each concurrency
 * level runs against each tool in turn, so drift in the machine's load spreads over all of them.
 * Run alone: node bench/scenarios/warm-invoke.mjs
 */
import { runLoad } from '../lib/load.mjs';
import { runIfMain } from '../lib/scenario.mjs';
import { makeServiceDir, removeServiceDir } from '../lib/service-dir.mjs';
import { availableTools } from '../lib/tools/index.mjs';

export const CONCURRENCY = [1, 16, 64];

/** @type {import('../lib/scenario.mjs').Scenario} */
export const scenario = {
  id: 'warm-invoke',
  title: 'Warm invoke through the Invoke API (echo function)',
  async run({ quick }) {
    const durationMs = quick ? 2_000 : 8_000;
    const warmupMs = quick ? 500 : 2_000;
    const { ready, skipped } = await availableTools();
    const service = makeServiceDir('warm-invoke', [{ name: 'echo', file: 'echo.mjs' }]);
    /** @type {Record<string, { label: string, readyMs: number, runs: Awaited<ReturnType<typeof runLoad>>[] }>} */
    const tools = {};
    const started = [];
    try {
      for (const tool of ready) {
        const instance = await tool.start(service);
        started.push({ tool, instance });
        tools[tool.id] = { label: tool.label, readyMs: Math.round(instance.readyMs), runs: [] };
      }
      for (const concurrency of CONCURRENCY) {
        for (const { tool, instance } of started) {
          const result = await runLoad({
            url: instance.url,
            functionName: /** @type {string} */ (instance.names.echo),
            concurrency,
            durationMs,
            warmupMs,
          });
          tools[tool.id]?.runs.push(result);
          console.error(
            `  ${tool.id.padEnd(20)} c=${String(concurrency).padStart(2)}  ${String(result.throughput).padStart(8)} req/s  p50 ${result.latencyMs.p50} ms  p99 ${result.latencyMs.p99} ms  errors ${result.errors} wrong ${result.wrong}`,
          );
        }
      }
    } finally {
      await Promise.all(started.map(({ instance }) => instance.stop()));
      removeServiceDir(service.dir);
    }
    return { durationMs, warmupMs, concurrency: CONCURRENCY, skipped, tools };
  },
};

runIfMain(import.meta.url, scenario);
