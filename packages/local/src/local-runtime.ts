/**
 * What `startLocal()` takes and returns: its options and the running local runtime (`start-local.ts` builds it).
 */
import type { LoadedService, LocalTable } from '@lambdaport/config';
import type { LocalPages } from './http/pages.js';
import type { IamMode } from './iam/authorizer.js';
import type { QueueSummary } from './lambda/async/index.js';
import type { LogEntry, MemoryReport, NodeBinary } from './lambda/environments/index.js';
import type { InvocationRequest, InvocationResult, LocalFunction } from './lambda/types.js';
import type { ObservedCall } from './observed/observed-calls.js';

/** Options of {@link startLocal}. */
export interface StartLocalOptions {
  /** Service dirs, each holding a `lambdaport.config.{ts,mts,js,mjs,json}`. */
  readonly dirs: readonly string[];
  /** Default 0: any free port (read it from the result). */
  readonly port?: number | undefined;
  /** Default `127.0.0.1`. */
  readonly host?: string | undefined;
  /** Overrides every config's `stage`. */
  readonly stage?: string | undefined;
  /** The state folder; default `<first dir>/.lambdaport`. */
  readonly state?: string | undefined;
  /** Keep SSM and DynamoDB in memory only. */
  readonly ephemeral?: boolean | undefined;
  /**
   * Rebuild on source change (the next call runs the new code), and reload the configs when they change (a config
   * with problems is reported and the previous one keeps serving). Default false.
   */
  readonly watch?: boolean | undefined;
  /** Every log line of every function (its output and START/END/REPORT). Default: dropped. */
  readonly onLog?: ((entry: LogEntry) => void) | undefined;
  /** Runtime messages (build failures, failed async invocations). Default: stderr. */
  readonly log?: ((line: string) => void) | undefined;
  /**
   * Debug lines (a client that went away mid-request, a request that timed out). Default: stderr when the
   * environment variable `LAMBDAPORT_DEBUG` is set (not `0`), else dropped.
   */
  readonly debug?: ((line: string) => void) | undefined;
  /** How long a client may take to send a request's headers (ms); then 408. Default 10,000. */
  readonly headersTimeoutMs?: number | undefined;
  /** How long a client may take to send a whole request (ms); then 408. Default 30,000. */
  readonly requestTimeoutMs?: number | undefined;
  /**
   * The developer's credentials, whose signatures the front door verifies: the administrator. Default `test` /
   * `test`. Functions get their own role's credentials instead (docs/design/iam.md). Requests signed with other
   * access keys are accepted unverified on a loopback `host`.
   */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string } | undefined;
  /**
   * IAM (docs/design/iam.md): `enforce` (default) denies a function's call its policy does not allow, as AWS would;
   * `warn` logs the denial with its fix and lets the call through; `off` checks nothing.
   */
  readonly iam?: IamMode | undefined;
  /** Local cap of environments per function version (calls beyond it wait). */
  readonly maxEnvironments?: number | undefined;
  /** Idle environments stop after this long (ms). */
  readonly idleTimeoutMs?: number | undefined;
  /**
   * Keep one pre-booted Node process per memory size of the `nodejs` functions (booted at start, in the
   * background), so a cold start skips Node's own start. Default true.
   */
  readonly prebootSpares?: boolean | undefined;
  /**
   * Memory budget (MB) of the execution environments and spares: starting one that would exceed it first stops the
   * least recently used idle ones; when none can go, the call waits (no longer than its function's timeout).
   * Counted: each process's private memory plus each Node binary's shared pages once. Default: a quarter of the
   * machine's memory, at least 512 MB; `Infinity`: no budget.
   */
  readonly maxMemoryMb?: number | undefined;
  /**
   * Pages to serve on the same port under `/_lambdaport/` (GET and HEAD): called with the path below it
   * (`docs/records.html`), answers a page or undefined (404). `lambdaport dev` serves the services' docs this way.
   */
  readonly pages?: LocalPages | undefined;
  /** Delays before the retries of a failed `Event` invocation (ms). Default `[1000, 2000]` (AWS: 1 and 2 minutes). */
  readonly asyncRetryDelaysMs?: readonly number[] | undefined;
  /** At stop, how long running events may take to finish (ms); the rest run at the next start. Default 10,000. */
  readonly drainGraceMs?: number | undefined;
}

/** The queue of asynchronous invocations, as the runtime reports it. */
export interface LocalEventQueue {
  /** True when events are written to disk (fsynced) before the 202; false with `ephemeral`. */
  readonly durable: boolean;
  /** `<state>/events/queue.log`, when durable. */
  readonly file: string | undefined;
  /** The delays before retries after a function error (ms). */
  readonly retryDelaysMs: readonly number[];
  /** Depth, oldest age, in flight, retries, per function. */
  summary(): QueueSummary;
}

/** A running local runtime. */
export interface LocalRuntime {
  /** `http://127.0.0.1:PORT`: the endpoint for every SDK client (`AWS_ENDPOINT_URL`). */
  readonly url: string;
  /** The functions' own endpoint (their `AWS_ENDPOINT_URL`): the same API on another loopback port, open while a stop drains. */
  readonly internalUrl: string;
  readonly port: number;
  readonly host: string;
  readonly services: readonly LoadedService[];
  readonly functions: readonly LocalFunction[];
  readonly tables: readonly LocalTable[];
  /** The Function URL of a function (`<url>/lambda-url/<deployed-name>/`). */
  functionUrl(fn: LocalFunction): string;
  /** The memory budget of the environments (MB; `Infinity`: none). */
  readonly maxMemoryMb: number;
  /** What the memory budget counts now: environments and spares, waiting starts, evictions so far. */
  memory(): MemoryReport;
  /** The Node that runs a function's Node code: the one its config's `runtime` names, else (legacy `nodejs`) the host's. */
  nodeOf(fn: LocalFunction): NodeBinary;
  /**
   * The calls seen since the start, counted by caller, callee and invocation type (also served as JSON at
   * `GET /_lambdaport/calls`: `{ "calls": [...] }`, what `lambdaport graph` reads).
   */
  observedCalls(): ObservedCall[];
  /** The queue of asynchronous (`Event`) invocations. */
  readonly events: LocalEventQueue;
  /**
   * Stops taking requests, lets running events finish (up to `drainGraceMs`) while still serving their calls, keeps
   * the other events on disk, then stops every environment, the watchers, and flushes the state. Idempotent.
   */
  stop(): Promise<void>;
}
