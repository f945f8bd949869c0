/**
 * One execution environment: one OS process (our Node bootstrap, or a `provided` bootstrap) and the Runtime API
 * server it talks to, one invocation at a time. After any fault (time-out, crash, init error) it is dead and the
 * pool replaces it. Here: the transitions between its phases (lifecycle.ts) and what each one answers. Elsewhere:
 * starting the process (launch.ts), the lines Lambda writes (platform-lines.ts), the faults' payloads (faults.ts).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rm } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { NodeCode, ProvidedCode } from '../../build/types.js';
import type { InvocationRequest, InvocationResult, LocalFunction } from '../types.js';
import { decodeClientContext } from './client-context.js';
import { exited, exitReason, invalidEntrypoint, responseTooLarge, timedOut, unknownError } from './faults.js';
import { InvocationLog } from './invocation-log.js';
import { launch, type ProcessWatcher, RuntimeProcess, type SpawnFailure } from './launch.js';
import {
  type Answer,
  type Answered,
  type Availability,
  availability,
  type Call,
  DEAD,
  type Fault,
  holdsCall,
  IDLE,
  type Lifecycle,
  UNSTARTED,
  type WithCall,
} from './lifecycle.js';
import { hostNode, type NodeBinary } from './node-binaries.js';
import { PeakMemory } from './peak-memory.js';
import { endLine, reportLine, startLine, timedOutLine } from './platform-lines.js';
import { RuntimeApi, type RuntimeApiListener } from './runtime-api.js';
import type { Spares } from './spares.js';
import { traceId } from './trace-id.js';

/** How long init (process start and module load) may take, as on AWS. */
export const INIT_TIMEOUT_MS = 10_000;

/** What an environment is started with. */
export interface EnvironmentOptions {
  readonly fn: LocalFunction;
  readonly version: string;
  readonly code: NodeCode | ProvidedCode;
  /** The process environment, less `AWS_LAMBDA_RUNTIME_API` and `AWS_LAMBDA_LOG_STREAM_NAME` (set here). */
  readonly env: Readonly<Record<string, string>>;
  /** Every output line of the process and every platform line. Must not throw. */
  readonly onLog: ((line: string, requestId: string | undefined) => void) | undefined;
  /** The process ended (by itself or killed), or could not be started. */
  readonly onExit: (environment: Environment) => void;
  /** The `node` that runs Node code (its spares are taken and refilled). Default: the Node running lambdaport. */
  readonly node?: NodeBinary | undefined;
  /** Pre-booted spare processes (Node only): one is taken instead of spawning, and refilled after init. */
  readonly spares?: Spares | undefined;
}

const EMPTY_EVENT = Buffer.from('{}');

/**
 * One execution environment. Created by the pool; `invoke()` starts it on first use.
 *
 * @example
 * const env = new Environment({ fn, version: '$LATEST', code, env: vars, onLog, onExit });
 * const result = await env.invoke(request);
 * await env.kill();
 */
export class Environment implements RuntimeApiListener {
  /** Set by the pool when the code changed: stopped after its current invocation. */
  retired = false;
  /** When it last finished an invocation (for the idle reaper). */
  lastUsed = Date.now();
  readonly code: NodeCode | ProvidedCode;
  private lifecycle: Lifecycle = UNSTARTED;
  private api: RuntimeApi | undefined;
  private process: RuntimeProcess | undefined;
  /** Its own temporary folder (`TMPDIR`), from the start of its process until it ends. */
  private tmp: string | undefined;
  private starting: Promise<void> | undefined;
  private readonly memory = new PeakMemory();
  private readonly node: NodeBinary;
  private readonly logStream: string;
  /** Boots the next spare, once: after the first call (its init and first run done, the CPU is free again). */
  private refillSpare: (() => void) | undefined;
  private readonly watcher: ProcessWatcher = {
    onLine: (line) => this.line(line),
    onExit: (code, signal) => this.processEnded(code, signal),
    onSpawnFailed: (failure) => this.cannotStart(failure),
  };

