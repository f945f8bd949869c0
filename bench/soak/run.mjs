// The soak of `lambdaport dev`: the real CLI (packages/cli/dist/bin.js) serving the robust fixture service
// (packages/local/test/fixtures/robust) for 10 minutes under the seeded fuzzer's mix of well-formed and broken
// requests (test-support/front-door-fuzz/, 4 connections at a time), then stopped with SIGTERM. Every 10 s it
// samples the RSS of the runtime process and of its whole tree, the number of processes and zombies; at the end it
// checks the exit code and that no process of the tree is left running. Prints the samples and the figures (RSS start, end and
// highest, processes, zombies, exit code, requests per second, 5xx count). Not a test, not part of `npm test`; exits 1
// when the runtime died, a well-formed request got a 5xx, a zombie was seen, or SIGTERM did not end it cleanly.
//
//   npx tsc -b && node bench/soak/run.mjs [--seconds 600] [--concurrency 4] [--sample 10] [--seed N]
//
// Everything talks to 127.0.0.1 only.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createFuzzer, send } from '../../test-support/front-door-fuzz/index.mjs';
import { REPO_DIR } from '../lib/paths.mjs';
import { processTree, rssMiB, sleep, startProcess, treeMemory } from '../lib/processes.mjs';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '600' },
    concurrency: { type: 'string', default: '4' },
    sample: { type: 'string', default: '10' },
    seed: { type: 'string', default: String(Math.floor(Math.random() * 2 ** 31)) },
  },
});
const seconds = Number(values.seconds);
const concurrency = Number(values.concurrency);
const sampleMs = Number(values.sample) * 1000;
const seed = Number(values.seed);

/** The state letter of a process (R, S, Z, ...), or undefined once it is gone. @param {number} pid */
function state(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  } catch {
    return undefined;
  }
}

const dev = await startProcess({
  command: process.execPath,
  args: [
    path.join(REPO_DIR, 'packages/cli/dist/bin.js'),
    'dev',
    '--dir',
    path.join(REPO_DIR, 'packages/local/test/fixtures/robust'),
    '--port',
    '0',
    '--ephemeral',
    '--no-watch',
  ],
  ready: (line) => /lambdaport dev\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1],
});
const url = /** @type {string} */ (dev.readyValue);
const port = Number(new URL(url).port);
const listed = /** @type {{ Functions: { FunctionName: string }[] }} */ (
  await (await fetch(`${url}/2015-03-31/functions/`)).json()
);
const find = (/** @type {string} */ fn) =>
  /** @type {string} */ (listed.Functions.find((f) => f.FunctionName.startsWith(`dev-robust-${fn}-`))?.FunctionName);
const fuzzer = createFuzzer({
  seed,
  names: { echo: find('echo'), size: find('size'), web: find('web') },
  table: 'dev-robust-items',
});
console.error(`soak: ${seconds} s, seed ${seed}, concurrency ${concurrency}, lambdaport dev pid ${dev.pid} at ${url}`);

let requests = 0;
let fiveXx = 0;
let fiveXxWellFormed = 0;
let hung = 0;
const started = Date.now();
const deadline = started + seconds * 1000;
const alive = () => dev.child.exitCode === null && dev.child.signalCode === null;
const worker = async () => {
  while (Date.now() < deadline && alive()) {
    const fuzzCase = fuzzer.next();
    const result = await send(port, fuzzCase);
    requests++;
    if (result.hung) hung++;
    if (result.status !== undefined && result.status >= 500) {
      fiveXx++;
      if (fuzzCase.wellFormed) fiveXxWellFormed++;
    }
  }
};

