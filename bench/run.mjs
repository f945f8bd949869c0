#!/usr/bin/env node
/**
 * The whole benchmark suite (about ten minutes on a 2-core machine), or the scenarios named on the command line;
 * then the report (docs/benchmarks.md and its charts) from today's results file.
 *   npm run bench                                   (from the repo root: build first, then this)
 *   npm run bench --workspace bench -- warm-invoke cold-start
 *   BENCH_QUICK=1 node bench/run.mjs                (short phases, to check the bench itself)
 */
import { relative } from 'node:path';
import { REPO_DIR } from './lib/paths.mjs';
import { readResults, resultsFile } from './lib/results.mjs';
import { runScenario } from './lib/scenario.mjs';
import { checkTargets } from './lib/targets.mjs';
import { writeReport } from './report.mjs';
import { scenario as clientOverhead } from './scenarios/client-overhead.mjs';
import { scenario as coldStart } from './scenarios/cold-start.mjs';
import { scenario as handler } from './scenarios/handler.mjs';
import { scenario as hotReload } from './scenarios/hot-reload.mjs';
import { scenario as scale } from './scenarios/scale.mjs';
import { scenario as warmInvoke } from './scenarios/warm-invoke.mjs';

const ALL = [warmInvoke, coldStart, hotReload, clientOverhead, handler, scale];

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
  console.log(`bench: report → ${relative(REPO_DIR, out.markdown)} (+ ${out.charts.length} charts)\n`);
  for (const t of checkTargets(results)) {
    const verdict = t.met === null ? 'not measured' : t.met ? 'met' : `MISSED: ${t.shortfall}`;
    console.log(`  ${t.target}\n      ${t.measured} → ${verdict}`);
  }
}
if (failed > 0) process.exitCode = 1;
