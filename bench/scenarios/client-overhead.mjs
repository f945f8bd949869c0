/**
 * Scenario 4, typed client against the raw SDK `InvokeCommand`: the same echo function on lambdaport's local runtime,
 * sequential calls in alternating batches from one process; overhead at p50 (target ≤ 5%). Also runs H5's
 * bench/client-overhead when it exists and keeps its output.
 * Run alone: node bench/scenarios/client-overhead.mjs
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { BENCH_DIR, REPO_DIR } from '../lib/paths.mjs';
import { QUIET_ENV } from '../lib/processes.mjs';
import { runIfMain } from '../lib/scenario.mjs';
import { makeServiceDir, removeServiceDir } from '../lib/service-dir.mjs';
import { ratio, round, summarize } from '../lib/stats.mjs';
import { lambdaport } from '../lib/tools/lambdaport.mjs';

/** @param {string} file @param {string[]} args @param {Record<string, string>} [env] */
function node(file, args, env = {}) {
  return execFileSync(process.execPath, [file, ...args], {
    cwd: REPO_DIR,
    encoding: 'utf8',
    env: { ...process.env, ...QUIET_ENV, ...env },
    timeout: 300_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** H5's own client benchmark, if it is there. */
function companion() {
  const dir = `${BENCH_DIR}/client-overhead`;
  const entry = ['run.mjs', 'index.mjs', 'bench.mjs'].map((f) => `${dir}/${f}`).find((f) => existsSync(f));
  if (!entry) {
    const files = existsSync(dir) ? readdirSync(dir).join(', ') : 'none';
    return { ran: false, reason: `no runnable bench/client-overhead (files: ${files})` };
  }
  try {
    return { ran: true, command: `node ${entry.slice(REPO_DIR.length + 1)}`, output: node(entry, []).trim() };
  } catch (error) {
    return { ran: false, reason: `${entry} failed: ${String(error).split('\n')[0]}` };
  }
}

/** @type {import('../lib/scenario.mjs').Scenario} */
export const scenario = {
  id: 'client-overhead',
  title: 'Typed client against the raw SDK InvokeCommand (same local function)',
  async run({ quick, lambdaport: status }) {
    if (!status.ok) return { skipped: { lambdaport: status.reason }, companion: companion() };
    const batch = quick ? 100 : 250;
    const rounds = quick ? 4 : 10;
    const service = makeServiceDir('client-overhead', [{ name: 'echo', file: 'echo.mjs' }]);
    const instance = await lambdaport.start(service);
    try {
      const out = JSON.parse(
        node(
          `${BENCH_DIR}/lib/hosts/client-timer.mjs`,
          [/** @type {string} */ (instance.names.echo), String(batch), String(rounds)],
          {
            AWS_ENDPOINT_URL: instance.url,
            LAMBDAPORT_STAGE: 'dev',
          },
        ),
      );
      const raw = summarize(out.rawMs, 4);
      const client = summarize(out.clientMs, 4);
      const overheadP50 = ratio(client.p50, raw.p50);
      const result = {
        batch,
        rounds,
        callsEach: out.rawMs.length,
        rawSdkMs: raw,
        typedClientMs: client,
        overheadP50Percent: overheadP50 === null ? null : round((overheadP50 - 1) * 100, 1),
        overheadMeanPercent: round(((client.mean - raw.mean) / raw.mean) * 100, 1),
        extraMsP50: round(client.p50 - raw.p50, 4),
      };
      console.error(
        `  raw p50 ${raw.p50} ms, typed p50 ${client.p50} ms: overhead ${result.overheadP50Percent}% (+${result.extraMsP50} ms)`,
      );
      return { ...result, companion: companion() };
    } finally {
      await instance.stop();
      removeServiceDir(service.dir);
    }
  },
};

runIfMain(import.meta.url, scenario);
