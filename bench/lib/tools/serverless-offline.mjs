/** serverless@3 + serverless-offline@13, run offline on 127.0.0.1; its Invoke API listens on `lambdaPort`. */
import { existsSync } from 'node:fs';
import { serverlessBin } from '../peers.mjs';
import { freePort } from '../ports.mjs';
import { startProcess, stopProcess, treeMemory } from '../processes.mjs';

export const serverlessOffline = {
  id: 'serverless-offline',
  label: 'serverless-offline',
  available: async () =>
    existsSync(serverlessBin()) ? { ok: true } : { ok: false, reason: 'peers not installed (bench/peers)' },
  /**
   * @param {import('../service-dir.mjs').ServiceDir} service
   * @param {{ reloadHandler?: boolean }} [options]
   */
  async start(service, options = {}) {
    const [lambdaPort, httpPort, websocketPort, albPort] = await Promise.all([
      freePort(),
      freePort(),
      freePort(),
      freePort(),
    ]);
    const args = [
      serverlessBin(),
      'offline',
      'start',
      '--host',
      '127.0.0.1',
      '--lambdaPort',
      String(lambdaPort),
      '--httpPort',
      String(httpPort),
      '--websocketPort',
      String(websocketPort),
      '--albPort',
      String(albPort),
      ...(options.reloadHandler ? ['--reloadHandler'] : []),
    ];
    const proc = await startProcess({
      command: process.execPath,
      args,
      cwd: service.dir,
      ready: (line) => /\[http for lambda\] listening on/.test(line),
      timeoutMs: 90_000,
    });
    return {
      url: `http://127.0.0.1:${lambdaPort}`,
      names: service.slsNames,
      pid: proc.pid,
      readyMs: proc.readyMs,
      output: proc.output,
      memory: () => treeMemory(proc.pid),
      stop: () => stopProcess(proc),
    };
  },
};