  constructor(private readonly options: EnvironmentOptions) {
    this.code = options.code;
    const day = new Date().toISOString().slice(0, 10).replace(/-/g, '/');
    this.logStream = `${day}/[${options.version}]${randomUUID().replace(/-/g, '')}`;
    const { spares, fn } = options;
    this.node = options.node ?? hostNode();
    if (spares !== undefined && options.code.kind === 'node') {
      const node = this.node;
      // spawning takes a few ms of this thread: after the result has been handed back
      this.refillSpare = () => setImmediate(() => spares.boot(node, fn.memorySize));
    }
  }

  /** `idle` (may be handed a call; also before its first), `busy` (in a call) or `dead` (never used again). */
  get state(): Availability {
    return availability(this.lifecycle);
  }

  /** The process id, once started. */
  get pid(): number | undefined {
    return this.process?.pid;
  }

  /**
   * Runs one invocation. Never rejects: every fault of the function, of its process or of starting either is a
   * resolved `Unhandled` result. One call at a time: a call while another runs is a bug of the caller and throws.
   * `waitedMs`: how long the call waited for this environment; it comes off the function's timeout.
   */
  invoke(request: InvocationRequest, waitedMs = 0): Promise<InvocationResult> {
    const lifecycle = this.lifecycle;
    if (lifecycle.phase === 'dead') {
      // it died between being handed out and being used
      return Promise.resolve({
        payload: exited(request.requestId, undefined, false),
        functionError: 'Unhandled',
        executedVersion: this.options.version,
        log: undefined,
      });
    }
    if (lifecycle.phase !== 'idle' && lifecycle.phase !== 'unstarted') {
      throw new Error(`Environment of ${this.options.fn.deployedName} is busy (${lifecycle.phase})`);
    }
    return new Promise<InvocationResult>((resolve) => {
      const call: Call = { request, resolve, log: request.tail ? new InvocationLog() : undefined, waitedMs };
      if (lifecycle.phase === 'idle') {
        this.deliver(call, undefined);
      } else {
        this.lifecycle = { phase: 'starting', call };
        this.starting = this.start(call);
      }
    });
  }

  /**
   * Kills the process (and its process group) and closes the Runtime API; resolves once it has exited. A call in
   * progress is answered as a killed process (`Runtime.ExitError`, `signal: killed`).
   */
  kill(): Promise<void> {
    // with a process, its exit answers the call; without one (still starting), nothing else will
    if (this.process === undefined || !holdsCall(this.lifecycle)) this.die(killed);
    this.process?.kill();
    void this.api?.close();
    return this.stopped();
  }

  /** Resolves once the environment is gone for good (its process ended, or it never started one). */
  gone(): Promise<void> {
    return this.stopped();
  }

  // ---- Runtime API listener ----

  onReady(): void {
    const lifecycle = this.lifecycle;
    if (lifecycle.phase === 'initialising') this.deliver(lifecycle.call, performance.now() - lifecycle.launchedAt);
  }

  onResponse(requestId: string, body: Buffer): void {
    this.answered(requestId, { payload: body, functionError: undefined, fault: undefined });
  }

  onError(requestId: string, body: Buffer): void {
    this.answered(requestId, { payload: body, functionError: 'Unhandled', fault: undefined });
  }

  onResponseTooLarge(requestId: string): void {
    this.answered(requestId, fault(responseTooLarge(), 'Function.ResponseSizeTooLarge'));
  }

  onInitError(body: Buffer, errorType: string | undefined): void {
    this.die(() => fault(body, errorType ?? 'Runtime.Unknown'));
    void this.kill();
  }

  onEventFailed(requestId: string, error: unknown): void {
    const lifecycle = this.lifecycle;
    if (lifecycle.phase === 'running' && lifecycle.call.request.requestId === requestId) this.abort(error);
  }

  // ---- the phases ----

