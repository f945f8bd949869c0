// The long fuzz of the local runtime's front door: 100,000 seeded requests (the same fuzzer as the fuzz test in
// `npm test`, test-support/front-door-fuzz/) against one runtime in a process of its own, serving the robust
// fixture service (packages/local/test/fixtures/robust). Prints requests per second, answers by status, well-formed
// requests answered 5xx, hung requests, the runtime's memory (RSS at start, end, highest) and whether it is still
// alive and answering a normal invoke. Not a test, not part of `npm test`; exits 1 when the runtime failed.
//
//   npx tsc -b && node bench/fuzz/run.mjs [--requests 100000] [--seed N] [--concurrency 8]
//
// Everything talks to 127.0.0.1 only.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createFuzzer, runFuzz } from '../../test-support/front-door-fuzz/index.mjs';
import { REPO_DIR } from '../lib/paths.mjs';
import { rssMiB, startProcess, stopProcess, treeMemory } from '../lib/processes.mjs';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '100000' },
    seed: { type: 'string', default: String(Math.floor(Math.random() * 2 ** 31)) },
    concurrency: { type: 'string', default: '8' },
  },
});
const count = Number(values.requests);
const seed = Number(values.seed);
const concurrency = Number(values.concurrency);
const service = path.join(REPO_DIR, 'packages/local/test/fixtures/robust');

const runtime = await startProcess({
  command: process.execPath,
  args: [path.join(REPO_DIR, 'bench/micro/host.mjs'), path.join(REPO_DIR, 'packages/local/dist/index.js'), service],
  ready: (line) => (line.startsWith('READY ') ? JSON.parse(line.slice(6)) : undefined),
});
const { url, names } = /** @type {{ url: string, names: Record<string, string> }} */ (runtime.readyValue);
const port = Number(new URL(url).port);
const memory = { startMiB: rssMiB(runtime.pid), maxMiB: rssMiB(runtime.pid), treeMaxMiB: 0, processesMax: 0 };
const sampler = setInterval(() => {
  const tree = treeMemory(runtime.pid);
  memory.maxMiB = Math.max(memory.maxMiB, tree.leaderMiB);
  memory.treeMaxMiB = Math.max(memory.treeMaxMiB, tree.treeMiB);
  memory.processesMax = Math.max(memory.processesMax, tree.processes);
}, 1000);

console.error(
  `fuzz: ${count} requests, seed ${seed}, concurrency ${concurrency}, runtime pid ${runtime.pid} at ${url}`,
);
let done = 0;
const summary = await runFuzz({
  port,
  fuzzer: createFuzzer({
    seed,
    names: { echo: names.echo, size: names.size, web: names.web },
    table: 'dev-robust-items',
  }),
  count,
  concurrency,
  onResult: () => {
    done++;
    if (done % 10_000 === 0) console.error(`fuzz: ${done} sent, runtime RSS ${rssMiB(runtime.pid)} MiB`);
  },
});
clearInterval(sampler);
const alive = runtime.child.exitCode === null && runtime.child.signalCode === null;
let finalInvoke = 'not tried';
if (alive) {
  const res = await fetch(`${url}/2015-03-31/functions/${names.echo}/invocations`, {
    method: 'POST',
    body: '{"after":1}',
  });
  finalInvoke = `${res.status} ${await res.text()}`;
}
const endMiB = rssMiB(runtime.pid);
const serverErrors5xx = Object.entries(summary.statuses)
  .filter(([status]) => /^5\d\d$/.test(status))
  .reduce((sum, [, n]) => sum + n, 0);
await stopProcess(runtime);

const figures = {
  seed,
  requests: count,
  seconds: Math.round(summary.seconds * 10) / 10,
  requestsPerSecond: Math.round(summary.perSecond),
  statuses: summary.statuses,
  fiveXxAll: serverErrors5xx,
  fiveXxWellFormed: summary.serverErrors.length,
  hung: summary.hung.length,
  runtimeAlive: alive,
  finalInvoke,
  runtimeRssMiB: { start: memory.startMiB, end: endMiB, max: memory.maxMiB },
  treeRssMaxMiB: memory.treeMaxMiB,
  processesMax: memory.processesMax,
};
console.log(JSON.stringify(figures, null, 2));
for (const line of [...summary.serverErrors, ...summary.hung].slice(0, 20)) console.log(line);
const failed = !alive || summary.serverErrors.length > 0 || summary.hung.length > 0 || !finalInvoke.startsWith('200');
process.exit(failed ? 1 : 0);
