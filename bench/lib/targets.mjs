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
    const vsSls = ratio(lp?.throughput, sls?.throughput);
    checks.push({
      id: `warm-vs-sls-c${c}`,
      target: `warm invoke, concurrency ${c}: ≥ 10× serverless-offline's throughput`,
      measured: vsSls === null ? 'not measured' : `${x(vsSls)} (${lp.throughput} vs ${sls.throughput} req/s)`,
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
        vsBare === null ? 'not measured' : `${round(vsBare * 100, 1)}% (${lp.throughput} vs ${bare.throughput} req/s)`,
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
  atMost('cold-start', 'cold start median ≤ 150 ms', s['cold-start']?.tools?.lambdaport?.coldMedianMs, 150, 'ms');
  atMost('hot-reload', 'hot reload median ≤ 300 ms', s['hot-reload']?.tools?.lambdaport?.medianMs, 300, 'ms');
  atMost('client-overhead', 'typed client overhead at p50 ≤ 5%', s['client-overhead']?.overheadP50Percent, 5, '%');
  const growth = s.scale?.tools?.lambdaport?.memory;
  if (growth) {
    const heap = growth.growth.leaderHeapUsedMiB;
    const rssPct = (growth.growth.leaderMiB / growth.afterFirst.leaderMiB) * 100;
    const treePct = (growth.growth.treeMiB / growth.afterFirst.treeMiB) * 100;
    const met = (heap === undefined || heap <= 2) && rssPct <= 5 && treePct <= 5;
    checks.push({
      id: 'memory-growth',
      target:
        'no memory growth over 10,000 calls (second 10,000 vs first: front door heap after GC ≤ +2 MiB, RSS ≤ +5%)',
      measured: `heap ${heap >= 0 ? '+' : ''}${heap} MiB, front door RSS ${round(rssPct, 1)}%, whole tree ${round(treePct, 1)}%`,
      met,
      ...(met ? {} : { shortfall: 'memory grew between the two batches of 10,000 calls' }),
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
