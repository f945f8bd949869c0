/**
 * Ending an environment's process: every process is started detached (its own process group), so a kill reaches
 * whatever it started too.
 */
import type { ChildProcess } from 'node:child_process';

/** True until the process has exited (or when it never started). */
export function isRunning(child: ChildProcess): boolean {
  return child.pid !== undefined && child.exitCode === null && child.signalCode === null;
}

/**
 * Sends `SIGKILL` to the process group of `child` (to `child` alone if the group is gone). Returns at once.
 *
 * @example
 * killGroup(child);
 */
export function killGroup(child: ChildProcess): void {
  if (!isRunning(child)) return;
  try {
    process.kill(-(child.pid as number), 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

/**
 * Kills the process group of `child` and resolves once `child` has exited.
 *
 * @example
 * await killAndWait(spare);
 */
export function killAndWait(child: ChildProcess): Promise<void> {
  if (!isRunning(child)) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    killGroup(child);
  });
}