  /** starting → initialising: the Runtime API server, then the process. */
  private async start(call: Call): Promise<void> {
    let api: RuntimeApi;
    try {
      api = await RuntimeApi.start(this);
    } catch (error) {
      this.cannotStart({ file: 'Runtime API', why: String(error) });
      return;
    }
    if (this.lifecycle.phase !== 'starting') {
      await api.close(); // killed meanwhile: the call has been answered
      return;
    }
    this.api = api;
    try {
      const { fn, code, spares } = this.options;
      const node = this.node;
      // its own temporary folder (as each Lambda environment has its own /tmp), removed when it ends
      this.tmp = mkdtempSync(path.join(tmpdir(), `lambdaport-${fn.deployedName}-`));
      const env = {
        ...this.options.env,
        TMPDIR: this.tmp,
        AWS_LAMBDA_RUNTIME_API: api.address,
        AWS_LAMBDA_LOG_STREAM_NAME: this.logStream,
      };
      const launchedAt = performance.now();
      const launched = launch({ fn, code, env, node, spares }, this.watcher);
      if (!(launched instanceof RuntimeProcess)) {
        this.cannotStart(launched);
        return;
      }
      this.process = launched;
      const initTimer = setTimeout(() => this.initTimedOut(call), INIT_TIMEOUT_MS);
      this.enter({ phase: 'initialising', call, launchedAt, initTimer });
    } catch (error) {
      this.abort(error);
    }
  }

  /** → running: the event goes to the runtime (now if it waits on `/next`, else when it asks). */
  private deliver(call: Call, initDurationMs: number | undefined): void {
    const { fn, version } = this.options;
    const { request } = call;
    const timeoutMs = Math.max(0, fn.timeoutSeconds * 1000 - call.waitedMs);
    const deadline = setTimeout(() => this.timedOut(call), timeoutMs);
    this.enter({ phase: 'running', call, startedAt: performance.now(), initDurationMs, deadline });
    this.platformLine(startLine(request.requestId, version), call);
    try {
      (this.api as RuntimeApi).deliver({
        requestId: request.requestId,
        deadlineMs: Date.now() + timeoutMs,
        invokedFunctionArn: request.invokedFunctionArn,
        traceId: traceId(),
        clientContext: decodeClientContext(request.clientContext),
        cognitoIdentity: undefined,
        payload: request.payload.length === 0 ? EMPTY_EVENT : request.payload,
      });
    } catch (error) {
      this.abort(error);
    }
  }

  /** running → answered → (next turn) idle: the process wrote its log lines before posting; read them first. */
  private answered(requestId: string, answer: Answer): void {
    const running = this.lifecycle;
    if (running.phase !== 'running' || running.call.request.requestId !== requestId) return;
    const { call, startedAt, initDurationMs } = running;
    const answered: Answered = { phase: 'answered', call, startedAt, initDurationMs, answer };
    this.enter(answered);
    setImmediate(() => {
      if (this.lifecycle !== answered) return; // it died meanwhile, and the call got its answer then
      this.enter(IDLE);
      this.end(answered, answer);
    });
  }

  private timedOut(call: Call): void {
    const lifecycle = this.lifecycle;
    if (lifecycle.phase !== 'running' || lifecycle.call !== call) return;
    const seconds = this.options.fn.timeoutSeconds;
    this.api?.clear();
    this.platformLine(timedOutLine(call.request.requestId, seconds), call);
    this.die((id) => fault(timedOut(id, seconds), 'Sandbox.Timedout', 'timeout'));
    void this.kill();
  }

  private initTimedOut(call: Call): void {
    const lifecycle = this.lifecycle;
    if (lifecycle.phase !== 'initialising' || lifecycle.call !== call) return;
    this.die((id) => fault(timedOut(id, INIT_TIMEOUT_MS / 1000), 'Sandbox.Timedout', 'timeout'));
    void this.kill();
  }

  /** The Runtime API server or the process could not be started. */
  private cannotStart(failure: SpawnFailure): void {
    this.die((id) => fault(invalidEntrypoint(id, failure.file, failure.why), 'Runtime.InvalidEntrypoint'));
    void this.api?.close();
    this.removeTmp();
    this.options.onExit(this);
  }

