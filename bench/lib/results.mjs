/**
 * The results file of a day, bench/results/<YYYY-MM-DD>.json: machine info, peer versions and one entry per scenario.
 * A scenario run alone replaces only its own entry; every entry carries the time and load it was measured under.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { codeInfo, machineInfo } from './machine.mjs';
import { REPO_DIR, RESULTS_DIR } from './paths.mjs';

/** Today's date (UTC) as YYYY-MM-DD. */
export const today = () => new Date().toISOString().slice(0, 10);

/** @param {string} [date] */
export const resultsFile = (date = today()) => `${RESULTS_DIR}/${date}.json`;

/** @param {string} [file] */
export function readResults(file = resultsFile()) {
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** The newest results file, if any. */
export function latestResultsFile() {
  if (!existsSync(RESULTS_DIR)) return undefined;
  const files = readdirSync(RESULTS_DIR)
    .filter((f) => /^\d{4}-\d{2}-\d{2}\.json$/.test(f))
    .sort();
  const last = files[files.length - 1];
  return last ? `${RESULTS_DIR}/${last}` : undefined;
}

/**
 * Stores one scenario's result in today's file.
 * @param {string} id
 * @param {Record<string, unknown>} result
 * @param {Record<string, unknown>} [peers]
 */
export function saveScenario(id, result, peers) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = resultsFile();
  const existing = readResults(file) ?? { date: today(), scenarios: {} };
  existing.machine = machineInfo();
  if (peers) existing.peers = peers;
  existing.updatedAt = new Date().toISOString();
  existing.scenarios[id] = { ...result, code: codeInfo(REPO_DIR) };
  writeFileSync(file, `${JSON.stringify(existing, null, 2)}\n`);
  return file;
}
