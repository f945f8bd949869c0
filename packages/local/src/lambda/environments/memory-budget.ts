/**
 * The memory budget of an invoker's processes (environments and spares): starting one that would not fit first
 * stops the least recently used idle ones; when nothing idle can go, the start waits (first come, first served)
 * until something ends or becomes idle.
 *
 * What is counted, per process: its private memory as measured (`RssAnon + RssShmem` in /proc), or, until it has
 * answered its first call, the most its function's environments have used before (48 MiB when it has not run
 * yet), whichever is larger; plus, once per binary (Node 20, Node 22, a `provided` bootstrap...), the binary's
 * resident shared pages. `ps`'s RSS counts those shared pages (~38 MiB of Node's code) once per process, which is
 * not memory the machine spends per process. Measured when a start is asked for (all processes, at most every
 * 50 ms) and after each call (that process, at most every 250 ms); over the budget after a call (an environment
 * grew), idle ones are stopped until it fits again.
 */
import { totalmem } from 'node:os';
import { type ProcessMemory, readProcessMemory } from './process-memory.js';

const MiB = 1024 * 1024;

/**
 * The default budget (MB): a quarter of the machine's memory, at least 512 MB. The rest is left to the editor, the
 * browser, the tests and the system; a quarter of 16 GB (4 GB) holds a few hundred small environments (~10 MiB of
 * private memory each; ~30-45 MiB with the AWS SDK loaded).
 *
 * @example
 * defaultMaxMemoryMb(16 * 1024 ** 3); // 4096
 */
export function defaultMaxMemoryMb(totalBytes: number = totalmem()): number {
  return Math.max(512, Math.floor(totalBytes / 4 / MiB));
}

/** Charged for a new environment of a function none of whose environments has answered a call yet. */
export const NEW_ENVIRONMENT_ESTIMATE_BYTES = 48 * MiB;
/** Charged for a spare before it is measured (a waiting spare measures ~10 MiB). */
export const SPARE_ESTIMATE_BYTES = 16 * MiB;
/** Charged for a binary's shared pages before any process of it is measured (Node 20-24: ~34-40 MiB). */
export const SHARED_ESTIMATE_BYTES = 48 * MiB;

const REFRESH_ALL_EVERY_MS = 50;
const REFRESH_ONE_EVERY_MS = 250;

/** Something that holds memory and that the budget may stop to make room: an idle environment, a waiting spare. */
export interface Tenant {
  /** Its process, once started (measured from /proc). */
  readonly pid: number | undefined;
  /** When it last finished a call (a spare: when it was booted); the least recent goes first. */
  readonly lastUsed: number;
  /** True while it may be stopped now (no call in it). */
  evictable(): boolean;
  /** Stops it now; its owner ends its lease once its process is gone. */
  evict(): void;
}

/** What a start asks for. */
export interface RoomRequest {
  /** What the process will run, for its estimate: e.g. `<function arn> <version> <binary> <memory size>`. */
  readonly key: string;
  /** The binary it runs (its shared pages are counted once per binary). */
  readonly binary: string;
  /** Charged until measured when `key` has not run before; default: the new-environment estimate. */
  readonly estimate?: number;
  /** A spare: granted only if room can be made now by stopping idle ones; never waits behind a busy process. */
  readonly optional?: boolean;
  /** Called when an optional request is dropped (it will never be granted). */
  readonly dropped?: () => void;
}

interface Pending {
  readonly request: RoomRequest;
  readonly grant: (lease: Lease) => void;
}

/** What the budget holds now. */
export interface BudgetUsage {
  /** The budget, or `Infinity` when there is none. */
  readonly limitBytes: number;
  /** Counted now (measured where known, estimated where not). */
  readonly usedBytes: number;
  /** Processes counted (environments and spares, started or starting). */
  readonly processes: number;
  /** Starts waiting for room. */
  readonly waiting: number;
  /** Processes stopped to make room so far. */
  readonly evictions: number;
}

/**
 * The share of the budget one process holds, from the grant until its owner calls `end()` (after the process is
 * gone, or when it is not started after all).
 */
