/**
 * `createInvoker`: the local Lambda service's execution side. One pool per function version, code from the
 * builder, faults as AWS answers them. See docs/design/environments.md.
 */
import { availableParallelism } from 'node:os';
import { createBuilder } from '../../build/builder.js';
import type { Builder, CodeSource, FunctionCode, NodeCode, ProvidedCode } from '../../build/types.js';
import type { InvocationRequest, InvocationResult, Invoker, LocalFunction } from '../types.js';
import { Environment } from './environment.js';
import { defaultMaxMemoryMb, MemoryBudget } from './memory-budget.js';
import { findNode, localNodeRuntime, type MissingNode, type NodeBinary, type NodeRuntime } from './node-binaries.js';
import { type FunctionGroup, Pool } from './pool.js';
import { Spares } from './spares.js';
import { initFailure, type LineSink, waitedTooLong } from './unrun-calls.js';
import { DEFAULT_CREDENTIALS, type FunctionCredentials, functionVariables } from './variables.js';

/** One log line of a function, as it happens. */
export interface LogEntry {
  readonly fn: LocalFunction;
  readonly version: string;
  /** The invocation it belongs to; undefined for output outside an invocation. */
  readonly requestId: string | undefined;
  /** One line, without its newline: function output or a START/END/REPORT line. */
  readonly line: string;
}

/** Options of {@link createInvoker}. */
export interface InvokerOptions {
  /** Where a function version's code comes from. Default: a builder without watch, stopped with the invoker. */
  readonly builder?: CodeSource;
  /**
   * Credentials given to functions: the same for all, or each function's own (its role's, from startLocal).
   * Default `test` / `test`.
   */
  readonly credentials?: FunctionCredentials | ((fn: LocalFunction) => FunctionCredentials);
  /** Extra environment for every function (e.g. `{ AWS_ENDPOINT_URL }`); wins over the function's own. */
  readonly env?: Readonly<Record<string, string>>;
  /** Every log line of every environment. If it throws, the first error is a process warning and calls go on. */
  readonly onLog?: (entry: LogEntry) => void;
  /** Idle environments are stopped after this long (ms). Default 300,000. */
  readonly idleTimeoutMs?: number;
  /** Most environments per function version; calls beyond wait (FIFO). Default max(4, 2 × cores). */
  readonly maxEnvironments?: number;
  /**
   * Keep one pre-booted Node process per memory size in use, so that a cold start skips Node's own start.
   * Spares are booted after the first cold start of a memory size (or by `preboot()`) and refilled after each
   * cold start's init. Default true.
   */
  readonly prebootSpares?: boolean;
  /**
   * Memory budget (MB) of the environments and spares together (see memory-budget.ts for what is counted): a start
   * that would exceed it first stops the least recently used idle ones, else waits. Default: a quarter of the
   * machine's memory, at least 512 MB (`defaultMaxMemoryMb()`); `Infinity`: no budget.
   */
  readonly maxMemoryMb?: number;
  /**
   * The `node` for a function's Node code, or why there is none. Default: `findNode(localNodeRuntime(fn))` (the
   * Node of the `nodejs22.x`/`nodejs24.x` its config names, from LAMBDAPORT_NODE_<major>, the host or the runtime
   * cache; for the legacy `nodejs`, the host's).
   */
  readonly nodeFor?: (fn: LocalFunction) => NodeBinary | MissingNode;
}

/** What the memory budget holds now (MB). */
export interface MemoryReport {
  /** The budget; `Infinity` when there is none. */
  readonly limitMb: number;
  /** Counted now: private memory of every environment and spare, plus each binary's shared pages once. */
  readonly usedMb: number;
  /** Processes counted (environments and spares). */
  readonly processes: number;
  /** Starts waiting for room. */
  readonly waiting: number;
  /** Idle environments and spares stopped to make room so far. */
  readonly evictions: number;
}

