/**
 * Where an execution environment is in its life: exactly one phase at a time, each holding what only it has (the
 * call, its timers, its answer). The transitions, all made by `Environment`:
 *
 * ```
 * unstarted     invoke                                   → starting
 * starting      Runtime API server up, process launched  → initialising
 *               server failed, spawn failed, kill        → dead      (the call answered with the fault)
 * initialising  first /next                              → running
 *               init error, init time-out, exit, kill    → dead      (the call answered with the fault)
 * idle          invoke                                   → running
 *               exit, kill                               → dead
 * running       result (or error) posted                 → answered
 *               time-out, exit, kill                     → dead      (the call answered with the fault)
 * answered      next turn of the event loop              → idle      (the call answered with its result)
 *               exit, kill                               → dead      (the call answered with its result)
 * ```
 *
 * Every phase that holds a call ends by handing that call its result, whatever ends it: a result posted, a fault,
 * the process dying, or `kill()`. That is what makes `Environment.invoke()` never reject.
 */
import type { InvocationRequest, InvocationResult } from '../types.js';
import type { InvocationLog } from './invocation-log.js';

/** One invocation inside an environment: what was asked and whom to answer. */
export interface Call {
  readonly request: InvocationRequest;
  readonly resolve: (result: InvocationResult) => void;
  /** Present when the caller asked for the log tail. */
  readonly log: InvocationLog | undefined;
  /** How long it waited for an environment (it comes off the function's timeout). */
  readonly waitedMs: number;
}

/** A platform fault, as the REPORT line states it (`Status: timeout`, `Error Type: Sandbox.Timedout`). */
export interface Fault {
  readonly status: 'error' | 'timeout';
  readonly errorType: string;
}

/** How an invocation ended: the payload returned to the caller, and the fault the REPORT line names (if any). */
export interface Answer {
  readonly payload: Buffer;
  readonly functionError: 'Unhandled' | undefined;
  readonly fault: Fault | undefined;
}

/** Created, nothing started yet. */
export interface Unstarted {
  readonly phase: 'unstarted';
}

/** The first call came: the Runtime API server is starting; no process yet. */
export interface Starting {
  readonly phase: 'starting';
  readonly call: Call;
}

/** The process is running its init; the call waits for the first `/next`. */
export interface Initialising {
  readonly phase: 'initialising';
  readonly call: Call;
  /** When the process was started (or the spare bound): Init Duration counts from here. */
  readonly launchedAt: number;
  /** Ends init after `INIT_TIMEOUT_MS`. */
  readonly initTimer: NodeJS.Timeout;
}

/** Warm, waiting for a call. */
export interface Idle {
  readonly phase: 'idle';
}

/** The call's event was handed to the runtime; waiting for its result. */
export interface Running {
  readonly phase: 'running';
  readonly call: Call;
  readonly startedAt: number;
  /** Only on the call that waited for init. */
  readonly initDurationMs: number | undefined;
  /** Ends the call after the function's timeout. */
  readonly deadline: NodeJS.Timeout;
}

/**
 * The runtime posted the result; it is handed back on the next turn of the event loop, so that the lines the
 * process wrote just before posting are read into the log first.
 */
export interface Answered {
  readonly phase: 'answered';
  readonly call: Call;
  readonly startedAt: number;
  readonly initDurationMs: number | undefined;
  readonly answer: Answer;
}

/** Never used again: a fault, an exit, or `kill()`. */
export interface Dead {
  readonly phase: 'dead';
}

/** Every phase of an environment. */
export type Lifecycle = Unstarted | Starting | Initialising | Idle | Running | Answered | Dead;

/** The phases that hold a call. */
export type WithCall = Starting | Initialising | Running | Answered;

/** What the pool needs to know: may it be handed a call (`idle`), is it in one (`busy`), or is it gone (`dead`). */
export type Availability = 'idle' | 'busy' | 'dead';

/**
 * The availability of an environment in `lifecycle`.
 *
 * @example
 * availability({ phase: 'unstarted' }); // 'idle'
 */
export function availability(lifecycle: Lifecycle): Availability {
  switch (lifecycle.phase) {
    case 'unstarted':
    case 'idle':
      return 'idle';
    case 'dead':
      return 'dead';
    default:
      return 'busy';
  }
}

/** The phases without a call, shared (they hold nothing). */
export const UNSTARTED: Unstarted = { phase: 'unstarted' };
export const IDLE: Idle = { phase: 'idle' };
export const DEAD: Dead = { phase: 'dead' };

/**
 * True in the phases that hold a call.
 *
 * @example
 * holdsCall({ phase: 'idle' }); // false
 */
export function holdsCall(lifecycle: Lifecycle): lifecycle is WithCall {
  const { phase } = lifecycle;
  return phase === 'running' || phase === 'answered' || phase === 'initialising' || phase === 'starting';
}
