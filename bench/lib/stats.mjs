/** Small statistics helpers: percentiles by nearest rank on a sorted copy, median, summaries. */

/**
 * The p-th percentile (0..100) of the values, nearest-rank method.
 * @param {ArrayLike<number>} values
 * @param {number} p
 */
export function percentile(values, p) {
  const sorted = Float64Array.from(values).sort();
  return percentileOfSorted(sorted, p);
}

/** @param {Float64Array} sorted @param {number} p */
function percentileOfSorted(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** @param {ArrayLike<number>} values */
export function median(values) {
  const sorted = Float64Array.from(values).sort();
  if (sorted.length === 0) return Number.NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * min / p50 / p90 / p99 / max / mean of a sample, rounded for reading.
 * @param {ArrayLike<number>} values
 * @param {number} [digits]
 */
export function summarize(values, digits = 3) {
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  const r = (/** @type {number} */ v) => round(v, digits);
  return {
    n: sorted.length,
    min: r(sorted[0] ?? Number.NaN),
    p50: r(percentileOfSorted(sorted, 50)),
    p90: r(percentileOfSorted(sorted, 90)),
    p99: r(percentileOfSorted(sorted, 99)),
    max: r(sorted[sorted.length - 1] ?? Number.NaN),
    mean: r(sorted.length ? sum / sorted.length : Number.NaN),
  };
}

/** @param {number} value @param {number} [digits] */
export function round(value, digits = 3) {
  if (!Number.isFinite(value)) return value;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** a ÷ b rounded, or null when either is missing. @param {number | null | undefined} a @param {number | null | undefined} b */
export function ratio(a, b) {
  if (a == null || b == null || !Number.isFinite(a) || !Number.isFinite(b) || b === 0) return null;
  return round(a / b, 3);
}