/** The invoker of the local runtime. */
export interface LocalInvoker extends Invoker {
  /**
   * Runs one invocation. Every fault of the function or its environment (time-out, crash, init error, build
   * error...) resolves as an `Unhandled` result. Rejects only when the call cannot be run at all: with
   * `ConcurrencyLimitError` at the function's reserved concurrency, with an `Error` for a version the function
   * does not have, and with an `Error` once `stop()` was called.
   */
  invoke(fn: LocalFunction, version: string, request: InvocationRequest): Promise<InvocationResult>;
  /** The function's code changed: idle environments stop now, busy ones after their call. */
  retire(fn: LocalFunction): void;
  /** The process ids of the live environments of `fn` (every function when omitted). */
  pids(fn?: LocalFunction): number[];
  /** The process ids of the waiting spares (none with `prebootSpares: false`). */
  sparePids(): number[];
  /**
   * Boots a spare now for each memory size of these `nodejs` functions (in the background; returns at once), so
   * that even their first calls find one. A no-op with `prebootSpares: false`.
   */
  preboot(functions: readonly LocalFunction[]): void;
  /** What the memory budget counts now. */
  memory(): MemoryReport;
  /** Kills every environment (no process left) and stops the builder it created. */
  stop(): Promise<void>;
}

/** Defaults of {@link InvokerOptions}. */
export const INVOKER_DEFAULTS = {
  idleTimeoutMs: 300_000,
  maxEnvironments: Math.max(4, 2 * availableParallelism()),
  prebootSpares: true,
} as const;

const MiB = 1024 * 1024;

interface Group extends FunctionGroup {
  readonly pools: Map<string, Pool>;
}

/**
 * Creates the invoker: environments start lazily on the first call of a function version and stay warm.
 *
 * @example
 * const builder = createBuilder({ watch: true, onRebuilt: (fn) => invoker.retire(fn) });
 * const invoker = createInvoker({ builder, env: { AWS_ENDPOINT_URL: url }, onLog: (e) => console.log(e.line) });
 * const result = await invoker.invoke(fn, '$LATEST', {
 *   requestId: randomUUID(), payload: Buffer.from('{}'), clientContext: undefined,
 *   invokedFunctionArn: fn.arn, tail: true,
 * });
 * await invoker.stop();
 */
