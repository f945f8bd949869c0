/** The scale section: 100 functions, time to ready and memory over three batches of calls. */
import { round } from '../../lib/stats.mjs';
import { image } from '../charts.mjs';
import { scenarios, TOOL_ORDER } from '../data.mjs';
import { label, row, skippedLine } from '../format.mjs';

const STEPS = ['idle', 'afterFirst', 'afterSecond', 'afterThird'];

/** @param {any} results */
export function scaleSection(results) {
  const sc = scenarios(results).scale;
  if (!sc) return ['## Scale: 100 functions', '', 'Not measured in this results file.', ''];
  const n = sc.callsPerBatch;
  const lines = [
    `## Scale: ${sc.functions} functions`,
    '',
    `One service with ${sc.functions} echo functions. Time to ready; memory at idle; then ${sc.batches ?? 3} batches of ${n.toLocaleString('en')} calls`,
    `spread over all functions (concurrency ${sc.concurrency}), memory after each (1 s after the batch; lambdaport's front door also`,
    'reports its heap and external memory after a forced GC). The first batch legitimately starts execution environments,',
    'so growth is judged on the last batch. "Tree" is every process of the tool (lambdaport: the front door and its',
    'execution environments, one OS process each; serverless-offline: one process with worker threads). A leak shows',
    'as retained memory (heap + external after a forced GC) that keeps rising; RSS also moves with the allocator, which',
    'keeps freed pages for a while, so it can step up or down by tens of MiB between batches without anything retained.',
    '',
    image('scale-memory.svg'),
    '',
    `| tool | ready ms | processes | memory (front door or leader / whole tree, MiB): idle → after ${n} → ${2 * n} → ${3 * n} | last batch: growth | front door heap + external after GC, MiB | req/s per batch | errors |`,
    '|---|---:|---:|---|---|---|---|---:|',
  ];
  for (const id of TOOL_ORDER.filter((t) => sc.tools?.[t]?.memory?.afterThird)) {
    const t = sc.tools[id];
    const m = t.memory;
    const heap =
      m.idle.leaderHeapUsedMiB === undefined
        ? 'n/a'
        : STEPS.map((k) => round(m[k].leaderHeapUsedMiB + m[k].leaderExternalMiB, 1)).join(' → ');
    lines.push(
      row([
        label(id),
        t.readyMs,
        m.afterThird.processes,
        STEPS.map((k) => `${m[k].leaderMiB} / ${m[k].treeMiB}`).join(' → '),
        `leader ${m.growth.leaderMiB}, tree ${m.growth.treeMiB}`,
        heap,
        t.batches.map((/** @type {any} */ b) => b.throughput).join(', '),
        t.batches.reduce((/** @type {number} */ k, /** @type {any} */ b) => k + b.errors + b.wrong, 0),
      ]),
    );
  }
  return [...lines, '', ...budgetLines(sc), skippedLine(sc), ''];
}

/**
 * lambdaport's memory budget in the same run: what its environments hold, counted three ways, and the run under a
 * budget that forces evictions. Nothing when the results file predates the budget.
 * @param {any} sc
 */
function budgetLines(sc) {
  const lp = sc.tools?.lambdaport;
  if (!lp?.environments) return [];
  const e = lp.environments;
  const n = sc.callsPerBatch.toLocaleString('en');
  const lines = [
    `lambdaport's execution environments and spares after the last batch: ${e.processes} processes holding ${e.budgetMiB} MiB as its memory budget counts them (each one's private memory, ${e.privateMiB} MiB together, plus the Node binary's shared pages once, ${e.sharedOnceMiB} MiB); the kernel's summed PSS is ${e.pssMiB} MiB, and summed RSS ${e.rssSumMiB} MiB (RSS counts Node's own code, the same pages for every process, once per process). Sampled every 200 ms through each batch, the budget's figure peaked at ${lp.budget.sampledMaxMiB.join(' / ')} MiB under the default budget of ${lp.budget.limitMb.toLocaleString('en')} MB (${lp.budget.evictions} evictions).`,
    '',
  ];
  const b = sc.budgeted;
  if (b) {
    const warm = lp.batches[lp.batches.length - 1]?.throughput;
    lines.push(
      `Under a budget that forces evictions (\`--max-memory ${b.maxMemoryMb}\`) and calls spread evenly over all ${sc.functions} functions, LRU's worst case (every call finds its function's environment stopped, so every call is a cold start): ${b.batch.throughput} req/s over ${n} calls (p50 ${b.batch.latencyMs.p50} ms, ${b.batch.errors + b.batch.wrong} errors) against ${warm} req/s for the last batch above with every environment warm; ${b.budget.evictions.toLocaleString('en')} evictions. The budget's figure peaked at ${b.sampledMaxMiB} MiB (${b.samples} samples), under its ${b.maxMemoryMb} MB; PSS after the batch: ${b.environments.pssMiB} MiB.`,
      '',
    );
  }
  return lines;
}
