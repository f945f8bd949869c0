/**
 * One execution environment: one OS process (our Node bootstrap, or a `provided` bootstrap) and the Runtime API
 * server it talks to. One invocation at a time. After any fault (time-out, crash, init error) it is dead and the
 * pool replaces it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { NodeCode, ProvidedCode } from '../../build/types.js';
import type { InvocationRequest, InvocationResult, LocalFunction } from '../types.js';
import { exited, exitReason, invalidEntrypoint, responseTooLarge, timedOut } from './faults.js';
import { endLine, InvocationLog, LineSplitter, reportLine, startLine } from './log.js';
import { RuntimeApi, type RuntimeApiListener } from './runtime-api.js';
import { Spares } from './spares.js';

/** How long init (process start and module load) may take, as on AWS. */
export const INIT_TIMEOUT_MS = 10_000;

/** The Node bootstrap, compiled: `dist/lambda/bootstrap/node.cjs` (also found when this file runs from `src/`). */
export const NODE_BOOTSTRAP = findBootstrap();

function findBootstrap(): string {
  const here = fileURLToPath(new URL('../bootstrap/node.cjs', import.meta.url));
  if (existsSync(here)) return here;
  return here.replace(/([/\\])src([/\\]lambda[/\\]bootstrap[/\\]node\.cjs)$/, '$1dist$2');
}

/** The heap cap of a Node environment (MB) for a function's `memorySize`. */
export function heapLimitMb(memorySize: number): number {
  return Math.max(32, Math.floor(memorySize * 0.85));
}

/** The arguments of `node` for a Node environment (or a spare) of a function with `memorySize` MB. */
export function nodeArgs(memorySize: number, extra: readonly string[]): string[] {
  return ['--enable-source-maps', `--max-old-space-size=${heapLimitMb(memorySize)}`, NODE_BOOTSTRAP, ...extra];
}

/** What an environment is started with. */
export interface EnvironmentOptions {
  readonly fn: LocalFunction;
  readonly version: string;
  readonly code: NodeCode | ProvidedCode;
  /** The process environment, less `AWS_LAMBDA_RUNTIME_API` and `AWS_LAMBDA_LOG_STREAM_NAME` (set here). */
  readonly env: Readonly<Record<string, string>>;
  /** Every output line of the process and every platform line. */
  readonly onLog: ((line: string, requestId: string | undefined) => void) | undefined;
  /** The process ended (by itself or killed). */
  readonly onExit: (environment: Environment) => void;
  /** Pre-booted spare processes (Node only): one is taken instead of spawning, and refilled after init. */
  readonly spares?: Spares | undefined;
}

interface Current {
  readonly request: InvocationRequest;
  readonly resolve: (result: InvocationResult) => void;
  readonly log: InvocationLog | undefined;
  timer: NodeJS.Timeout | undefined;
  delivered: boolean;
  startedAt: number;
  settled: boolean;
}

type State = 'idle' | 'busy' | 'dead';

/**
 * One execution environment. Created by the pool; `invoke()` starts it on first use.
 *
 * @example
 * const env = new Environment({ fn, version: '$LATEST', code, env: vars, onLog, onExit });
 * const result = await env.invoke(request);
 * await env.kill();
 */
export class Environment implements RuntimeApiListener {
  state: State = 'idle';
  /** Set by the pool when the code changed: stopped after its current invocation. */
  retired = false;
  /** When it last finished an invocation (for the idle reaper). */
  lastUsed = Date.now();
  readonly code: NodeCode | ProvidedCode;
  private api: RuntimeApi | undefined;
  private child: ChildProcess | undefined;
  private starting: Promise<void> | undefined;
  private current: Current | undefined;
  private ready = false;
  private spawnedAt = 0;
  private initDurationMs: number | undefined;
  private initTimer: NodeJS.Timeout | undefined;
  private outOfMemory = false;
  private exitedPromise: Promise<void> | undefined;
  private readonly stdout = new LineSplitter((line) => this.line(line));
  private readonly stderr = new LineSplitter((line) => this.line(line, true));
  private readonly logStream: string;
  private memoryReadAt = Number.NEGATIVE_INFINITY;
  private memoryMb = 0;
  private refilled = false;