export function createInvoker(options: InvokerOptions = {}): LocalInvoker {
  const ownBuilder: Builder | undefined = options.builder ? undefined : createBuilder();
  const source: CodeSource = options.builder ?? (ownBuilder as Builder);
  const given = options.credentials ?? DEFAULT_CREDENTIALS;
  const credentialsOf = typeof given === 'function' ? given : () => given;
  const extra = options.env ?? {};
  const idleTimeoutMs = options.idleTimeoutMs ?? INVOKER_DEFAULTS.idleTimeoutMs;
  const maxEnvironments = options.maxEnvironments ?? INVOKER_DEFAULTS.maxEnvironments;
  const onLog = guarded(options.onLog);
  const maxMemoryMb = options.maxMemoryMb ?? defaultMaxMemoryMb();
  if (!(maxMemoryMb > 0))
    throw new TypeError(`createInvoker: maxMemoryMb must be a positive number, got ${maxMemoryMb}`);
  const budget = new MemoryBudget(maxMemoryMb * MiB);
  const spares = (options.prebootSpares ?? INVOKER_DEFAULTS.prebootSpares) ? new Spares(budget) : undefined;
  const groups = new Map<string, Group>();
  const sink: LineSink = onLog ? (fn, version, requestId, line) => onLog({ fn, version, requestId, line }) : undefined;
  const nodes = new Map<NodeRuntime | undefined, NodeBinary | MissingNode>();
  const nodeFor =
    options.nodeFor ??
    ((fn: LocalFunction): NodeBinary | MissingNode => {
      const runtime = localNodeRuntime(fn);
      let node = nodes.get(runtime);
      if (node === undefined) {
        node = findNode(runtime);
        nodes.set(runtime, node);
      }
      return node;
    });
  let stopped = false;

  const reaper = setInterval(
    () => {
      const before = Date.now() - idleTimeoutMs;
      for (const group of groups.values()) for (const pool of group.pools.values()) pool.reap(before);
    },
    Math.max(50, Math.min(idleTimeoutMs / 4, 30_000)),
  );
  reaper.unref();

  const poolOf = (fn: LocalFunction, version: string): Pool => {
    let group = groups.get(fn.arn);
    if (!group) {
      group = { inFlight: 0, pools: new Map() };
      groups.set(fn.arn, group);
    }
    let pool = group.pools.get(version);
    if (!pool) {
      const binaryOf = (code: NodeCode | ProvidedCode): NodeBinary | string => {
        if (code.kind === 'provided') return code.bootstrap;
        const node = nodeFor(fn);
        return 'missing' in node ? fn.dir : node;
      };
      pool = new Pool({
        group,
        maxEnvironments,
        room: (code, grant) => {
          const binary = binaryOf(code);
          const path = typeof binary === 'string' ? binary : binary.path;
          return budget.request({ key: `${fn.arn} ${version} ${fn.memorySize} ${path}`, binary: path }, grant);
        },
        create: (f, code, onExit) => {
          const binary = binaryOf(code);
          const node = typeof binary === 'string' ? undefined : binary;
          return new Environment({
            fn: f,
            version,
            code,
            env: functionVariables(f, version, code, credentialsOf(f), extra),
            onLog: onLog ? (line, requestId) => onLog({ fn: f, version, requestId, line }) : undefined,
            onExit,
            node,
            spares,
          });
        },
        waitedTooLong: (f, request) => waitedTooLong(f, version, request, sink),
      });
      group.pools.set(version, pool);
    }
    return pool;
  };

  const run = (
    fn: LocalFunction,
    version: string,
    request: InvocationRequest,
    code: FunctionCode,
  ): Promise<InvocationResult> => {
    if (code.kind === 'error') {
      return Promise.resolve(initFailure(fn, version, request, code.errorType, code.errorMessage, sink));
    }
    if (code.kind === 'node') {
      const node = nodeFor(fn);
      if ('missing' in node) {
        const message = `${fn.service}.${fn.name} runs on ${node.runtime}: ${node.hint}`;
        return Promise.resolve(initFailure(fn, version, request, 'Runtime.InvalidEntrypoint', message, sink));
      }
    }
    return poolOf(fn, version).invoke(fn, code, request);
  };

  return {
    invoke(fn, version, request) {
      if (stopped) return Promise.reject(new Error('The local runtime is stopped'));
      // a warm call: the code is known without waiting (no promise until the pool's)
      const code = source.ready?.(fn, version);
      if (code !== undefined) return run(fn, version, request, code);
      return source.code(fn, version).then((c) => run(fn, version, request, c));
    },

    retire(fn) {
      const group = groups.get(fn.arn);
      if (group) for (const pool of group.pools.values()) pool.retire();
    },

    pids(fn) {
      const selected = fn ? [groups.get(fn.arn)].filter((g): g is Group => g !== undefined) : [...groups.values()];
      return selected.flatMap((group) => [...group.pools.values()].flatMap((pool) => pool.pids()));
    },

    sparePids() {
      return spares?.pids() ?? [];
    },

    preboot(functions) {
      for (const fn of functions) {
        if (![...fn.versions.values()].some((v) => v.runtime === 'nodejs')) continue;
        const node = nodeFor(fn);
        if (!('missing' in node)) spares?.boot(node, fn.memorySize);
      }
    },

    memory() {
      const usage = budget.usage();
      return {
        limitMb: usage.limitBytes / MiB,
        usedMb: Math.round((usage.usedBytes / MiB) * 10) / 10,
        processes: usage.processes,
        waiting: usage.waiting,
        evictions: usage.evictions,
      };
    },

    async stop() {
      stopped = true;
      clearInterval(reaper);
      budget.close(); // no environment or spare is started from now on
      await spares?.stop();
      const pools = [...groups.values()].flatMap((group) => [...group.pools.values()]);
      groups.clear();
      await Promise.all(pools.map((pool) => pool.stop()));
      await ownBuilder?.stop();
    },
  };
}

/**
 * `onLog` such that a throw in it is a process warning (the first one; later ones would repeat it line by line),
 * not a lost invocation: environments expect a sink that does not throw.
 */
function guarded(onLog: ((entry: LogEntry) => void) | undefined): ((entry: LogEntry) => void) | undefined {
  if (onLog === undefined) return undefined;
  let warned = false;
  return (entry) => {
    try {
      onLog(entry);
    } catch (error) {
      if (warned) return;
      warned = true;
      process.emitWarning(
        `onLog threw for a line of ${entry.fn.deployedName} (later throws are not reported): ${String(error)}`,
        'LambdaportWarning',
      );
    }
  };
}
