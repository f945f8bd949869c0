/** "Max Memory Used" of a REPORT line: the peak resident memory of the environment's process. */
import { readFileSync } from 'node:fs';

/** How often /proc is read at most: the read is on the hot path whenever logs are wanted. */
const READ_EVERY_MS = 250;

/**
 * The peak memory of one process, read from /proc at most every 250 ms (the last figure in between).
 *
 * @example
 * const memory = new PeakMemory();
 * memory.mb(child.pid); // 61
 */
export class PeakMemory {
  private readAt = Number.NEGATIVE_INFINITY;
  private last = 0;

  /** The peak resident memory of `pid` in MB (0 when unknown). */
  mb(pid: number | undefined): number {
    const now = performance.now();
    if (now - this.readAt > READ_EVERY_MS) {
      this.readAt = now;
      this.last = readPeakMemoryMb(pid);
    }
    return this.last;
  }
}

/** The peak resident memory of a process in MB (Linux: `VmHWM` of /proc/<pid>/status), 0 when unknown. */
export function readPeakMemoryMb(pid: number | undefined): number {
  if (pid === undefined || process.platform !== 'linux') return 0;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'latin1');
    const at = status.indexOf('VmHWM:');
    if (at === -1) return 0;
    return Math.ceil(Number.parseInt(status.slice(at + 6).trim(), 10) / 1024);
  } catch {
    return 0;
  }
}