  constructor(private readonly options: EnvironmentOptions) {
    this.code = options.code;
    const day = new Date().toISOString().slice(0, 10).replace(/-/g, '/');
    this.logStream = `${day}/[${options.version}]${randomUUID().replace(/-/g, '')}`;
  }

  /** The process id, once started. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Runs one invocation. Never rejects: every fault is an `Unhandled` result. */
  invoke(request: InvocationRequest): Promise<InvocationResult> {
    if (this.state === 'busy') throw new Error('Environment is busy');
    if (this.state === 'dead') {
      // it died between being handed out and being used
      const payload = exited(request.requestId, undefined, false);
      return Promise.resolve({
        payload,
        functionError: 'Unhandled',
        executedVersion: this.options.version,
        log: undefined,
      });
    }
    this.state = 'busy';
    return new Promise<InvocationResult>((resolve) => {
      const current: Current = {
        request,
        resolve,
        log: request.tail ? new InvocationLog() : undefined,
        timer: undefined,
        delivered: false,
        startedAt: 0,
        settled: false,
      };
      this.current = current;
      if (this.ready) {
        this.deliver(current);
      } else {
        this.starting ??= this.start();
      }
    });
  }

  /** Kills the process (and its process group) and closes the Runtime API; resolves once it has exited. */
  kill(): Promise<void> {
    this.state = 'dead';
    if (this.initTimer) clearTimeout(this.initTimer);
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }
    void this.api?.close();
    return this.exitedPromise ?? Promise.resolve();
  }

  // ---- Runtime API listener ----

  onReady(): void {
    this.ready = true;
    if (this.initTimer) clearTimeout(this.initTimer);
    this.initDurationMs = performance.now() - this.spawnedAt;
    const current = this.current;
    if (current && !current.delivered) this.deliver(current);
  }

  onResponse(requestId: string, body: Buffer): void {
    this.complete(requestId, body, undefined, undefined);
  }

  onError(requestId: string, body: Buffer): void {
    this.complete(requestId, body, 'Unhandled', undefined);
  }

  onResponseTooLarge(requestId: string): void {
    this.complete(requestId, responseTooLarge(), 'Unhandled', 'Function.ResponseSizeTooLarge');
  }

  onInitError(body: Buffer, errorType: string | undefined): void {
    const current = this.current;
    this.state = 'dead';
    if (current)
      this.finish(current, body, 'Unhandled', { status: 'error', errorType: errorType ?? 'Runtime.Unknown' });
    void this.kill();
  }

  // ---- internals ----

  private async start(): Promise<void> {
    const { fn, code } = this.options;
    try {
      this.api = await RuntimeApi.start(this);
    } catch (error) {
      this.fail(invalidEntrypoint(this.current?.request.requestId ?? '', 'Runtime API', String(error)));
      return;
    }
    const env = {
      ...this.options.env,
      AWS_LAMBDA_RUNTIME_API: this.api.address,
      AWS_LAMBDA_LOG_STREAM_NAME: this.logStream,
    };
    this.spawnedAt = performance.now();
    const spare = code.kind === 'node' ? this.options.spares?.take(fn.memorySize, env) : undefined;
    let child: ChildProcess;
    if (spare !== undefined) {
      child = spare;
      Spares.bind(child, { env, cwd: fn.dir, codeCacheDir: code.kind === 'node' ? code.codeCacheDir : undefined });
    } else {
      const [command, args] =
        code.kind === 'node'
          ? [
              process.execPath,
              nodeArgs(fn.memorySize, code.codeCacheDir === undefined ? [] : [`--code-cache=${code.codeCacheDir}`]),
            ]
          : [code.bootstrap, []];
      try {
        child = spawn(command, args, { cwd: fn.dir, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      } catch (error) {
        this.spawnFailed(error);
        return;
      }
    }
    this.child = child;
    let closed = false;
    let closedResolve: () => void = () => undefined;
    const stdioClosed = new Promise<void>((resolve) => {
      closedResolve = resolve;
    });
    child.stdout?.setEncoding('utf8');
    child.stderr?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => this.stdout.push(chunk));
    child.stderr?.on('data', (chunk: string) => this.stderr.push(chunk));
    child.on('close', () => {
      closed = true;
      closedResolve();
    });
    this.exitedPromise = new Promise<void>((resolve) => {
      child.once('error', (error) => {
        if (child.pid === undefined) {
          this.spawnFailed(error);
          resolve();
        }
      });
      child.once('exit', (exitCode, signal) => {
        // give the pipes a moment to drain so the last lines (an OOM message) reach the log
        const done = (): void => {
          this.stdout.flush();
          this.stderr.flush();
          this.onProcessExit(exitCode, signal);
          resolve();
        };
        if (closed) done();
        else {
          const timer = setTimeout(done, 100);
          void stdioClosed.then(() => {
            clearTimeout(timer);
            done();
          });
        }
      });
    });
    this.initTimer = setTimeout(() => {
      const current = this.current;
      if (current && !current.delivered) {
        this.finish(current, timedOut(current.request.requestId, INIT_TIMEOUT_MS / 1000), 'Unhandled', {
          status: 'timeout',
          errorType: 'Sandbox.Timedout',
        });
      }
      void this.kill();
    }, INIT_TIMEOUT_MS);
  }

  /** After this environment's first call (or its end): the CPU is free again for booting the next spare. */
  private refillSpare(): void {
    const spares = this.options.spares;
    if (spares === undefined || this.options.code.kind !== 'node' || this.refilled) return;
    this.refilled = true;
    // spawning takes a few ms of this thread: after the result has been handed back
    setImmediate(() => spares.boot(this.options.fn.memorySize));
  }

  private spawnFailed(error: unknown): void {
    const code = this.options.code;
    const file = code.kind === 'provided' ? code.bootstrap : NODE_BOOTSTRAP;
    const why = (error as NodeJS.ErrnoException).code ?? String(error);
    this.fail(invalidEntrypoint(this.current?.request.requestId ?? '', file, why));
  }

  private fail(payload: Buffer): void {
    this.state = 'dead';
    if (this.initTimer) clearTimeout(this.initTimer);
    const current = this.current;
    if (current)
      this.finish(current, payload, 'Unhandled', { status: 'error', errorType: 'Runtime.InvalidEntrypoint' });
    void this.api?.close();
    this.options.onExit(this);
  }

  private deliver(current: Current): void {
    const { fn, version } = this.options;
    const request = current.request;
    current.delivered = true;
    current.startedAt = performance.now();
    this.platformLine(startLine(request.requestId, version), current);
    current.timer = setTimeout(() => this.timeout(current), fn.timeoutSeconds * 1000);
    (this.api as RuntimeApi).deliver({
      requestId: request.requestId,
      deadlineMs: Date.now() + fn.timeoutSeconds * 1000,
      invokedFunctionArn: request.invokedFunctionArn,
      traceId: traceId(),
      clientContext: decodeClientContext(request.clientContext),
      cognitoIdentity: undefined,
      payload: request.payload.length === 0 ? EMPTY_EVENT : request.payload,
    });
  }

  private timeout(current: Current): void {
    if (current.settled) return;
    const { fn } = this.options;
    this.state = 'dead';
    this.api?.clear();
    this.platformLine(
      `${new Date().toISOString()} ${current.request.requestId} Task timed out after ${fn.timeoutSeconds.toFixed(2)} seconds`,
      current,
    );
    this.finish(current, timedOut(current.request.requestId, fn.timeoutSeconds), 'Unhandled', {
      status: 'timeout',
      errorType: 'Sandbox.Timedout',
    });
    void this.kill();
  }

  private complete(
    requestId: string,
    payload: Buffer,
    functionError: 'Unhandled' | undefined,
    errorType: string | undefined,
  ): void {
    const current = this.current;
    if (!current || current.request.requestId !== requestId || current.settled) return;
    if (current.timer) clearTimeout(current.timer);
    current.timer = undefined;
    // the process wrote its log lines before posting; let their pipe be read first
    setImmediate(() =>
      this.finish(
        current,
        payload,
        functionError,
        errorType ? { status: 'error', errorType } : { status: undefined, errorType: undefined },
      ),
    );
  }

  private onProcessExit(code: number | null, signal: NodeJS.Signals | null): void {
    this.state = 'dead';
    this.refillSpare();
    if (this.initTimer) clearTimeout(this.initTimer);
    void this.api?.close();
    const current = this.current;
    if (current && !current.settled) {
      const oom = this.outOfMemory;
      this.finish(current, exited(current.request.requestId, exitReason(code, signal), oom), 'Unhandled', {
        status: 'error',
        errorType: oom ? 'Runtime.OutOfMemory' : 'Runtime.ExitError',
      });
    }
    this.options.onExit(this);
  }

  private finish(
    current: Current,
    payload: Buffer,
    functionError: 'Unhandled' | undefined,
    fault: { status: string | undefined; errorType: string | undefined },
  ): void {
    if (current.settled) return;
    current.settled = true;
    if (current.timer) clearTimeout(current.timer);
    const { fn, version, onLog } = this.options;
    const id = current.request.requestId;
    if (onLog || current.log) {
      this.stdout.flush();
      this.stderr.flush();
      const durationMs = current.delivered ? performance.now() - current.startedAt : 0;
      if (!current.delivered) this.platformLine(startLine(id, version), current);
      this.platformLine(endLine(id), current);
      this.platformLine(
        reportLine(id, {
          durationMs,
          memorySize: fn.memorySize,
          maxMemoryUsedMb: this.maxMemoryUsedMb(),
          initDurationMs: this.initDurationMs,
          status: fault.status,
          errorType: fault.errorType,
        }),
        current,
      );
    }
    this.initDurationMs = undefined;
    if (this.current === current) this.current = undefined;
    if (this.state === 'busy') this.state = 'idle';
    this.lastUsed = Date.now();
    current.resolve({ payload, functionError, executedVersion: version, log: current.log?.text() });
    this.refillSpare(); // after the first call (its init and first run done), the CPU is free for the next spare
  }

  /** Peak memory of the process, read from /proc at most every 250 ms (it is on the hot path when logging). */
  private maxMemoryUsedMb(): number {
    if (this.outOfMemory) return this.options.fn.memorySize;
    const now = performance.now();
    if (now - this.memoryReadAt > 250) {
      this.memoryReadAt = now;
      this.memoryMb = readMaxMemoryMb(this.child?.pid);
    }
    return this.memoryMb;
  }

  private line(line: string, isStderr = false): void {
    if (isStderr && !this.outOfMemory && line.includes('JavaScript heap out of memory')) this.outOfMemory = true;
    const current = this.current;
    current?.log?.add(line);
    this.options.onLog?.(line, current?.request.requestId);
  }

  private platformLine(line: string, current: Current): void {
    current.log?.add(line);
    this.options.onLog?.(line, current.request.requestId);
  }
}

const EMPTY_EVENT = Buffer.from('{}');

/** The peak resident memory of a process in MB (Linux: VmHWM), 0 when unknown. */
function readMaxMemoryMb(pid: number | undefined): number {
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

/** An X-Ray-style trace header (`Root=1-<time>-<id>;Parent=<id>;Sampled=0`), from one UUID's hex digits. */
function traceId(): string {
  const u = randomUUID(); // xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx
  const time = Math.floor(Date.now() / 1000).toString(16);
  return `Root=1-${time}-${u.slice(0, 8)}${u.slice(9, 13)}${u.slice(14, 18)}${u.slice(19, 23)}${u.slice(24, 28)};Parent=${u.slice(19, 23)}${u.slice(24, 36)};Sampled=0`;
}

/** The `X-Amz-Client-Context` (base64 of JSON) as the JSON text Lambda passes on, in a header-safe form. */
function decodeClientContext(base64: string | undefined): string | undefined {
  if (base64 === undefined || base64 === '') return undefined;
  try {
    const text = JSON.stringify(JSON.parse(Buffer.from(base64, 'base64').toString('utf8')));
    return text.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  } catch {
    return undefined;
  }
}