export class Lease {
  /** Set by the owner: its process, and how the budget may stop it. */
  tenant: Tenant | undefined;
  /** Being stopped to make room. */
  leaving = false;
  private settled = false;
  private ended = false;
  private measured: ProcessMemory | undefined;
  private measuredAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly budget: MemoryBudget,
    readonly key: string,
    readonly binary: string,
    private readonly estimate: number,
  ) {}

  /** Private bytes counted: the estimate until its first call was answered, then the measurement. */
  get privateBytes(): number {
    const measured = this.measured?.privateBytes ?? 0;
    return this.settled ? measured : Math.max(this.estimate, measured);
  }

  /** Its binary's shared bytes as this process last measured them (undefined before). */
  get sharedBytes(): number | undefined {
    return this.measured?.sharedBytes;
  }

  /** True until `end()`. */
  get live(): boolean {
    return !this.ended;
  }

  /** Reads its process's memory now (or, with `ifOlderThanMs`, only if the last reading is older); true if read. */
  measure(ifOlderThanMs = 0): boolean {
    const pid = this.tenant?.pid;
    if (pid === undefined) return false;
    const now = performance.now();
    if (now - this.measuredAt < ifOlderThanMs) return false;
    this.measuredAt = now;
    this.measured = readProcessMemory(pid) ?? this.measured;
    if (this.settled && this.measured !== undefined) this.budget.learn(this.key, this.measured.privateBytes);
    return true;
  }

  /** A call it ran was answered: from now on its measurement is its charge; an idle process may make room. */
  afterCall(): void {
    if (this.ended) return;
    const first = !this.settled;
    this.settled = true;
    const read = this.measure(first ? 0 : REFRESH_ONE_EVERY_MS);
    if (read || this.budget.waiting) this.budget.changed();
  }

  /** Its process is gone (or was never started): the room is free again. Idempotent. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.budget.released(this);
  }
}

/**
 * The budget of one invoker.
 *
 * @example
 * const budget = new MemoryBudget(1024 * 1024 * 1024);
 * budget.request({ key, binary: process.execPath }, (lease) => {
 *   const child = startProcess();
 *   lease.tenant = { pid: child.pid, lastUsed: Date.now(), evictable: () => isIdle(), evict: () => stopIt() };
 * });
 */
export class MemoryBudget {
  private readonly leases = new Set<Lease>();
  private readonly queue: Pending[] = [];
  /** The most each key's processes used (private bytes), once they answered a call. */
  private readonly learned = new Map<string, number>();
  /** Each binary's shared bytes as last measured. */
  private readonly shared = new Map<string, number>();
  private refreshedAt = Number.NEGATIVE_INFINITY;
  private evictions = 0;
  private pumping = false;
  private again = false;
  private closed = false;

  /** @param limitBytes the budget; `Infinity`: none (nothing is ever stopped or kept waiting). */
  constructor(readonly limitBytes: number) {}

  /**
   * Asks for room for one process. `grant` is called (at once when there is room) with the process's lease. The
   * returned function withdraws the request if it was not granted yet; an optional request that cannot be
   * granted is dropped (`grant` is never called).
   */
  request(request: RoomRequest, grant: (lease: Lease) => void): () => void {
    if (this.closed) return () => undefined;
    const pending: Pending = { request, grant };
    this.queue.push(pending);
    this.pump();
    return () => {
      const at = this.queue.indexOf(pending);
      if (at === -1) return;
      this.queue.splice(at, 1);
      this.pump(); // the next one may fit
    };
  }

  /** The invoker is stopping: nothing waiting is granted, nor anything asked from now on. */
  close(): void {
    this.closed = true;
    this.queue.length = 0;
  }

  /** True while a start waits for room. */
  get waiting(): boolean {
    return this.queue.length > 0;
  }

  /** What is counted now. */
  usage(): BudgetUsage {
    return {
      limitBytes: this.limitBytes,
      usedBytes: this.used(),
      processes: this.leases.size,
      waiting: this.queue.length,
      evictions: this.evictions,
    };
  }

  /** Something may have made room (a process became idle): serve the waiting, or stop idle ones if over. */
  changed(): void {
    if (this.limitBytes === Number.POSITIVE_INFINITY) return;
    this.pump();
  }

