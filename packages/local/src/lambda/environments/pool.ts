/**
 * The pool of execution environments of one function version: warm reuse, one invocation per environment,
 * more environments up to the local cap (then callers wait, first come first served), throttling at the
 * function's reserved concurrency, retirement on code change.
 */
import type { NodeCode, ProvidedCode } from '../../build/types.js';
import { ConcurrencyLimitError, type InvocationRequest, type InvocationResult, type LocalFunction } from '../types.js';
import type { Environment } from './environment.js';

type RunnableCode = NodeCode | ProvidedCode;

/** Counts shared by the pools of all versions of one function (reserved concurrency is per function). */
export interface FunctionGroup {
  inFlight: number;
}

interface Waiter {
  readonly code: RunnableCode;
  readonly resolve: (environment: Environment) => void;
  readonly reject: (error: Error) => void;
}

/** What a pool needs from its owner. */
export interface PoolOptions {
  readonly group: FunctionGroup;
  /** Most environments at once; callers beyond wait. */
  readonly maxEnvironments: number;
  /** Creates (does not start) an environment; `onExit` must be passed on to it. */
  readonly create: (fn: LocalFunction, code: RunnableCode, onExit: (environment: Environment) => void) => Environment;
}

/**
 * The environments of one function version.
 *
 * @example
 * const pool = new Pool({ group: { inFlight: 0 }, maxEnvironments: 4, create });
 * const result = await pool.invoke(fn, code, request);
 */
export class Pool {
  private readonly environments = new Set<Environment>();
  private readonly idle: Environment[] = [];
  private readonly waiters: Waiter[] = [];
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

  /** Runs one invocation; throws `ConcurrencyLimitError` when the function's reserved concurrency is used up. */
  async invoke(fn: LocalFunction, code: RunnableCode, request: InvocationRequest): Promise<InvocationResult> {
    const { group } = this.options;
    const reserved = fn.reservedConcurrency;
    if (reserved !== undefined && group.inFlight >= reserved) throw new ConcurrencyLimitError(fn.arn);
    group.inFlight++;
    let environment: Environment;
    try {
      environment = await this.acquire(fn, code);
    } catch (error) {
      group.inFlight--;
      throw error;
    }
    try {
      return await environment.invoke(request);
    } finally {
      group.inFlight--;
      this.release(fn, environment);
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
    for (const waiter of this.waiters.splice(0)) waiter.reject(new Error('The local runtime is stopping'));
    this.idle.length = 0;
    const all = [...this.environments];
    this.environments.clear();
    await Promise.all(all.map((environment) => environment.kill()));
  }

  private acquire(fn: LocalFunction, code: RunnableCode): Promise<Environment> | Environment {
    if (this.stopped) throw new Error('The local runtime is stopping');
    let environment = this.idle.pop();
    while (environment !== undefined) {
      if (environment.state === 'idle' && !environment.retired && environment.code === code) return environment;
      this.discard(environment);
      environment = this.idle.pop();
    }
    if (this.environments.size < this.options.maxEnvironments) return this.spawn(fn, code);
    return new Promise<Environment>((resolve, reject) => this.waiters.push({ code, resolve, reject }));
  }

  private release(fn: LocalFunction, environment: Environment): void {
    if (this.stopped) return;
    if (environment.state === 'idle' && !environment.retired) {
      const waiter = this.waiters[0];
      if (waiter === undefined) {
        this.idle.push(environment);
        return;
      }
      if (waiter.code === environment.code) {
        this.waiters.shift();
        waiter.resolve(environment);
        return;
      }
    }
    this.discard(environment);
    this.serveWaiters(fn);
  }

  private serveWaiters(fn: LocalFunction): void {
    while (this.waiters.length > 0 && this.environments.size < this.options.maxEnvironments) {
      const waiter = this.waiters.shift() as Waiter;
      waiter.resolve(this.spawn(fn, waiter.code));
    }
  }

  private spawn(fn: LocalFunction, code: RunnableCode): Environment {
    const environment = this.options.create(fn, code, this.onExit);
    this.environments.add(environment);
    return environment;
  }

  private discard(environment: Environment): void {
    this.environments.delete(environment);
    if (environment.state !== 'dead') void environment.kill();
  }

  /** A process ended by itself while idle: forget it. Busy ones are handled when their invocation returns. */
  private exited(environment: Environment): void {
    const at = this.idle.indexOf(environment);
    if (at === -1) return;
    this.idle.splice(at, 1);
    this.environments.delete(environment);
  }
}
