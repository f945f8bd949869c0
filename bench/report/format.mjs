/** How figures are written in the report: numbers, ratios, tool names and colours, the machine. */
import { round } from '../lib/stats.mjs';
import { formatValue } from '../lib/svg.mjs';

const TOOL_LABEL = { lambdaport: 'lambdaport', 'serverless-offline': 'serverless-offline', bare: 'bare node:http' };
const TOOL_COLOR = { lambdaport: '#2563eb', 'serverless-offline': '#dc2626', bare: '#6b7280' };

/** A figure, compact, or `n/a`. @param {number | null | undefined} v @param {string} [unit] */
export const fmt = (v, unit = '') => (typeof v === 'number' && Number.isFinite(v) ? `${formatValue(v)}${unit}` : 'n/a');

/** A ratio in bold, or `n/a`. @param {number | null} r */
export const fmtRatio = (r) => (r === null ? 'n/a' : `**${r >= 10 ? round(r, 1) : round(r, 2)}×**`);

/** A CPU share in % of one core, or `n/a`. @param {number | null | undefined} v */
export const fmtCpu = (v) => (typeof v === 'number' ? `${v}%` : 'n/a');

/** @param {string} id */
export const label = (id) => /** @type {Record<string, string>} */ (TOOL_LABEL)[id] ?? id;

/** @param {string} id */
export const color = (id) => /** @type {Record<string, string>} */ (TOOL_COLOR)[id];

/** @param {any} m */
export function machineLine(m) {
  if (!m) return 'unknown';
  return `${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.platform}, Node ${m.node}`;
}

/** The tools a scenario could not measure, as a sentence (or nothing). @param {any} scenario */
export function skippedLine(scenario) {
  const entries = Object.entries(scenario?.skipped ?? {});
  return entries.length ? `Not measured in this run: ${entries.map(([id, why]) => `${id} (${why})`).join('; ')}.` : '';
}

/** A markdown table row. @param {unknown[]} cells */
export const row = (cells) => `| ${cells.join(' | ')} |`;
