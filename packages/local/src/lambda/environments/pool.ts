/**
 * The pool of execution environments of one function version: warm reuse, one invocation per environment,
 * more environments up to the local cap and as the memory budget allows (then callers wait, first come first
 * served, no longer than the function's timeout), throttling at the function's reserved concurrency, retirement on
 * code change.
 */
import type { NodeCode, ProvidedCode } from '../../build/types.js';
import { ConcurrencyLimitError, type InvocationRequest, type InvocationResult, type LocalFunction } from '../types.js';
import type { Environment } from './environment.js';
import type { Lease } from './memory-budget.js';

type RunnableCode = NodeCode | ProvidedCode;

/** Counts shared by the pools of all versions of one function (reserved concurrency is per function). */
export interface FunctionGroup {
  inFlight: number;
}

interface Waiter {
  readonly fn: LocalFunction;
  readonly code: RunnableCode;
  /** An environment, or undefined when the call waited longer than its function's timeout. */
  readonly resolve: (environment: Environment | undefined) => void;
  readonly reject: (error: Error) => void;
  /** Ends the wait at the function's timeout. */
  readonly timer: NodeJS.Timeout;
  /** Withdraws its request for memory, while one is out and not granted. */
  withdraw: (() => void) | undefined;
}

/** What a pool needs from its owner. */
export interface PoolOptions {
  readonly group: FunctionGroup;
  /** Most environments at once; callers beyond wait. */
  readonly maxEnvironments: number;
  /**
   * Asks the memory budget for room to start an environment of `code`; `grant` is called, maybe at once, with its
   * lease. Returns a function that withdraws the request while it is not granted.
   */
  readonly room: (code: RunnableCode, grant: (lease: Lease) => void) => () => void;
  /** Creates (does not start) an environment; `onExit` must be passed on to it. */
  readonly create: (fn: LocalFunction, code: RunnableCode, onExit: (environment: Environment) => void) => Environment;
  /** The answer to a call that waited for an environment longer than its function's timeout. */
  readonly waitedTooLong: (fn: LocalFunction, request: InvocationRequest) => InvocationResult;
}

/**
 * The environments of one function version.
 *
 * @example
 * const pool = new Pool({ group: { inFlight: 0 }, maxEnvironments: 4, room, create, waitedTooLong });
 * const result = await pool.invoke(fn, code, request);
 */
export class Pool {
  private readonly environments = new Set<Environment>();
  private readonly leases = new Map<Environment, Lease>();
  private readonly idle: Environment[] = [];
  private readonly waiters: Waiter[] = [];
  /** Requests for memory out (each becomes an environment when granted). */
  private asking = 0;
  private stopped = false;
  private readonly onExit = (environment: Environment): void => this.exited(environment);

  constructor(private readonly options: PoolOptions) {}

  /** How many environments are alive (busy or idle). */
  get size(): number {
    return this.environments.size;
  }

  /** The process ids of the live environments. */
  pids(): number[] {
    return [...this.environments].map((e) => e.pid).filter((pid): pid is number => pid !== undefined);
  }

  /**
   * Runs one invocation; throws `ConcurrencyLimitError` when the function's reserved concurrency is used up. A
   * call that waits for an environment longer than the function's timeout is answered as timed out.
   */
  async invoke(fn: LocalFunction, code: RunnableCode, request: InvocationRequest): Promise<InvocationResult> {
    const { group } = this.options;
    const reserved = fn.reservedConcurrency;
    if (reserved !== undefined && group.inFlight >= reserved) throw new ConcurrencyLimitError(fn.arn);
    group.inFlight++;
    let environment: Environment | undefined;
    let waitedMs = 0;
    try {
      const acquired = this.acquire(fn, code);
      if (acquired instanceof Promise) {
        const since = performance.now();
        environment = await acquired;
        waitedMs = performance.now() - since;
      } else {
        environment = acquired;
      }
    } catch (error) {
      group.inFlight--;
      throw error;
    }
    if (environment === undefined) {
      group.inFlight--;
      return this.options.waitedTooLong(fn, request);
    }
    try {
      return await environment.invoke(request, waitedMs);
    } finally {
      group.inFlight--;
      this.release(environment);
    }
  }

  /** Code changed: idle environments stop now, busy ones after their invocation. */
  retire(): void {
    for (const environment of this.environments) environment.retired = true;
    for (const environment of this.idle.splice(0)) this.discard(environment);
  }

  /** Stops environments idle since before `before` (ms since the epoch). */
  reap(before: number): void {
    for (let i = this.idle.length - 1; i >= 0; i--) {
      const environment = this.idle[i] as Environment;
      if (environment.lastUsed < before) {
        this.idle.splice(i, 1);
        this.discard(environment);
      }
    }
  }

