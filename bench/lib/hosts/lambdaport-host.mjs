/**
 * Runs lambdaport's local runtime (`startLocal` from @lambdaport/local, built dist) in its own process, so the load
 * generator never shares a CPU-thread with the server it measures.
 * Usage: node lambdaport-host.mjs <service dir> [options JSON]. Prints `BENCH_READY {"url":...,"startMs":...,"names":{friendly: deployed}}`.
 * Answers IPC `{ type: 'memory' }` with its own memory after a GC (when run with --expose-gc), and `{ type: 'budget' }`
 * with what the environments' memory budget counts (`local.memory()`).
 */
import { performance } from 'node:perf_hooks';
import { startLocal } from '@lambdaport/local';

const dir = process.argv[2];
if (!dir) throw new Error('usage: lambdaport-host.mjs <service dir> [options JSON]');
const extra = JSON.parse(process.argv[3] ?? '{}');

const t0 = performance.now();
const local = await startLocal({ dirs: [dir], port: 0, host: '127.0.0.1', ephemeral: true, ...extra });
const startMs = performance.now() - t0;
const names = Object.fromEntries(local.functions.filter((fn) => fn.current).map((fn) => [fn.name, fn.deployedName]));
console.log(`BENCH_READY ${JSON.stringify({ url: local.url, startMs, names })}`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await local.stop();
  process.exit(0);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.on('message', (message) => {
  if (message?.type === 'budget') {
    process.send?.({ type: 'budget', ...local.memory() });
    return;
  }
  if (message?.type !== 'memory') return;
  globalThis.gc?.();
  const m = process.memoryUsage();
  process.send?.({
    type: 'memory',
    rssMiB: m.rss / 2 ** 20,
    heapUsedMiB: m.heapUsed / 2 ** 20,
    externalMiB: m.external / 2 ** 20,
  });
});