/** @type {{ s: number, runtimeMiB: number, treeMiB: number, processes: number, zombies: number, requests: number }[]} */
const samples = [];
let zombiesSeen = 0;
let lastTree = processTree(dev.pid);
const take = () => {
  lastTree = processTree(dev.pid);
  const zombies = lastTree.filter((pid) => state(pid) === 'Z').length;
  zombiesSeen = Math.max(zombiesSeen, zombies);
  const memory = treeMemory(dev.pid);
  const sample = {
    s: Math.round((Date.now() - started) / 1000),
    runtimeMiB: memory.leaderMiB,
    treeMiB: memory.treeMiB,
    processes: memory.processes,
    zombies,
    requests,
  };
  samples.push(sample);
  console.error(`soak: ${JSON.stringify(sample)}`);
};
take();
const sampler = setInterval(take, sampleMs);
await Promise.all(Array.from({ length: concurrency }, worker));
clearInterval(sampler);
take();
const loadSeconds = (Date.now() - started) / 1000;
const aliveAtEnd = alive();

// a clean stop: SIGTERM to lambdaport dev alone; it must stop its whole tree and exit 0
const tree = lastTree.filter((pid) => pid !== dev.pid);
const exited = new Promise((resolve) => {
  if (!alive()) resolve({ code: dev.child.exitCode, signal: dev.child.signalCode });
  else dev.child.once('exit', (code, signal) => resolve({ code, signal }));
});
const stopStarted = Date.now();
if (aliveAtEnd) process.kill(dev.pid, 'SIGTERM');
const exit = /** @type {{ code: number | null, signal: string | null }} */ (
  await Promise.race([exited, sleep(30_000).then(() => ({ code: null, signal: 'still running after 30 s' }))])
);
const stopMs = Date.now() - stopStarted;
// what is left of the tree: running processes are a leak; a process that exited after lambdaport dev is a zombie
// until init reaps it (this machine's init reaps late), which is init's business, reported apart
const settle = Date.now() + 2_000;
while (Date.now() < settle && tree.some((pid) => !['Z', undefined].includes(state(pid)))) await sleep(50);
/** What a process is: its pid, state and command line. @param {number} pid */
const describeProcess = (pid) => {
  try {
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
    return `${pid} ${state(pid)} ${command.slice(0, 160) || `[${readFileSync(`/proc/${pid}/comm`, 'utf8').trim()}]`}`;
  } catch {
    return `${pid} (gone)`;
  }
};
const stillRunning = tree.filter((pid) => !['Z', undefined].includes(state(pid)));
const exitedAfterIt = tree.filter((pid) => state(pid) === 'Z');
const leftOverProcesses = stillRunning.map(describeProcess);
const zombiesAfterExit = exitedAfterIt.map(describeProcess);
for (const pid of [dev.pid, ...stillRunning]) {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // gone
  }
}

const runtime = samples.map((sample) => sample.runtimeMiB);
const figures = {
  seed,
  seconds: Math.round(loadSeconds),
  requests,
  requestsPerSecond: Math.round(requests / loadSeconds),
  fiveXx,
  fiveXxWellFormed,
  hung,
  runtimeRssMiB: { start: runtime[0], end: runtime.at(-1), max: Math.max(...runtime) },
  treeRssMiB: {
    start: samples[0]?.treeMiB,
    end: samples.at(-1)?.treeMiB,
    max: Math.max(...samples.map((sample) => sample.treeMiB)),
  },
  processes: {
    start: samples[0]?.processes,
    end: samples.at(-1)?.processes,
    max: Math.max(...samples.map((s) => s.processes)),
  },
  zombiesSeen,
  aliveAtEnd,
  exit,
  stopMs,
  processesRunningAfterExit: stillRunning.length,
  leftOverProcesses,
  zombiesAfterExit,
};
console.log('   s  runtime MiB  tree MiB  processes  zombies  requests');
for (const s of samples) {
  console.log(
    `${String(s.s).padStart(4)}  ${String(s.runtimeMiB).padStart(11)}  ${String(s.treeMiB).padStart(8)}  ${String(s.processes).padStart(9)}  ${String(s.zombies).padStart(7)}  ${String(s.requests).padStart(8)}`,
  );
}
console.log(JSON.stringify(figures, null, 2));
const failed =
  !aliveAtEnd ||
  fiveXxWellFormed > 0 ||
  hung > 0 ||
  zombiesSeen > 0 ||
  exit.code !== 0 ||
  stillRunning.length > 0 ||
  rssMiB(dev.pid) > 0;
process.exit(failed ? 1 : 0);
