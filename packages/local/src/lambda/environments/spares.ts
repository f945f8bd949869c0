/**
 * Pre-booted spare processes for `nodejs` environments: one Node bootstrap per Node binary and memory size (the heap
 * cap is a `node` flag), already started and waiting, not yet bound to any function. A cold start takes the spare, tells
 * it the function's environment, directory and code on fd 3, and so skips Node's own start (~60-100 ms); a new
 * spare is booted once that environment has finished its init, so the two never compete for the CPU.
 *
 * A spare is bound once and is then an environment like any other: processes are never reused across functions.
 * A waiting spare is blocked on a pipe read: no timer, no CPU. Only functions whose environment Node would read
 * differently at start (`NODE_OPTIONS`, `LANG`, `TZ`...) are started the ordinary way.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import type { Writable } from 'node:stream';
import { type Lease, type MemoryBudget, SPARE_ESTIMATE_BYTES } from './memory-budget.js';
import type { NodeBinary } from './node-binaries.js';
import { nodeArgs } from './node-command.js';
import { isRunning, killAndWait, killGroup } from './process-group.js';
import { PASSED_THROUGH } from './variables.js';

/**
 * Variables Node (or libuv, OpenSSL, ICU) reads when the process starts: a spare can only become a function whose
 * values of these equal its own. `NODE_PATH` is re-read when a spare is bound.
 */
const READ_AT_START = /^(NODE_|UV_|OPENSSL_|SSL_CERT_|LD_|DYLD_|MALLOC_|ICU_|LC_|LANG$|LANGUAGE$|TZ$)/;

/** What the bootstrap of a spare is told when it is bound. */
export interface SpareBinding {
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  readonly codeCacheDir: string | undefined;
}

interface Waiting {
  readonly child: ChildProcess;
  readonly lease: Lease;
  readonly onGone: () => void;
}

/**
 * The spares of an invoker: at most one per (Node binary, memory size), each counted by the memory budget while
 * it waits (the budget may stop it to make room; a spare is only booted when room can be made at once).
 *
 * @example
 * const spares = new Spares(budget);
 * spares.boot(node, 128);                          // in the background
 * const child = spares.take(node, 128, env);       // a booted process, or undefined
 * if (child) Spares.bind(child, { env, cwd: fn.dir, codeCacheDir: code.codeCacheDir });
 * await spares.stop();
 */
export class Spares {
  private readonly waiting = new Map<string, Waiting>();
  /** Boots asked for and waiting for room (their withdraw functions). */
  private readonly asking = new Map<string, () => void>();
  private readonly env: Record<string, string>;
  private stopped = false;

  constructor(private readonly budget: MemoryBudget) {
    this.env = { TZ: ':UTC' };
    for (const name of PASSED_THROUGH) {
      const value = process.env[name];
      if (value !== undefined) this.env[name] = value;
    }
  }

  /** The process ids of the waiting spares. */
  pids(): number[] {
    return [...this.waiting.values()].map((w) => w.child.pid).filter((pid): pid is number => pid !== undefined);
  }

  /** Boots a spare of `node` for `memorySize` unless one is waiting (or starting) already, room permitting. */
  boot(node: NodeBinary, memorySize: number): void {
    const key = spareKey(node, memorySize);
    if (this.stopped || this.waiting.has(key) || this.asking.has(key)) return;
    let answered = false; // granted or dropped, maybe at once
    const dropped = (): void => {
      answered = true;
      this.asking.delete(key); // no room now: the next cold start asks again
    };
    const request = { key, binary: node.path, estimate: SPARE_ESTIMATE_BYTES, optional: true, dropped };
    const withdraw = this.budget.request(request, (lease) => {
      answered = true;
      this.asking.delete(key);
      this.start(key, node, memorySize, lease);
    });
    if (!answered) this.asking.set(key, withdraw);
  }

  /**
   * Takes the waiting spare of `node` for `memorySize` if there is one that can become a process with `env`; the
   * caller binds it ({@link Spares.bind}) and owns it from then on (its memory is then the caller's to count).
   */
  take(node: NodeBinary, memorySize: number, env: Readonly<Record<string, string>>): ChildProcess | undefined {
    if (this.stopped) return undefined;
    const key = spareKey(node, memorySize);
    const waiting = this.waiting.get(key);
    if (waiting === undefined || waiting.lease.leaving) return undefined;
    const { child, lease, onGone } = waiting;
    if (!isRunning(child)) return undefined;
    if (!this.fits(env)) return undefined;
    this.waiting.delete(key);
    child.off('error', onGone);
    child.off('exit', onGone);
    lease.end();
    return child;
  }

  /** Tells a taken spare what it now is (it then loads the function as a fresh process would). */
  static bind(child: ChildProcess, binding: SpareBinding): void {
    const control = child.stdio[3] as Writable | null;
    control?.end(`${JSON.stringify(binding)}\n`);
  }

  /** Kills every waiting spare; no more are booted. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const withdraw of this.asking.values()) withdraw();
    this.asking.clear();
    const all = [...this.waiting.values()];
    this.waiting.clear();
    await Promise.all(
      all.map(async ({ child, lease }) => {
        await killAndWait(child);
        lease.end();
      }),
    );
  }

  private start(key: string, node: NodeBinary, memorySize: number, lease: Lease): void {
    if (this.stopped) {
      lease.end();
      return;
    }
    let child: ChildProcess;
    try {
      child = spawn(node.path, nodeArgs(memorySize, ['--spare']), {
        cwd: process.cwd(),
        env: this.env,
        stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
        detached: true,
      });
    } catch {
      lease.end();
      return; // the ordinary start will say why
    }
    const onGone = (): void => {
      if (this.waiting.get(key)?.child === child) this.waiting.delete(key);
      lease.end();
    };
    child.once('error', onGone);
    child.once('exit', onGone);
    (child.stdio[3] as Writable | null)?.on('error', () => undefined);
    lease.tenant = {
      pid: child.pid,
      lastUsed: Date.now(),
      evictable: () => this.waiting.get(key)?.child === child,
      evict: () => {
        if (this.waiting.get(key)?.child === child) this.waiting.delete(key);
        killGroup(child); // the exit ends the lease
      },
    };
    this.waiting.set(key, { child, lease, onGone });
  }

  private fits(env: Readonly<Record<string, string>>): boolean {
    for (const key of Object.keys(env)) {
      if (key !== 'NODE_PATH' && READ_AT_START.test(key) && env[key] !== this.env[key]) return false;
    }
    for (const key of Object.keys(this.env)) {
      if (READ_AT_START.test(key) && env[key] !== this.env[key]) return false;
    }
    return true;
  }
}

/** One spare per Node binary and memory size (the heap cap is a `node` flag). */
function spareKey(node: NodeBinary, memorySize: number): string {
  return `spare ${memorySize} ${node.path}`;
}
