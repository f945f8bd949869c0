/**
 * Shared setup of the end-to-end tests: startLocal() on the e2e service, in memory.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LocalFunction } from '@lambdaport/config';
import { type LocalRuntime, startLocal } from '../../src/index.js';

export const SERVICE_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'service');

export interface E2e {
  readonly local: LocalRuntime;
  readonly logs: string[];
  /** The function serving `name`'s current major, or (with `major`) that major's function. */
  fn(name: string, major?: number): LocalFunction;
}

/** Starts the runtime on the e2e service (ephemeral); collect function log lines in `logs`. */
export async function startE2e(): Promise<E2e> {
  const logs: string[] = [];
  const local = await startLocal({
    dirs: [SERVICE_DIR],
    ephemeral: true,
    onLog: (entry) => logs.push(entry.line),
    log: (line) => logs.push(line),
  });
  return {
    local,
    logs,
    fn(name, major) {
      const found = local.functions.find(
        (f) => f.name === name && (major === undefined ? f.current : f.major === major),
      );
      if (found === undefined) throw new Error(`no function ${name}${major === undefined ? '' : `@v${major}`}`);
      return found;
    },
  };
}

/** Process ids of this process's children (environments), excluding the `ps` that lists them. */
export function childPids(): number[] {
  const out = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([pid, comm]) => pid !== undefined && pid !== '' && comm !== 'ps')
    .map(([pid]) => Number(pid));
}
