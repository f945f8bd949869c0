/**
 * What one process holds in memory, read from /proc (Linux): its private memory (anonymous and shared-memory pages:
 * heap, stacks, buffers, code V8 compiled) and its resident file-backed pages (mostly the Node binary's own code,
 * shared by every process running that binary). `ps`'s RSS is the sum of the two, and so counts the binary once
 * per process: ~38 MiB of an echo environment's ~46 MiB.
 */
import { readFileSync } from 'node:fs';

/** One reading of a process's memory, in bytes. */
export interface ProcessMemory {
  /** `RssAnon + RssShmem`: pages of this process alone. */
  readonly privateBytes: number;
  /** `RssFile`: resident pages of mapped files (the Node binary, libc), shared with every process that maps them. */
  readonly sharedBytes: number;
}

/**
 * Reads the memory of `pid` from /proc/<pid>/status; undefined when unknown (the process is gone, or not Linux).
 *
 * @example
 * readProcessMemory(child.pid); // { privateBytes: 9_437_184, sharedBytes: 39_845_888 }
 */
export function readProcessMemory(pid: number | undefined): ProcessMemory | undefined {
  if (pid === undefined || process.platform !== 'linux') return undefined;
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'latin1');
  } catch {
    return undefined;
  }
  const anon = field(status, 'RssAnon:');
  const file = field(status, 'RssFile:');
  if (anon === undefined || file === undefined) return undefined;
  return { privateBytes: anon + (field(status, 'RssShmem:') ?? 0), sharedBytes: file };
}

/** A `kB` field of /proc/<pid>/status, in bytes. */
function field(status: string, name: string): number | undefined {
  const at = status.indexOf(name);
  if (at === -1) return undefined;
  const kb = Number.parseInt(status.slice(at + name.length).trimStart(), 10);
  return Number.isFinite(kb) ? kb * 1024 : undefined;
}
