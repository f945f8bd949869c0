/**
 * The issue's targets, checked against one results file: each says what was measured, whether it was met, and when
 * not, by how much. Used by the report and by run.mjs's summary.
 */
import { ratio, round } from './stats.mjs';

/**
 * @typedef {{ id: string, target: string, measured: string, met: boolean | null, shortfall?: string }} TargetCheck
 */

/** @param {number} v */
const x = (v) => `${round(v, 2)}×`;

/**
 * @param {any} results a parsed bench/results/<date>.json
 * @returns {TargetCheck[]}
 */
export function checkTargets(results) {
  const s = results?.scenarios ?? {};
  /** @type {TargetCheck[]} */
  const checks = [];
  const warm = s['warm-invoke'];
  const runsOf = (/** @type {string} */ id) => warm?.tools?.[id]?.runs ?? [];
  for (const c of warm?.concurrency ?? []) {
    const lp = runsOf('lambdaport').find((r) => r.concurrency === c);
    const sls = runsOf('serverless-offline').find((r) => r.concurrency === c);
    const bare = runsOf('bare').find((r) => r.concurrency === c);
    /** @param {any} a @param {any} b */
    const cpu = (a, b) =>
      typeof a?.generatorCpuPercent === 'number'
        ? `; generator CPU ${a.generatorCpuPercent}% and ${b?.generatorCpuPercent ?? 'n/a'}% of a core`
        : '';
    // serverless-offline starts a worker thread per concurrent call: under load it can answer nothing in a short run.
    const slsSilent = Boolean(lp && sls && sls.throughput === 0);
    const vsSls = slsSilent ? null : ratio(lp?.throughput, sls?.throughput);
    checks.push({
      id: `warm-vs-sls-c${c}`,
      target: `warm invoke, concurrency ${c}: ≥ 10× serverless-offline's throughput`,
      measured: slsSilent
        ? `${lp.throughput} vs 0 req/s: serverless-offline answered nothing within the measured run (${sls.unanswered ?? '?'} requests still open), so no ratio`
        : vsSls === null
          ? 'not measured'
          : `${x(vsSls)} (${lp.throughput} vs ${sls.throughput} req/s${cpu(lp, sls)})`,
      met: vsSls === null ? null : vsSls >= 10,
      ...(vsSls !== null && vsSls < 10
        ? { shortfall: `missed by ${round((1 - vsSls / 10) * 100, 0)}% (${x(vsSls)} of 10×)` }
        : {}),
    });
    const vsBare = ratio(lp?.throughput, bare?.throughput);
    checks.push({
      id: `warm-vs-bare-c${c}`,
      target: `warm invoke, concurrency ${c}: ≥ 25% of the bare server's throughput`,
      measured:
        vsBare === null
          ? 'not measured'
          : `${round(vsBare * 100, 1)}% (${lp.throughput} vs ${bare.throughput} req/s${cpu(lp, bare)})`,
      met: vsBare === null ? null : vsBare >= 0.25,
      ...(vsBare !== null && vsBare < 0.25
        ? { shortfall: `missed by ${round((0.25 - vsBare) * 100, 1)} percentage points` }
        : {}),
    });
  }
  const atMost = (
    /** @type {string} */ id,
    /** @type {string} */ target,
    /** @type {number | null | undefined} */ v,
    /** @type {number} */ limit,
    /** @type {string} */ unit,
  ) => {
    const known = typeof v === 'number' && Number.isFinite(v);
    checks.push({
      id,
      target,
      measured: known ? `${v}${unit === '%' ? '' : ' '}${unit}` : 'not measured',
      met: known ? v <= limit : null,
      ...(known && v > limit
        ? {
            shortfall: `${round(v - limit, 1)}${unit === '%' ? ' percentage points' : ` ${unit}`} over (${x(v / limit)} the target)`,
          }
        : {}),
    });
  };
  atMost(
    'cold-start',
    'cold start of the records example (`get`, a new environment in a running runtime) median ≤ 150 ms',
    s['cold-start']?.records?.runningRuntime?.medianMs,
    150,
    'ms',
  );
  atMost('hot-reload', 'hot reload median ≤ 300 ms', s['hot-reload']?.tools?.lambdaport?.medianMs, 300, 'ms');
  atMost('client-overhead', 'typed client overhead at p50 ≤ 5%', s['client-overhead']?.overheadP50Percent, 5, '%');
  const synth = s.synth?.cases ?? {};
  for (const [id, label] of [
    ['examples', 'the two examples'],
    ['generated50', 'a generated 50-function service'],
  ]) {
    const c = synth[id];
    const limit = s.synth?.targetRatio ?? 1.5;
    const r = typeof c?.ratio === 'number' ? c.ratio : null;
    checks.push({
      id: `synth-${id}`,
      target: `lambdaport synth of ${label}: median ≤ ${limit}× a hand-written CDK app of the same functions (NodejsFunction)`,
      measured:
        r === null
          ? 'not measured'
          : `${x(r)} (${c.lambdaport.medianMs} vs ${c.handWritten.medianMs} ms, medians of ${c.runs})`,
      met: r === null ? null : r <= limit,
      ...(r !== null && r > limit ? { shortfall: `${x(r / limit)} the target` } : {}),
    });
  }
  const memory = s.scale?.tools?.lambdaport?.memory;
  if (memory?.afterThird) {
    const g = memory.growth;
    const heap = round((g.leaderHeapUsedMiB ?? 0) + (g.leaderExternalMiB ?? 0), 2);
    const rssPct = round((g.leaderMiB / memory.afterSecond.leaderMiB) * 100, 1);
    const treePct = round((g.treeMiB / memory.afterSecond.treeMiB) * 100, 1);
    const earlier = memory.growthBefore;
    // Retained memory is what grows when something leaks; RSS also moves with the allocator (freed pages are not
    // returned promptly), so it is reported beside the verdict, not part of it.
    const met = heap <= 1;
    const sign = (/** @type {number} */ v) => (v > 0 ? `+${v}` : String(v));
    checks.push({
      id: 'memory-growth',
      target:
        "no memory growth over 10,000 calls (the third 10,000 against the second: the front door's retained memory, heap + external after a forced GC, grows ≤ 1 MiB; RSS reported beside it)",
      measured:
        `heap + external ${sign(heap)} MiB, front door RSS ${sign(rssPct)}% (${sign(g.leaderMiB)} MiB), whole tree ${sign(treePct)}%` +
        (earlier
          ? `; the batch before: front door RSS ${sign(earlier.leaderMiB)} MiB, heap ${sign(earlier.leaderHeapUsedMiB ?? 0)} MiB`
          : ''),
      met,
      ...(met
        ? {}
        : {
            shortfall: `the front door's retained memory grew by ${heap} MiB over 10,000 calls`,
          }),
    });
  } else {
    checks.push({
      id: 'memory-growth',
      target: 'no memory growth over 10,000 calls',
      measured: 'not measured',
      met: null,
    });
  }
  return checks;
}