  /** @internal a lease ended. */
  released(lease: Lease): void {
    if (!this.leases.delete(lease)) return;
    if (lease.sharedBytes !== undefined) this.shared.set(lease.binary, lease.sharedBytes);
    this.pump();
  }

  /** @internal what a settled process of `key` measured. */
  learn(key: string, privateBytes: number): void {
    if (privateBytes > (this.learned.get(key) ?? 0)) this.learned.set(key, privateBytes);
  }

  private estimateOf(request: RoomRequest): number {
    return this.learned.get(request.key) ?? request.estimate ?? NEW_ENVIRONMENT_ESTIMATE_BYTES;
  }

  /** Private bytes of every lease, plus each binary's shared bytes once. */
  private used(): number {
    let total = 0;
    const binaries = new Map<string, number>();
    for (const lease of this.leases) {
      total += lease.privateBytes;
      const shared = lease.sharedBytes ?? this.sharedOf(lease.binary);
      binaries.set(lease.binary, Math.max(binaries.get(lease.binary) ?? 0, shared));
    }
    for (const shared of binaries.values()) total += shared;
    return total;
  }

  private sharedOf(binary: string): number {
    return this.shared.get(binary) ?? SHARED_ESTIMATE_BYTES;
  }

  private refresh(): void {
    const now = performance.now();
    if (now - this.refreshedAt < REFRESH_ALL_EVERY_MS) return;
    this.refreshedAt = now;
    for (const lease of this.leases) lease.measure();
  }

  /** Serves the queue in order while there is room; stops idle processes to make room for its head. */
  private pump(): void {
    if (this.pumping) {
      this.again = true; // called from a grant or an eviction: served again once this round ends
      return;
    }
    this.pumping = true;
    try {
      do {
        this.again = false;
        this.serve();
      } while (this.again);
    } finally {
      this.pumping = false;
    }
  }

  private serve(): void {
    if (this.limitBytes === Number.POSITIVE_INFINITY) {
      for (const pending of this.queue.splice(0)) this.grant(pending, this.estimateOf(pending.request));
      return;
    }
    if (this.queue.length > 0) this.refresh();
    while (this.queue.length > 0) {
      const head = this.queue[0] as Pending;
      const bytes = this.estimateOf(head.request);
      const newBinary = ![...this.leases].some((lease) => lease.binary === head.request.binary);
      const needed = bytes + (newBinary ? this.sharedOf(head.request.binary) : 0);
      const over = this.used() + needed - this.limitBytes;
      // nothing else alive: always started, whatever the budget (else nothing could ever run)
      if (over <= 0 || this.leases.size === 0) {
        this.queue.shift();
        this.grant(head, bytes);
        continue;
      }
      if (this.makeRoom(over)) return; // granted once those have ended
      if (!head.request.optional) return; // waits for a process to end or become idle
      this.queue.shift(); // a spare that would have to wait: none
      head.request.dropped?.();
    }
    const over = this.used() - this.limitBytes;
    if (over > 0) this.makeRoom(over);
  }

  /**
   * Stops the least recently used idle processes until `bytes` are on their way out. False (and stops nothing)
   * when the idle ones are not enough.
   */
  private makeRoom(bytes: number): boolean {
    let leaving = 0;
    const candidates: Lease[] = [];
    for (const lease of this.leases) {
      if (lease.leaving) leaving += lease.privateBytes;
      else if (lease.tenant?.evictable()) candidates.push(lease);
    }
    if (leaving >= bytes) return true;
    const available = candidates.reduce((sum, lease) => sum + lease.privateBytes, 0);
    if (leaving + available < bytes) return false;
    candidates.sort((a, b) => (a.tenant as Tenant).lastUsed - (b.tenant as Tenant).lastUsed);
    for (const lease of candidates) {
      if (leaving >= bytes) break;
      lease.leaving = true;
      leaving += lease.privateBytes;
      this.evictions++;
      (lease.tenant as Tenant).evict();
    }
    return true;
  }

  private grant(pending: Pending, bytes: number): void {
    const lease = new Lease(this, pending.request.key, pending.request.binary, bytes);
    this.leases.add(lease);
    pending.grant(lease);
  }
}
