/**
 * What the event queue takes and gives: the accept request, its options, the queue's interface, its summary, and
 * the entry it keeps per event.
 */
import type { Invoker, LocalFunction } from '../types.js';
import type { DestinationResolver } from './destinations.js';
import type { EventLog, StoredEvent } from './event-log.js';
import type { Fifo } from './fifo.js';
import type { EventInvokeConfigs } from './invoke-configs.js';

/** Local delays between attempts after a function error (AWS: about 1 then 2 minutes). */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [1_000, 2_000];
/** Local backoff of a throttled event: from this, doubling (AWS: 1 s up to 5 minutes). */
export const DEFAULT_THROTTLE_DELAY_MS = 1_000;
export const DEFAULT_THROTTLE_MAX_DELAY_MS = 10_000;
/** Deliveries running at once per function, when its reserved concurrency does not say less. */
export const DEFAULT_DELIVERIES_PER_FUNCTION = 4;
/** A log this large, with most of it done, is compacted. */
/** One event accepted for delivery. */
export interface AcceptRequest {
  readonly fn: LocalFunction;
  /** The version that runs. */
  readonly version: string;
  /** The qualifier the caller gave (selects the event invoke config). */
  readonly qualifier: string | undefined;
  readonly requestId: string;
  readonly payload: Buffer;
  readonly clientContext: string | undefined;
  readonly invokedFunctionArn: string;
}
/** The queue per function, as `lambdaport events` shows it. */
export interface FunctionQueueSummary {
  readonly function: string;
  /** Events accepted and not yet done (queued, running or waiting). */
  readonly depth: number;
  readonly inFlight: number;
  /** Waiting for a retry after a function error. */
  readonly waitingRetry: number;
  /** Waiting while their function is throttled. */
  readonly throttled: number;
  /** Age of the oldest event (ms), 0 when empty. */
  readonly oldestAgeMs: number;
  /** Retries made so far by the events in the queue. */
  readonly retries: number;
}

/** The whole queue. */
export interface QueueSummary extends Omit<FunctionQueueSummary, 'function'> {
  /** True when the queue is on disk. */
  readonly durable: boolean;
  /** The log file, when durable. */
  readonly file: string | undefined;
  /** Events delivered successfully, retried and discarded since start. */
  readonly delivered: number;
  readonly retried: number;
  readonly discarded: number;
  readonly functions: readonly FunctionQueueSummary[];
}
/** Options of {@link createEventQueue}. */
export interface EventQueueOptions {
  readonly log: EventLog;
  readonly invoker: Invoker;
  /** Finds a function by deployed name (events replayed from the log name it). */
  readonly functionNamed: (deployedName: string) => LocalFunction | undefined;
  readonly configs: EventInvokeConfigs;
  /** Turns a destination ARN into a target (functions, later queues and buses). */
  readonly destinations: DestinationResolver;
  /** Runtime messages: each retry and each discard, with the function, request id and reason. */
  readonly say: (line: string) => void;
  readonly retryDelaysMs?: readonly number[] | undefined;
  readonly throttleDelayMs?: number | undefined;
  readonly throttleMaxDelayMs?: number | undefined;
  readonly deliveriesPerFunction?: number | undefined;
  readonly now?: (() => number) | undefined;
}

/** The queue of `Event` invocations. */
export interface EventQueue {
  /** True when accepted events are on disk before `accept()` resolves. */
  readonly durable: boolean;
  /** Writes the event (durably when the log is) and schedules it; resolves when the 202 may be sent. */
  accept(request: AcceptRequest): Promise<void>;
  /** Starts delivering (the events replayed from the log first). */
  start(): void;
  /**
   * Stops starting deliveries and waits up to `graceMs` for the running ones; the rest stays in the log for the next
   * start. Accepting continues (the events of running functions are written, not delivered).
   */
  drain(graceMs: number): Promise<void>;
  /** Flushes and closes the log. */
  close(): Promise<void>;
  summary(): QueueSummary;
}
/** One event in the queue: what the log holds about it, its function, whether it runs now. */
export interface QueuedEvent extends StoredEvent {
  readonly fn: LocalFunction;
  running: boolean;
}

/** The events of one function: ready in order, waiting for a retry, running; paused after a throttle. */
export interface FunctionLane {
  readonly fn: LocalFunction;
  readonly ready: Fifo<QueuedEvent>;
  readonly waiting: Set<QueuedEvent>;
  inFlight: number;
  /**
   * After a throttle the whole function waits (not each event on its own timer): nothing of it is delivered before
   * this time, and the wait doubles with each throttle in a row.
   */
  pausedUntil: number;
  backoffMs: number;
}

/** The summary of some events: one function's, or all of them. */
export function summarise(
  name: string,
  events: readonly QueuedEvent[],
  t: number,
  paused: (event: QueuedEvent) => boolean,
): FunctionQueueSummary {
  let inFlight = 0;
  let waitingRetry = 0;
  let throttled = 0;
  let oldest = t;
  let retries = 0;
  for (const event of events) {
    if (event.running) inFlight++;
    else if (event.notBefore > t) waitingRetry++;
    else if (paused(event)) throttled++;
    oldest = Math.min(oldest, event.header.at);
    retries += event.failures;
  }
  return {
    function: name,
    depth: events.length,
    inFlight,
    waitingRetry,
    throttled,
    oldestAgeMs: events.length === 0 ? 0 : t - oldest,
    retries,
  };
}
