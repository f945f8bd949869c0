/**
 * `createInvoker`: the local Lambda service's execution side. One pool per function version, code from the
 * builder, faults as AWS answers them. See docs/design/environments.md.
 */
import { availableParallelism } from 'node:os';
import { createBuilder } from '../../build/builder.js';
import type { Builder, CodeSource, FunctionCode } from '../../build/types.js';
import type { InvocationRequest, InvocationResult, Invoker, LocalFunction } from '../types.js';
import { Environment } from './environment.js';
import { initError } from './faults.js';
import { InvocationLog } from './invocation-log.js';
import { endLine, reportLine, startLine } from './platform-lines.js';
import { type FunctionGroup, Pool } from './pool.js';
import { Spares } from './spares.js';
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
  /** Credentials given to functions. Default `test` / `test`. */
  readonly credentials?: FunctionCredentials;
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
  /** Kills every environment (no process left) and stops the builder it created. */
  stop(): Promise<void>;
}

/** Defaults of {@link InvokerOptions}. */
export const INVOKER_DEFAULTS = {
  idleTimeoutMs: 300_000,
  maxEnvironments: Math.max(4, 2 * availableParallelism()),
  prebootSpares: true,
} as const;

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
  const credentials = options.credentials ?? DEFAULT_CREDENTIALS;
  const extra = options.env ?? {};
  const idleTimeoutMs = options.idleTimeoutMs ?? INVOKER_DEFAULTS.idleTimeoutMs;
  const maxEnvironments = options.maxEnvironments ?? INVOKER_DEFAULTS.maxEnvironments;
  const onLog = guarded(options.onLog);
  const spares = (options.prebootSpares ?? INVOKER_DEFAULTS.prebootSpares) ? new Spares() : undefined;
  const groups = new Map<string, Group>();
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
      pool = new Pool({
        group,
        maxEnvironments,
        create: (f, code, onExit) =>
          new Environment({
            fn: f,
            version,
            code,
            env: functionVariables(f, version, code, credentials, extra),
            onLog: onLog ? (line, requestId) => onLog({ fn: f, version, requestId, line }) : undefined,
            onExit,
            spares,
          }),
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
      return Promise.resolve(buildFailure(fn, version, request, code.errorType, code.errorMessage, onLog));
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
        if ([...fn.versions.values()].some((v) => v.runtime === 'nodejs')) spares?.boot(fn.memorySize);
      }
    },

    async stop() {
      stopped = true;
      clearInterval(reaper);
      await spares?.stop();
      const pools = [...groups.values()].flatMap((group) => [...group.pools.values()]);
      groups.clear();
      await Promise.all(pools.map((pool) => pool.stop()));
      await ownBuilder?.stop();
    },
  };
}

/** The answer while a function's code does not build: an init error, logged like one. */
function buildFailure(
  fn: LocalFunction,
  version: string,
  request: InvocationRequest,
  errorType: string,
  errorMessage: string,
  onLog: ((entry: LogEntry) => void) | undefined,
): InvocationResult {
  const payload = initError(errorType, errorMessage);
  const log = request.tail ? new InvocationLog() : undefined;
  const id = request.requestId;
  const lines = [
    startLine(id, version),
    `${new Date().toISOString()}\t${id}\tERROR\tInit Error \t${payload.toString('utf8')}`,
    endLine(id),
    reportLine(id, {
      durationMs: 0,
      memorySize: fn.memorySize,
      maxMemoryUsedMb: 0,
      initDurationMs: undefined,
      status: 'error',
      errorType,
    }),
  ];
  for (const line of lines) {
    log?.add(line);
    onLog?.({ fn, version, requestId: id, line });
  }
  return { payload, functionError: 'Unhandled', executedVersion: version, log: log?.text() };
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
