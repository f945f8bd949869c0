/**
 * Scenario 1, warm invoke: the echo function through the Lambda Invoke API at concurrency 1, 16 and 64, every tool
 * under the same load generator; throughput and p50/p99 latency. All tools are started first; at each concurrency
 * level, interleaved rounds give every tool the same load in turn (order reversed every other round), so drift in the
 * machine's load hits all of them alike. Throughput is the median of the rounds; latency percentiles pool all requests.
 * Then, for lambdaport alone, what verifying SigV4 costs: requests really signed (the SDK's signer) with a key it does
 * not know (accepted unverified) against its own key `test` (verified); the client's signing cost is the same in both.
 * Run alone: node bench/scenarios/warm-invoke.mjs
 */
import { makeSigner, runRounds } from '../lib/load.mjs';
import { runIfMain } from '../lib/scenario.mjs';
import { makeServiceDir, removeServiceDir } from '../lib/service-dir.mjs';
import { availableTools } from '../lib/tools/index.mjs';

export const CONCURRENCY = [1, 16, 64];

/** @param {string} key @param {number} round @param {{ concurrency: number, throughput: number, latencyMs: { p50: number, p99: number }, errors: number, wrong: number }} r */
function progress(key, round, r) {
  console.error(
    `  ${key.padEnd(28)} c=${String(r.concurrency).padStart(2)} round ${round + 1}  ${String(r.throughput).padStart(8)} req/s  p50 ${r.latencyMs.p50} ms  p99 ${r.latencyMs.p99} ms  errors ${r.errors} wrong ${r.wrong}`,
  );
}

/** @type {import('../lib/scenario.mjs').Scenario} */
export const scenario = {
  id: 'warm-invoke',
  title: 'Warm invoke through the Invoke API (echo function)',
  async run({ quick }) {
    const rounds = quick ? 1 : 3;
    const durationMs = quick ? 2_000 : 3_000;
    const warmupMs = quick ? 300 : 500;
    const firstWarmupMs = quick ? 500 : 2_000;
    const { ready, skipped } = await availableTools();
    const service = makeServiceDir('warm-invoke', [{ name: 'echo', file: 'echo.mjs' }]);
    /** @type {Record<string, { label: string, readyMs: number, runs: Record<string, unknown>[] }>} */
    const tools = {};
    const started = [];
    /** @type {Record<string, unknown>[]} */
    const signatures = [];
    try {
      for (const tool of ready) {
        const instance = await tool.start(service);
        started.push({ tool, instance });
        tools[tool.id] = { label: tool.label, readyMs: Math.round(instance.readyMs), runs: [] };
      }
      const targets = started.map(({ tool, instance }) => ({
        key: tool.id,
        url: instance.url,
        functionName: /** @type {string} */ (instance.names.echo),
      }));
      for (const concurrency of CONCURRENCY) {
        const results = await runRounds(targets, {
          concurrency,
          rounds,
          durationMs,
          warmupMs,
          firstWarmupMs,
          onRound: progress,
        });
        for (const [key, r] of Object.entries(results)) tools[key]?.runs.push(r);
      }
      const lp = targets.find((t) => t.key === 'lambdaport');
      if (lp) {
        const unknownKey = await makeSigner({ accessKeyId: 'BENCHKEY', secretAccessKey: 'bench' });
        const knownKey = await makeSigner({ accessKeyId: 'test', secretAccessKey: 'test' });
        const signedTargets = [
          { ...lp, key: 'unverified', sign: unknownKey },
          { ...lp, key: 'verified', sign: knownKey },
        ];
        for (const concurrency of [1, 16]) {
          const results = await runRounds(signedTargets, {
            concurrency,
            rounds,
            durationMs,
            warmupMs,
            onRound: (key, round, r) => progress(`lambdaport signed, ${key}`, round, r),
          });
          for (const [variant, r] of Object.entries(results)) signatures.push({ variant, ...r });
        }
      }
    } finally {
      await Promise.all(started.map(({ instance }) => instance.stop()));
      removeServiceDir(service.dir);
    }
    return { rounds, durationMs, warmupMs, firstWarmupMs, concurrency: CONCURRENCY, skipped, tools, signatures };
  },
};

runIfMain(import.meta.url, scenario);