  private processEnded(code: number | null, signal: NodeJS.Signals | null): void {
    const outOfMemory = this.process?.outOfMemory === true;
    const errorType = outOfMemory ? 'Runtime.OutOfMemory' : 'Runtime.ExitError';
    this.die((id) => fault(exited(id, exitReason(code, signal), outOfMemory), errorType));
    void this.api?.close();
    this.removeTmp();
    this.refill();
    this.options.onExit(this);
  }

  /** Removes the environment's own temporary folder (in the background; once). */
  private removeTmp(): void {
    const tmp = this.tmp;
    this.tmp = undefined;
    if (tmp !== undefined) rm(tmp, { recursive: true, force: true }, () => {});
  }

  /** Something of ours failed (not the function): the call is answered `Runtime.Unknown`, the environment ends. */
  private abort(error: unknown): void {
    const what = error instanceof Error ? error.message : String(error);
    this.die((id) => fault(unknownError(id, what), 'Runtime.Unknown'));
    void this.kill();
  }

  /** → dead. The call it holds is answered: with the runtime's own answer if it posted one, else `answerOf(id)`. */
  private die(answerOf: (requestId: string) => Answer): void {
    const lifecycle = this.lifecycle;
    this.enter(DEAD);
    if (lifecycle.phase === 'answered') this.end(lifecycle, lifecycle.answer);
    else if (holdsCall(lifecycle)) this.end(lifecycle, answerOf(lifecycle.call.request.requestId));
  }

  /** Leaves the current phase (stopping its timer) for `next`. */
  private enter(next: Lifecycle): void {
    const left = this.lifecycle;
    if (left.phase === 'initialising') clearTimeout(left.initTimer);
    else if (left.phase === 'running') clearTimeout(left.deadline);
    this.lifecycle = next;
  }

  /** Answers the call of `lifecycle` (the phase it was in) with END and REPORT written first. */
  private end(lifecycle: WithCall, answer: Answer): void {
    const { call } = lifecycle;
    const { fn, version, onLog } = this.options;
    if (onLog !== undefined || call.log !== undefined) {
      const id = call.request.requestId;
      const delivered = lifecycle.phase === 'running' || lifecycle.phase === 'answered' ? lifecycle : undefined;
      this.process?.flush();
      if (delivered === undefined) this.platformLine(startLine(id, version), call);
      this.platformLine(endLine(id), call);
      const report = reportLine(id, {
        durationMs: delivered === undefined ? 0 : performance.now() - delivered.startedAt,
        memorySize: fn.memorySize,
        maxMemoryUsedMb: this.process?.outOfMemory ? fn.memorySize : this.memory.mb(this.pid),
        initDurationMs: delivered?.initDurationMs,
        status: answer.fault?.status,
        errorType: answer.fault?.errorType,
      });
      this.platformLine(report, call);
    }
    this.lastUsed = Date.now();
    const { payload, functionError } = answer;
    call.resolve({ payload, functionError, executedVersion: version, log: call.log?.text() });
    this.refill();
  }

  private refill(): void {
    const refill = this.refillSpare;
    this.refillSpare = undefined;
    refill?.();
  }

  /** Resolves once `start()` has finished and the process (if any) has ended. */
  private async stopped(): Promise<void> {
    await this.starting;
    await this.process?.ended;
  }

  // ---- the log ----

  private line(line: string): void {
    const lifecycle = this.lifecycle;
    const call = holdsCall(lifecycle) ? lifecycle.call : undefined;
    call?.log?.add(line);
    this.options.onLog?.(line, call?.request.requestId);
  }

  private platformLine(line: string, call: Call): void {
    call.log?.add(line);
    this.options.onLog?.(line, call.request.requestId);
  }
}

/** A fault's answer: `Unhandled`, with the REPORT line's status. */
function fault(payload: Buffer, errorType: string, status: Fault['status'] = 'error'): Answer {
  return { payload, functionError: 'Unhandled', fault: { status, errorType } };
}

/** What a call gets when the environment is killed under it. */
function killed(requestId: string): Answer {
  return fault(exited(requestId, 'signal: killed', false), 'Runtime.ExitError');
}