  /** Kills every environment; waiting callers are rejected. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const waiter of this.waiters.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.withdraw?.();
      waiter.reject(new Error('The local runtime is stopping'));
    }
    this.idle.length = 0;
    const all = [...this.environments];
    this.environments.clear();
    await Promise.all(all.map((environment) => this.ended(environment, environment.kill())));
  }

  private acquire(fn: LocalFunction, code: RunnableCode): Promise<Environment | undefined> | Environment {
    if (this.stopped) throw new Error('The local runtime is stopping');
    let environment = this.idle.pop();
    while (environment !== undefined) {
      if (environment.state === 'idle' && !environment.retired && environment.code === code) return environment;
      this.discard(environment);
      environment = this.idle.pop();
    }
    return new Promise<Environment | undefined>((resolve, reject) => {
      const waiter: Waiter = {
        fn,
        code,
        resolve,
        reject,
        timer: setTimeout(() => this.waitedTooLong(waiter), fn.timeoutSeconds * 1000),
        withdraw: undefined,
      };
      this.waiters.push(waiter);
      this.serveWaiters();
    });
  }

  private release(environment: Environment): void {
    if (this.stopped) return;
    const lease = this.leases.get(environment);
    if (environment.state === 'idle' && !environment.retired) {
      const waiter = this.waiters[0];
      if (waiter === undefined) {
        this.idle.push(environment);
        lease?.afterCall(); // idle now: the budget may stop it to make room
        return;
      }
      if (waiter.code === environment.code) {
        lease?.afterCall();
        this.settle(waiter);
        waiter.resolve(environment);
        return;
      }
    }
    this.discard(environment);
    this.serveWaiters();
  }

  /** Asks for room for each waiter that an environment could serve, while under the local cap. */
  private serveWaiters(): void {
    for (const waiter of [...this.waiters]) {
      if (this.environments.size + this.asking >= this.options.maxEnvironments) return;
      if (waiter.withdraw !== undefined || !this.waiters.includes(waiter)) continue;
      this.asking++;
      let granted = false;
      const withdraw = this.options.room(waiter.code, (lease) => {
        granted = true;
        this.asking--;
        waiter.withdraw = undefined;
        if (this.stopped || !this.waiters.includes(waiter)) {
          lease.end(); // served meanwhile by a warm environment, or gave up
          if (!this.stopped) this.serveWaiters();
          return;
        }
        this.settle(waiter);
        waiter.resolve(this.spawn(waiter.fn, waiter.code, lease));
      });
      if (!granted) waiter.withdraw = withdraw;
    }
  }

  /** The waiter is served: out of the queue, its timer and its request for memory (if any) dropped. */
  private settle(waiter: Waiter): void {
    const at = this.waiters.indexOf(waiter);
    if (at !== -1) this.waiters.splice(at, 1);
    clearTimeout(waiter.timer);
    if (waiter.withdraw !== undefined) {
      waiter.withdraw();
      waiter.withdraw = undefined;
      this.asking--;
    }
  }

  private waitedTooLong(waiter: Waiter): void {
    if (!this.waiters.includes(waiter)) return;
    this.settle(waiter);
    waiter.resolve(undefined);
  }

  private spawn(fn: LocalFunction, code: RunnableCode, lease: Lease): Environment {
    const environment = this.options.create(fn, code, this.onExit);
    this.environments.add(environment);
    this.leases.set(environment, lease);
    lease.tenant = {
      get pid() {
        return environment.pid;
      },
      get lastUsed() {
        return environment.lastUsed;
      },
      evictable: () => this.idle.includes(environment),
      evict: () => {
        const at = this.idle.indexOf(environment);
        if (at !== -1) this.idle.splice(at, 1);
        this.discard(environment);
      },
    };
    return environment;
  }

  private discard(environment: Environment): void {
    this.environments.delete(environment);
    void this.ended(environment, environment.state === 'dead' ? environment.gone() : environment.kill());
  }

  /** Once the environment is gone, its memory is free again. */
  private async ended(environment: Environment, gone: Promise<void>): Promise<void> {
    await gone;
    this.leases.get(environment)?.end();
    this.leases.delete(environment);
  }

  /** A process ended by itself while idle: forget it. Busy ones are handled when their invocation returns. */
  private exited(environment: Environment): void {
    const at = this.idle.indexOf(environment);
    if (at === -1) return;
    this.idle.splice(at, 1);
    this.discard(environment);
  }
}
