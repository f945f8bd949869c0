/**
 * Scenario 1, warm invoke: the echo function through the Lambda Invoke API at concurrency 1, 16 and 64. Every request
 * is an Invoke as the AWS SDK sends it, signed with the key `test` (lambdaport verifies it; the others ignore it).
 * All tools are started first; at each level, interleaved rounds give every tool the same load in turn (order reversed
 * every other round), so drift in the machine's load hits all of them alike.
 * - Throughput: autocannon in a process of its own replays the signed request (lib/cannon.mjs); median of the rounds,
 *   with the generator's and the server's CPU share beside it.
 * - Latency: the bench's own generator (lib/load.mjs, sub-millisecond resolution) replays the same signed request;
 *   percentiles over all rounds, cross-checked against autocannon's (1 ms resolution) in the report.
 * - What verifying SigV4 costs lambdaport: autocannon again, requests signed with a key it does not know (accepted
 *   unverified) against its own key `test` (verified).
 * Run alone: node bench/scenarios/warm-invoke.mjs
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { runCannonRounds } from '../lib/cannon.mjs';
import { runRounds } from '../lib/load.mjs';
import { runIfMain } from '../lib/scenario.mjs';
import { captureInvokeRequest } from '../lib/sdk-request.mjs';
import { makeServiceDir, removeServiceDir } from '../lib/service-dir.mjs';
import { availableTools } from '../lib/tools/index.mjs';

export const CONCURRENCY = [1, 16, 64];
const KNOWN_KEY = { accessKeyId: 'test', secretAccessKey: 'test' };
const UNKNOWN_KEY = { accessKeyId: 'BENCHKEY', secretAccessKey: 'bench' };

/** The autocannon version installed for the bench. */
function autocannonVersion() {
  const require = createRequire(import.meta.url);
  return JSON.parse(readFileSync(require.resolve('autocannon/package.json'), 'utf8')).version;
}

/** @param {string} what @param {string} key @param {number} round @param {{ concurrency?: number, connections?: number, throughput: number, latencyMs: { p50: number | null, p99: number | null }, generatorCpuPercent: number | null, errors: number, wrong: number }} r */
function progress(what, key, round, r) {
  console.error(
    `  ${what.padEnd(10)} ${key.padEnd(28)} c=${String(r.concurrency ?? r.connections).padStart(2)} round ${round + 1}  ${String(r.throughput).padStart(8)} req/s  p50 ${r.latencyMs.p50} ms  p99 ${r.latencyMs.p99} ms  generator CPU ${r.generatorCpuPercent}%  errors ${r.errors} wrong ${r.wrong}`,
  );
}

/** @type {import('../lib/scenario.mjs').Scenario} */
export const scenario = {
  id: 'warm-invoke',
  title: 'Warm invoke through the Invoke API (echo function, SDK-signed requests)',
  async run({ quick }) {
    const rounds = quick ? 1 : 3;
    // A long first warm-up: serverless-offline starts a worker thread per concurrent call the first time.
    const cannon = { durationS: quick ? 2 : 3, warmupS: 1, firstWarmupS: quick ? 2 : 3 };
    const latency = {
      durationMs: quick ? 1_000 : 3_000,
      warmupMs: quick ? 300 : 500,
      firstWarmupMs: quick ? 500 : 1_000,
    };
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
      const targets = started.map(({ tool, instance }) => {
        const functionName = /** @type {string} */ (instance.names.echo);
        return {
          key: tool.id,
          url: instance.url,
          functionName,
          pid: instance.pid,
          verifies: tool.id === 'lambdaport',
          credentials: KNOWN_KEY,
          capture: () => captureInvokeRequest({ url: instance.url, functionName, credentials: KNOWN_KEY }),
        };
      });
      for (const concurrency of CONCURRENCY) {
        const byCannon = await runCannonRounds(targets, {
          connections: concurrency,
          rounds,
          ...cannon,
          onRound: (key, round, r) => progress('autocannon', key, round, r),
        });
        const byOwn = await runRounds(targets, {
          concurrency,
          rounds,
          ...latency,
          onRound: (key, round, r) => progress('latency', key, round, r),
        });
        for (const { key } of targets) {
          const c = byCannon[key];
          const own = byOwn[key];
          if (!c || !own) continue;
          tools[key]?.runs.push({
            concurrency,
            rounds,
            throughput: c.throughput,
            roundThroughputs: c.roundThroughputs,
            generatorCpuPercent: c.generatorCpuPercent,
            serverCpuPercent: c.serverCpuPercent,
            cannonLatencyMs: c.latencyMs,
            requests: c.requests,
            unanswered: c.unanswered,
            ok: c.ok,
            errors: c.errors + c.non2xx,
            wrong: c.wrong,
            latencyMs: own.latencyMs,
            ownGenerator: {
              throughput: own.throughput,
              roundThroughputs: own.roundThroughputs,
              generatorCpuPercent: own.generatorCpuPercent,
              requests: own.requests,
              errors: own.errors,
              wrong: own.wrong,
            },
          });
        }
      }
      const lp = targets.find((t) => t.key === 'lambdaport');
      if (lp) {
        const signedTargets = [
          { ...lp, key: 'unverified', credentials: UNKNOWN_KEY, verifies: false },
          { ...lp, key: 'verified', credentials: KNOWN_KEY, verifies: true },
        ];
        for (const concurrency of [1, 16]) {
          const results = await runCannonRounds(signedTargets, {
            connections: concurrency,
            rounds,
            ...cannon,
            onRound: (key, round, r) => progress('signature', `lambdaport, ${key}`, round, r),
          });
          for (const [variant, r] of Object.entries(results)) signatures.push({ variant, ...r });
        }
      }
    } finally {
      await Promise.all(started.map(({ instance }) => instance.stop()));
      removeServiceDir(service.dir);
    }
    return {
      rounds,
      throughputGenerator: { name: 'autocannon', version: autocannonVersion(), ...cannon },
      latencyGenerator: { name: 'bench/lib/load.mjs', ...latency },
      concurrency: CONCURRENCY,
      skipped,
      tools,
      signatures,
    };
  },
};

runIfMain(import.meta.url, scenario);
