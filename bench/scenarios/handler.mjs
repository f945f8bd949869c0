/**
 * Scenario 5, handler: the records handler written with lambdaport (`invokeHandler`) against the same handler written
 * with Middy + the Powertools parser, and a hand-written zod handler as the floor. Per-call overhead (in process,
 * in-memory repository), bundle size (esbuild ESM, minified, AWS SDK external) and import time of the bundle in a fresh
 * Node process. Also runs H1's bench/handler-overhead and bench/bundle-size when they exist, and keeps their output.
 * Run alone: node bench/scenarios/handler.mjs
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { bundleHandler } from '../lib/bundle.mjs';
import { BENCH_DIR, FUNCTIONS_DIR, REPO_DIR } from '../lib/paths.mjs';
import { QUIET_ENV } from '../lib/processes.mjs';
import { runIfMain } from '../lib/scenario.mjs';
import { median, round, summarize } from '../lib/stats.mjs';

const VARIANTS = [
  { id: 'lambdaport', label: 'lambdaport invokeHandler', file: 'records-lambdaport.mjs' },
  { id: 'middy', label: 'Middy + Powertools parser', file: 'records-middy.mjs' },
  { id: 'plain', label: 'hand-written zod', file: 'records-plain.mjs' },
];

/** @param {string[]} args */
function node(args) {
  return execFileSync(process.execPath, args, {
    cwd: REPO_DIR,
    encoding: 'utf8',
    env: { ...process.env, ...QUIET_ENV },
    timeout: 300_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs one of the other helpers' benchmark scripts if it exists; keeps its text output. @param {string} rel @param {string[]} args */
function companion(rel, args) {
  const file = `${BENCH_DIR}/${rel}`;
  if (!existsSync(file)) return { ran: false, reason: `bench/${rel} does not exist yet` };
  try {
    return { ran: true, command: `node bench/${rel} ${args.join(' ')}`.trim(), output: node([file, ...args]).trim() };
  } catch (error) {
    return { ran: false, reason: `bench/${rel} failed: ${String(error).split('\n')[0]}` };
  }
}

/** @type {import('../lib/scenario.mjs').Scenario} */
export const scenario = {
  id: 'handler',
  title: 'Handler: per-call overhead, bundle size and import time (records handler)',
  async run({ quick }) {
    const calls = quick ? 20_000 : 100_000;
    const rounds = quick ? 3 : 7;
    const importRuns = quick ? 3 : 9;
    /** @type {Record<string, Record<string, unknown>>} */
    const variants = {};
    /** @type {Record<string, string>} */
    const unminified = {};
    for (const v of VARIANTS) {
      const min = await bundleHandler(`${FUNCTIONS_DIR}/${v.file}`, { minify: true });
      const plain = await bundleHandler(`${FUNCTIONS_DIR}/${v.file}`, { minify: false });
      unminified[v.id] = plain.outfile;
      /** @type {number[]} */
      const importMs = [];
      for (let i = 0; i < importRuns; i++) {
        importMs.push(JSON.parse(node([`${BENCH_DIR}/lib/hosts/import-timer.mjs`, min.outfile])).importMs);
      }
      variants[v.id] = {
        label: v.label,
        bundle: { bytes: min.bytes, gzipBytes: min.gzipBytes, byPackage: min.byPackage },
        importMs: summarize(importMs, 2),
        importMedianMs: round(median(importMs), 2),
      };
    }
    const timing = JSON.parse(
      node([
        `${BENCH_DIR}/lib/hosts/handler-timer.mjs`,
        String(calls),
        String(rounds),
        ...VARIANTS.map((v) => `${v.id}=${unminified[v.id]}`),
      ]),
    );
    for (const v of VARIANTS) {
      const entry = /** @type {Record<string, unknown>} */ (variants[v.id]);
      entry.nsPerCall = timing.nsPerCall[v.id];
      console.error(
        `  ${v.id.padEnd(12)} ${String(entry.nsPerCall).padStart(6)} ns/call  bundle ${/** @type {*} */ (entry.bundle).bytes} B  import ${entry.importMedianMs} ms`,
      );
    }
    return {
      calls,
      rounds,
      importRuns,
      variants,
      companions: {
        handlerOverhead: companion('handler-overhead/run.mjs', quick ? ['--calls', '20000', '--rounds', '3'] : []),
        bundleSize: companion('bundle-size/run.mjs', []),
      },
    };
  },
};

runIfMain(import.meta.url, scenario);
