/**
 * Scenario 4, typed client against the raw SDK `InvokeCommand`: the same echo function on lambdaport's local runtime,
 * sequential calls in alternating batches from one process; overhead at p50 (target ≤ 5%). The figures of record come
 * from the client's own benchmark, bench/client-overhead/run.mjs (over the wire, and without a network), when it is
 * there; otherwise this file measures the same thing itself (lib/hosts/client-timer.mjs).
 * Run alone: node bench/scenarios/client-overhead.mjs
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
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

/**
 * H5's own client benchmark (bench/client-overhead/run.mjs), the figures of record when it is there: over the wire
 * against the local runtime and without a network. Returns its JSON, or why it did not run.
 * @param {boolean} quick
 */
function companion(quick) {
  const entry = `${BENCH_DIR}/client-overhead/run.mjs`;
  if (!existsSync(entry)) return { ran: false, reason: 'bench/client-overhead/run.mjs does not exist' };
  const args = quick ? ['--batch', '100', '--rounds', '4'] : [];
  try {
    const lines = node(entry, args).trim().split('\n');
    return {
      ran: true,
      command: `node bench/client-overhead/run.mjs ${args.join(' ')}`.trim(),
      result: JSON.parse(lines[lines.length - 1] ?? ''),
    };
  } catch (error) {
    return { ran: false, reason: `bench/client-overhead/run.mjs failed: ${String(error).split('\n')[0]}` };
  }
}

/** @type {import('../lib/scenario.mjs').Scenario} */
export const scenario = {
  id: 'client-overhead',
  title: 'Typed client against the raw SDK InvokeCommand (same local function)',
  async run({ quick, lambdaport: status }) {
    if (!status.ok) return { skipped: { lambdaport: status.reason } };
    const h5 = companion(quick);
    const wire = h5.ran ? h5.result?.overTheWire : undefined;
    if (wire && !wire.skipped) {
      const result = {
        source: h5.command,
        batch: h5.result.batch,
        rounds: h5.result.rounds,
        callsEach: wire.calls,
        rawSdkMs: wire.rawMs,
        typedClientMs: wire.typedMs,
        overheadP50Percent: wire.overheadP50Percent,
        overheadMeanPercent: round(((wire.typedMs.mean - wire.rawMs.mean) / wire.rawMs.mean) * 100, 1),
        extraMsP50: round(wire.extraUsP50 / 1000, 4),
        ssmRequestsWhileTimed: wire.ssmRequestsWhileTimed,
        withoutNetwork: h5.result.withoutNetwork,
      };
      console.error(
        `  (${h5.command}) raw p50 ${wire.rawMs.p50} ms, typed p50 ${wire.typedMs.p50} ms: overhead ${wire.overheadP50Percent}%`,
      );
      return result;
    }
    return { ...(await ownMeasurement(quick)), companion: h5 };
  },
};

/**
 * The same comparison by this bench alone, used when bench/client-overhead is missing or fails.
 * @param {boolean} quick
 */
async function ownMeasurement(quick) {
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
      source: 'bench/lib/hosts/client-timer.mjs',
      batch,
      rounds,
      callsEach: out.rawMs.length,
      rawSdkMs: raw,
      typedClientMs: client,
      overheadP50Percent: overheadP50 === null ? null : round((overheadP50 - 1) * 100, 1),
      overheadMeanPercent: round(((client.mean - raw.mean) / raw.mean) * 100, 1),
      extraMsP50: round(client.p50 - raw.p50, 4),
    };
    console.error(`  raw p50 ${raw.p50} ms, typed p50 ${client.p50} ms: overhead ${result.overheadP50Percent}%`);
    return result;
  } finally {
    await instance.stop();
    removeServiceDir(service.dir);
  }
}

runIfMain(import.meta.url, scenario);
