/**
 * Scenario 3, hot reload: the handler file is saved with new code; how long until a call runs it. The bench rewrites
 * the VERSION line of functions/versioned-echo.mjs (its copy in a scratch folder) and calls back to back until the
 * answer carries the new version. lambdaport runs with its watcher; serverless-offline with `--reloadHandler` (its
 * only reload mode: it re-imports the handler on every call), and once in its default mode to show whether it reloads.
 * Run alone: node bench/scenarios/hot-reload.mjs
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { invokeOnce } from '../lib/load.mjs';
import { sleep } from '../lib/processes.mjs';
import { runIfMain } from '../lib/scenario.mjs';
import { makeServiceDir, removeServiceDir } from '../lib/service-dir.mjs';
import { median, round, summarize } from '../lib/stats.mjs';
import { lambdaport } from '../lib/tools/lambdaport.mjs';
import { serverlessOffline } from '../lib/tools/serverless-offline.mjs';

const GIVE_UP_MS = 10_000;

/**
 * Saves version `version` into the file, then calls until the answer has it. Returns ms, or null if it never did.
 * @param {{ url: string, name: string, file: string, version: string, giveUpMs?: number }} options
 */
async function saveAndWait({ url, name, file, version, giveUpMs = GIVE_UP_MS }) {
  const source = readFileSync(file, 'utf8').replace(/const VERSION = '[^']*';/, `const VERSION = '${version}';`);
  writeFileSync(file, source);
  const t0 = performance.now();
  let calls = 0;
  while (performance.now() - t0 < giveUpMs && calls < 20_000) {
    calls++;
    const res = await invokeOnce({ url, functionName: name, body: '{"id":1}' });
    if (res.status === 200 && !res.headers['x-amz-function-error'] && JSON.parse(res.body).version === version) {
      return { ms: performance.now() - t0, calls };
    }
  }
  return { ms: null, calls };
}

/**
 * @param {{ start: (s: import('../lib/service-dir.mjs').ServiceDir) => Promise<{ url: string, names: Record<string, string>, stop: () => Promise<void> }> }} tool
 * @param {string} label
 * @param {number} samples
 * @param {number} [giveUpMs]
 */
async function measure(tool, label, samples, giveUpMs) {
  const service = makeServiceDir(`hot-reload-${label}`, [{ name: 'reload', file: 'versioned-echo.mjs' }]);
  const instance = await tool.start(service);
  const file = `${service.dir}/versioned-echo.mjs`;
  const name = /** @type {string} */ (instance.names.reload);
  try {
    await invokeOnce({ url: instance.url, functionName: name, body: '{"id":0}' }); // warm
    /** @type {number[]} */ const ms = [];
    let missed = 0;
    for (let i = 1; i <= samples; i++) {
      await sleep(300); // let any watcher settle between saves
      const result = await saveAndWait({ url: instance.url, name, file, version: `v${i}`, giveUpMs });
      if (result.ms === null) missed++;
      else ms.push(result.ms);
    }
    return {
      samples,
      reloaded: ms.length,
      missed,
      ms: summarize(ms, 1),
      medianMs: ms.length ? round(median(ms), 1) : null,
    };
  } finally {
    await instance.stop();
    removeServiceDir(service.dir);
  }
}

/** @type {import('../lib/scenario.mjs').Scenario} */
export const scenario = {
  id: 'hot-reload',
  title: 'Hot reload: file saved → next call runs the new code',
  async run({ quick, lambdaport: lambdaportStatus }) {
    const samples = quick ? 2 : 6;
    /** @type {Record<string, unknown>} */
    const tools = {};
    if (lambdaportStatus.ok) {
      const watching = { start: (/** @type {*} */ s) => lambdaport.start(s, { watch: true }) };
      tools.lambdaport = { label: 'lambdaport (watch)', ...(await measure(watching, 'lambdaport', samples)) };
    }
    const reloading = { start: (/** @type {*} */ s) => serverlessOffline.start(s, { reloadHandler: true }) };
    tools['serverless-offline'] = {
      label: 'serverless-offline --reloadHandler',
      ...(await measure(reloading, 'sls-reload', samples)),
    };
    const plain = await measure(serverlessOffline, 'sls-default', 1, 3_000);
    tools['serverless-offline-default'] = {
      label: 'serverless-offline (default)',
      ...plain,
      note: plain.reloaded ? 'reloads' : 'does not reload on save within 3 s: n/a',
    };
    for (const [id, t] of Object.entries(tools))
      console.error(`  ${id.padEnd(28)} median ${/** @type {*} */ (t).medianMs} ms`);
    return { samples, skipped: lambdaportStatus.ok ? {} : { lambdaport: lambdaportStatus.reason }, tools };
  },
};

runIfMain(import.meta.url, scenario);
