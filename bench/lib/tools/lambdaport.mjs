/** lambdaport's local runtime: `startLocal()` from @lambdaport/local (built dist), hosted in its own process. */
import { existsSync } from 'node:fs';
import { BENCH_DIR, REPO_DIR } from '../paths.mjs';
import { startProcess, stopProcess, treeMemory } from '../processes.mjs';

/** Whether the built @lambdaport/local exports startLocal; the reason when not. */
async function available() {
  const dist = `${REPO_DIR}/packages/local/dist/index.js`;
  if (!existsSync(dist)) return { ok: false, reason: 'packages/local is not built (npm run build) or not written yet' };
  try {
    const mod = await import('@lambdaport/local');
    if (typeof mod.startLocal !== 'function') return { ok: false, reason: '@lambdaport/local has no startLocal yet' };
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: `@lambdaport/local does not load: ${String(error).split('\n')[0]}` };
  }
}

export const lambdaport = {
  id: 'lambdaport',
  label: 'lambdaport',
  available,
  /**
   * @param {import('../service-dir.mjs').ServiceDir} service
   * @param {Record<string, unknown>} [options] extra startLocal options (watch, ...)
   */
  async start(service, options = {}) {
    const proc = await startProcess({
      command: process.execPath,
      args: ['--expose-gc', `${BENCH_DIR}/lib/hosts/lambdaport-host.mjs`, service.dir, JSON.stringify(options)],
      cwd: BENCH_DIR,
      ipc: true,
      ready: (line) => line.startsWith('BENCH_READY ') && JSON.parse(line.slice(12)),
      timeoutMs: 120_000,
    });
    const ready = /** @type {{ url: string, startMs: number, names: Record<string, string> }} */ (proc.readyValue);
    return {
      url: ready.url.replace('localhost', '127.0.0.1').replace(/\/$/, ''),
      names: ready.names ?? service.lambdaportNames,
      pid: proc.pid,
      readyMs: proc.readyMs,
      startMs: ready.startMs,
      output: proc.output,
      memory: () => treeMemory(proc.pid),
      /** The host's own heap after a GC. @returns {Promise<{ rssMiB: number, heapUsedMiB: number }>} */
      heap: () =>
        new Promise((resolve) => {
          const onMessage = (/** @type {any} */ m) => {
            if (m?.type !== 'memory') return;
            proc.child.off('message', onMessage);
            resolve(/** @type {{ rssMiB: number, heapUsedMiB: number }} */ (m));
          };
          proc.child.on('message', onMessage);
          proc.child.send({ type: 'memory' });
        }),
      /** What the environments' memory budget counts now. @returns {Promise<{ limitMb: number, usedMb: number, processes: number, waiting: number, evictions: number }>} */
      budget: () =>
        new Promise((resolve) => {
          const onMessage = (/** @type {any} */ m) => {
            if (m?.type !== 'budget') return;
            proc.child.off('message', onMessage);
            resolve(m);
          };
          proc.child.on('message', onMessage);
          proc.child.send({ type: 'budget' });
        }),
      stop: () => stopProcess(proc),
    };
  },
};
