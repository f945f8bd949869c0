/**
 * Throughput of record: autocannon, in its own process (lib/hosts/cannon.mjs), replaying one Invoke request as the
 * AWS SDK sends it (captured from a real `LambdaClient`, signed by its SigV4 signer with the key `test`, which
 * lambdaport verifies). A fresh request is captured for every run, so its `x-amz-date` is seconds old. Beside each
 * figure: the CPU the generator used (its own `process.cpuUsage()`) and the CPU the server's whole process tree used
 * (from /proc), both in % of one core over the measured run; the machine has two cores (200%).
 */
import { spawn } from 'node:child_process';
import { BENCH_DIR } from './paths.mjs';
import { QUIET_ENV, treeCpuTicks } from './processes.mjs';
import { captureInvokeRequest, checkReplay, ECHO_BODY, headersWithoutLength } from './sdk-request.mjs';
import { median, round } from './stats.mjs';

const TICKS_PER_SECOND = 100;

/**
 * @typedef {{ key: string, url: string, functionName: string, pid?: number, verifies?: boolean, credentials?: { accessKeyId: string, secretAccessKey: string } }} CannonTarget
 * @typedef {{ connections: number, durationS: number, requests: number, unanswered: number, ok: number, non2xx: number, wrong: number, errors: number, timeouts: number, throughput: number, latencyMs: { p50: number, p90: number, p99: number, max: number, mean: number }, generatorCpuMs: number, generatorWallMs: number, generatorCpuPercent: number, serverCpuPercent: number | null }} CannonRun
 */

/**
 * One autocannon run against one target: capture a signed request, check the target answers it (and, for a target
 * that verifies signatures, refuses a forged one), then warm up and measure.
 * @param {CannonTarget} target
 * @param {{ connections: number, durationS: number, warmupS: number }} options
 * @returns {Promise<CannonRun>}
 */
export async function runCannon(target, { connections, durationS, warmupS }) {
  const request = await captureInvokeRequest({
    url: target.url,
    functionName: target.functionName,
    body: ECHO_BODY,
    ...(target.credentials ? { credentials: target.credentials } : {}),
  });
  await checkReplay(target.url, request, { verifies: target.verifies === true });
  const spec = {
    url: target.url,
    method: request.method,
    path: request.path,
    headers: headersWithoutLength(request),
    body: request.body,
    expectBody: ECHO_BODY,
    connections,
    durationS,
    warmupS,
  };
  const child = spawn(process.execPath, [`${BENCH_DIR}/lib/hosts/cannon.mjs`, JSON.stringify(spec)], {
    env: { ...process.env, ...QUIET_ENV },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  /** @type {string[]} */
  const stderr = [];
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => stderr.push(chunk));
  let serverTicks0 = 0;
  let measuringSince = 0;
  const result = await new Promise((resolve, reject) => {
    let buffered = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'BENCH_MEASURING') {
          serverTicks0 = target.pid ? treeCpuTicks(target.pid) : 0;
          measuringSince = performance.now();
        } else if (line.startsWith('BENCH_RESULT ')) {
          const serverTicks = target.pid ? treeCpuTicks(target.pid) - serverTicks0 : null;
          const seconds = (performance.now() - measuringSince) / 1000;
          resolve({ ...JSON.parse(line.slice(13)), serverTicks, seconds });
        }
      }
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      reject(new Error(`autocannon exited (code ${code}) without a result: ${stderr.join('').slice(-2000)}`)),
    );
  });
  const { serverTicks, seconds, ...run } = result;
  return {
    ...run,
    generatorCpuPercent: round((run.generatorCpuMs / run.generatorWallMs) * 100, 0),
    serverCpuPercent: serverTicks === null ? null : round((serverTicks / TICKS_PER_SECOND / seconds) * 100, 0),
  };
}

/**
 * Interleaved rounds of autocannon runs: in each round every target gets the same load in turn (order reversed every
 * other round), so the machine's drift hits all alike. Per target: throughput, latency percentiles and CPU shares are
 * the medians of its rounds; counts are summed.
 * @param {CannonTarget[]} targets
 * @param {{ connections: number, rounds: number, durationS: number, warmupS: number, firstWarmupS?: number, onRound?: (key: string, round: number, run: CannonRun) => void }} options
 */
export async function runCannonRounds(targets, options) {
  /** @type {Map<string, CannonRun[]>} */
  const runs = new Map(targets.map((t) => [t.key, []]));
  for (let r = 0; r < options.rounds; r++) {
    const order = r % 2 === 0 ? targets : [...targets].reverse();
    for (const target of order) {
      const run = await runCannon(target, {
        connections: options.connections,
        durationS: options.durationS,
        warmupS: r === 0 ? (options.firstWarmupS ?? options.warmupS) : options.warmupS,
      });
      runs.get(target.key)?.push(run);
      options.onRound?.(target.key, r, run);
    }
  }
  return Object.fromEntries([...runs].map(([key, list]) => [key, summarizeRuns(list, options.connections)]));
}

/** @param {CannonRun[]} list @param {number} connections */
function summarizeRuns(list, connections) {
  const med = (/** @type {(r: CannonRun) => number | null} */ pick) => {
    const values = list.map(pick).filter((v) => typeof v === 'number');
    return values.length ? round(median(values), 1) : null;
  };
  const sum = (/** @type {(r: CannonRun) => number} */ pick) => list.reduce((k, r) => k + pick(r), 0);
  return {
    concurrency: connections,
    rounds: list.length,
    throughput: med((r) => r.throughput),
    roundThroughputs: list.map((r) => r.throughput),
    latencyMs: { p50: med((r) => r.latencyMs.p50), p99: med((r) => r.latencyMs.p99), max: med((r) => r.latencyMs.max) },
    generatorCpuPercent: med((r) => r.generatorCpuPercent),
    serverCpuPercent: med((r) => r.serverCpuPercent),
    requests: sum((r) => r.requests),
    unanswered: sum((r) => r.unanswered ?? 0),
    ok: sum((r) => r.ok),
    non2xx: sum((r) => r.non2xx),
    wrong: sum((r) => r.wrong),
    errors: sum((r) => r.errors + r.timeouts),
  };
}
