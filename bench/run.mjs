#!/usr/bin/env node
/**
 * The whole benchmark suite (about ten minutes on a 2-core machine, plus 5 to 25 for `synth`, whose hand-written
 * 50-function CDK app runs esbuild once per function), or the scenarios named on the command line;
 * then the report (docs/benchmarks.md, its charts and the README's "How fast" section) from today's results file,
 * the targets' verdicts, and lambdaport ÷ bare and ÷ serverless-offline throughput at each concurrency.
 *   npm run bench                                   (from the repo root: build first, then this)
 *   npm run bench --workspace bench -- warm-invoke cold-start
 *   BENCH_QUICK=1 node bench/run.mjs                (short phases, to check the bench itself)
 */
import { relative } from 'node:path';
import { REPO_DIR } from './lib/paths.mjs';
import { readResults, resultsFile } from './lib/results.mjs';
import { runScenario } from './lib/scenario.mjs';
import { checkTargets } from './lib/targets.mjs';
import { warmRatios } from './report/data.mjs';
import { writeReport } from './report.mjs';
import { scenario as asyncEvents } from './scenarios/async.mjs';
import { scenario as clientOverhead } from './scenarios/client-overhead.mjs';
import { scenario as coldStart } from './scenarios/cold-start.mjs';
import { scenario as events } from './scenarios/events.mjs';
import { scenario as handler } from './scenarios/handler.mjs';
import { scenario as hotReload } from './scenarios/hot-reload.mjs';
import { scenario as iam } from './scenarios/iam.mjs';
import { scenario as scale } from './scenarios/scale.mjs';
import { scenario as synth } from './scenarios/synth.mjs';
import { scenario as warmInvoke } from './scenarios/warm-invoke.mjs';

const ALL = [warmInvoke, coldStart, hotReload, clientOverhead, handler, scale, synth, asyncEvents, events, iam];

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((w) => !ALL.some((s) => s.id === w));
if (unknown.length > 0) {
  console.error(`unknown scenario(s): ${unknown.join(', ')}; known: ${ALL.map((s) => s.id).join(', ')}`);
  process.exit(2);
}
const selected = wanted.length > 0 ? ALL.filter((s) => wanted.includes(s.id)) : ALL;

const t0 = Date.now();
let failed = 0;
for (const scenario of selected) {
  try {
    await runScenario(scenario);
  } catch (error) {
    failed++;
    console.error(`bench: ${scenario.id} FAILED:`, error);
  }
}
const file = resultsFile();
const results = readResults(file);
if (results) {
  const out = writeReport(file);
  console.log(
    `\nbench: ${selected.length} scenario(s) in ${Math.round((Date.now() - t0) / 1000)} s → ${relative(REPO_DIR, file)}`,
  );
  console.log(
    `bench: report → ${relative(REPO_DIR, out.markdown)} (+ ${out.charts.length} charts) and the README's "How fast" section\n`,
  );
  for (const t of checkTargets(results)) {
    const verdict = t.met === null ? 'not measured' : t.met ? 'met' : `MISSED: ${t.shortfall}`;
    console.log(`  ${t.target}\n      ${t.measured} → ${verdict}`);
  }
  printRatios(results);
}

/** lambdaport ÷ bare and ÷ serverless-offline throughput at each concurrency, with autocannon's CPU share. @param {any} results */
function printRatios(results) {
  const rows = warmRatios(results);
  if (rows.length === 0) return;
  const x = (/** @type {number | null} */ v) => (v === null ? 'n/a' : `${v.toFixed(2)}×`);
  const cpu = (/** @type {any} */ r) =>
    typeof r?.generatorCpuPercent === 'number' ? `${r.generatorCpuPercent}%` : 'n/a';
  console.log(
    '\n  warm invoke throughput (autocannon): lambdaport ÷ bare, ÷ serverless-offline; autocannon CPU (% of one core)',
  );
  for (const r of rows) {
    console.log(
      `    c=${String(r.concurrency).padStart(2)}  ÷ bare ${x(r.vsBare).padStart(6)}  ÷ serverless-offline ${x(r.vsSls).padStart(6)}` +
        `   (${r.lambdaport?.throughput ?? 'n/a'} / ${r.bare?.throughput ?? 'n/a'} / ${r.sls?.throughput ?? 'n/a'} req/s;` +
        ` autocannon CPU ${cpu(r.lambdaport)} / ${cpu(r.bare)} / ${cpu(r.sls)})`,
    );
  }
}
if (failed > 0) process.exitCode = 1;
