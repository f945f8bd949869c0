/** What every scenario shares: running alone or from run.mjs, the load snapshot around it, saving its result. */
import { realpathSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { loadSnapshot } from './machine.mjs';
import { ensurePeers } from './peers.mjs';
import { saveScenario } from './results.mjs';
import { lambdaport } from './tools/lambdaport.mjs';

/** True when the module with this URL is the program node was started with. @param {string} url */
export function isMain(url) {
  const argv1 = process.argv[1];
  if (!argv1) return false;
  try {
    return realpathSync(argv1) === realpathSync(fileURLToPath(url));
  } catch {
    return false;
  }
}

/** Quick mode (BENCH_QUICK=1): shorter phases, for checking the bench itself. Figures from it are not of record. */
export const QUICK = process.env.BENCH_QUICK === '1';

/**
 * @typedef {{ quick: boolean, lambdaport: { ok: boolean, reason?: string }, peers: Record<string, unknown> }} ScenarioContext
 * @typedef {{ id: string, title: string, peers?: false, run: (ctx: ScenarioContext) => Promise<Record<string, unknown>> }} Scenario
 *   peers: false for a scenario that compares against no peer (nothing is installed into bench/peers for it)
 */

/**
 * Runs one scenario, saves its result into today's results file and returns it.
 * @param {Scenario} scenario
 */
export async function runScenario(scenario) {
  const peers = scenario.peers === false ? undefined : ensurePeers();
  const lambdaportStatus = await lambdaport.available();
  if (!lambdaportStatus.ok) console.error(`bench: lambdaport is not measured: ${lambdaportStatus.reason}`);
  console.error(`bench: ${scenario.id}: ${scenario.title}${QUICK ? ' (quick mode)' : ''}`);
  const before = await loadSnapshot();
  const t0 = performance.now();
  const result = await scenario.run({ quick: QUICK, lambdaport: lambdaportStatus, peers: peers ?? {} });
  const record = {
    title: scenario.title,
    quick: QUICK,
    startedAt: before.at,
    durationS: Math.round((performance.now() - t0) / 100) / 10,
    loadBefore: before,
    loadAfter: await loadSnapshot(),
    lambdaport: lambdaportStatus,
    ...result,
  };
  const file = saveScenario(scenario.id, record, peers);
  console.error(`bench: ${scenario.id} done in ${record.durationS} s → ${file}`);
  return record;
}

/** Runs the scenario when its file is the main program; exits non-zero on failure. @param {string} url @param {Scenario} scenario */
export function runIfMain(url, scenario) {
  if (!isMain(url)) return;
  runScenario(scenario).then(
    (record) => console.log(JSON.stringify(record, null, 2)),
    (error) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
