/** The floor: a bare node:http server calling the echo handler in process. */
import { BENCH_DIR } from '../paths.mjs';
import { startProcess, stopProcess, treeMemory } from '../processes.mjs';

export const bare = {
  id: 'bare',
  label: 'bare node:http',
  available: async () => ({ ok: true }),
  /**
   * @param {import('../service-dir.mjs').ServiceDir} service
   */
  async start(service) {
    const file = `${service.dir}/${service.functions[0]?.file}`;
    const proc = await startProcess({
      command: process.execPath,
      args: [`${BENCH_DIR}/lib/hosts/bare-server.mjs`, file],
      ready: (line) => line.startsWith('BENCH_READY ') && JSON.parse(line.slice(12)),
    });
    const ready = /** @type {{ url: string }} */ (proc.readyValue);
    return {
      url: ready.url,
      names: Object.fromEntries(service.functions.map((f) => [f.name, f.name])),
      pid: proc.pid,
      readyMs: proc.readyMs,
      memory: () => treeMemory(proc.pid),
      stop: () => stopProcess(proc),
    };
  },
};
