/**
 * The figures the report shows, read from one results file (bench/results/<date>.json): lookups and derived numbers
 * only, no wording. Every prose section, chart and the README section reads them from here.
 */
import { ratio, round } from '../lib/stats.mjs';

/** The tools of the invoke scenarios, in report order. */
export const TOOL_ORDER = ['lambdaport', 'serverless-offline', 'bare'];

/** @param {any} results */
export const scenarios = (results) => results?.scenarios ?? {};

/**
 * One tool's warm-invoke run at one concurrency.
 * @param {any} results @param {string} id @param {number} concurrency
 */
export function warmRun(results, id, concurrency) {
  return scenarios(results)['warm-invoke']?.tools?.[id]?.runs?.find(
    (/** @type {any} */ r) => r.concurrency === concurrency,
  );
}

/** The concurrency levels of the warm-invoke scenario. @param {any} results @returns {number[]} */
export const warmLevels = (results) => scenarios(results)['warm-invoke']?.concurrency ?? [];

/** The tools measured in the warm-invoke scenario, in report order. @param {any} results */
export const warmTools = (results) => TOOL_ORDER.filter((id) => scenarios(results)['warm-invoke']?.tools?.[id]);

/**
 * lambdaport ÷ serverless-offline and ÷ bare throughput at each concurrency, with each tool's generator CPU share.
 * @param {any} results
 */
export function warmRatios(results) {
  return warmLevels(results).map((c) => {
    const [lp, sls, bare] = TOOL_ORDER.map((id) => warmRun(results, id, c));
    return {
      concurrency: c,
      lambdaport: lp,
      sls,
      bare,
      vsSls: ratio(lp?.throughput, sls?.throughput),
      vsBare: ratio(lp?.throughput, bare?.throughput),
      bareVsSls: ratio(bare?.throughput, sls?.throughput),
    };
  });
}

/** The median time to ready of a cold-start entry (older files kept only the nearest-rank p50). @param {any} entry */
export const readyOf = (entry) => entry?.readyMedianMs ?? entry?.readyMs?.p50;

/** Bytes → KB with one decimal. @param {number | undefined} bytes */
export const kb = (bytes) => (typeof bytes === 'number' ? round(bytes / 1024, 1) : undefined);

/** A handler bundle's size without zod (which all three variants share). @param {any} variant */
export function withoutZod(variant) {
  if (!variant) return undefined;
  return variant.bundle.bytes - (variant.bundle.byPackage.zod ?? 0);
}

/** Whether any scenario of the file ran in quick mode (short phases: not figures of record). @param {any} results */
export const anyQuick = (results) => Object.values(scenarios(results)).some((s) => /** @type {any} */ (s).quick);

/** The distinct code versions the scenarios measured. @param {any} results */
export function codeVersions(results) {
  return [
    ...new Set(Object.values(scenarios(results)).map((sc) => JSON.stringify(/** @type {any} */ (sc).code ?? null))),
  ]
    .map((c) => JSON.parse(c))
    .filter(Boolean);
}

/** The highest load average (1 min) seen around any scenario of the file. @param {any} results */
export function peakLoad(results) {
  const loads = Object.values(scenarios(results)).flatMap((/** @type {any} */ sc) => [
    sc.loadBefore?.loadAverage?.[0],
    sc.loadAfter?.loadAverage?.[0],
  ]);
  const known = loads.filter((v) => typeof v === 'number');
  return known.length ? Math.max(...known) : undefined;
}
