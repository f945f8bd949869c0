/**
 * The asynchronous-invocation queue: `accept()` writes an `Event` invocation to the log (durable before the 202),
 * and the queue delivers it at least once, with AWS's semantics: function errors retried up to
 * `MaximumRetryAttempts` (delays short locally), throttles waiting with backoff (not counted as attempts), events
 * older than `MaximumEventAgeInSeconds` discarded, outcomes sent to the `OnSuccess` / `OnFailure` destinations.
 * The heap holds one small entry per event; payloads are read from the log when delivered. See
 * docs/design/async-events.md.
 */
import { ConcurrencyLimitError, type InvocationResult, type Invoker, type LocalFunction } from '../types.js';
import type { DestinationResolver } from './destinations.js';
import type { EventLog, StoredEvent } from './event-log.js';
import { type DestinationCondition, invocationRecord, type LastResponse, qualifiedArn } from './invocation-record.js';
import type { EventInvokeConfigs } from './invoke-configs.js';

/** Local delays between attempts after a function error (AWS: about 1 then 2 minutes). */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [1_000, 2_000];
/** Local backoff of a throttled event: from this, doubling (AWS: 1 s up to 5 minutes). */
export const DEFAULT_THROTTLE_DELAY_MS = 1_000;
export const DEFAULT_THROTTLE_MAX_DELAY_MS = 10_000;
/** Deliveries running at once per function, when its reserved concurrency does not say less. */
export const DEFAULT_DELIVERIES_PER_FUNCTION = 4;
/** A log this large, with most of it done, is compacted. */
const COMPACT_BYTES = 64 * 1024 * 1024;

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

interface QueuedEvent extends StoredEvent {
  readonly fn: LocalFunction;
  running: boolean;
}

/** A FIFO with O(1) take from the front (the queue of one function may hold many thousands of events). */
class Fifo<T> {
  private items: T[] = [];
  private head = 0;
  get length(): number {
    return this.items.length - this.head;
  }
  push(item: T): void {
    this.items.push(item);
  }
  /** Puts an item back at the front (a throttled event keeps its place). */
  unshift(item: T): void {
    if (this.head > 0) this.items[--this.head] = item;
    else this.items.unshift(item);
  }
  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined as T;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
}

interface FunctionLane {
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

/**
 * Creates the queue over a log (durable or in memory).
 *
 * @example
 * const queue = createEventQueue({ log: openEventLog({ dir, log: say }), invoker, functionNamed, configs, destinations, say });
 * queue.start();
 * await queue.accept({ fn, version: '$LATEST', qualifier: undefined, requestId, payload, clientContext: undefined, invokedFunctionArn: fn.arn });
 */
export function createEventQueue(options: EventQueueOptions): EventQueue {
  const now = options.now ?? Date.now;
  const retryDelays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const throttleDelay = options.throttleDelayMs ?? DEFAULT_THROTTLE_DELAY_MS;
  const throttleMax = options.throttleMaxDelayMs ?? DEFAULT_THROTTLE_MAX_DELAY_MS;
  const perFunction = options.deliveriesPerFunction ?? DEFAULT_DELIVERIES_PER_FUNCTION;
  const log = options.log;
  const say = options.say;

  const live = new Map<string, QueuedEvent>();
  /** Events of the log for functions not served now: kept (and kept through compaction), never delivered here. */
  const unserved: StoredEvent[] = [];
  const lanes = new Map<string, FunctionLane>();
  const running = new Set<Promise<void>>();
  let liveBytes = 0;
  let started = false;
  let draining = false;
  let timer: NodeJS.Timeout | undefined;
  let timerAt = Number.POSITIVE_INFINITY;
  let compacting = false;
  const counts = { delivered: 0, retried: 0, discarded: 0 };

  const laneOf = (fn: LocalFunction): FunctionLane => {
    let lane = lanes.get(fn.deployedName);
    if (lane === undefined) {
      lane = { fn, ready: new Fifo(), waiting: new Set(), inFlight: 0, pausedUntil: 0, backoffMs: 0 };
      lanes.set(fn.deployedName, lane);
    }
    return lane;
  };

  const enqueue = (event: QueuedEvent): void => {
    const lane = laneOf(event.fn);
    if (event.notBefore > now()) {
      lane.waiting.add(event);
      armTimer(event.notBefore);
    } else {
      lane.ready.push(event);
    }
  };

  const armTimer = (at: number): void => {
    if (draining || !started || at >= timerAt) return;
    if (timer !== undefined) clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(wake, Math.max(0, at - now()));
    timer.unref?.();
  };

  const wake = (): void => {
    timer = undefined;
    timerAt = Number.POSITIVE_INFINITY;
    const t = now();
    let next = Number.POSITIVE_INFINITY;
    for (const lane of lanes.values()) {
      if (lane.pausedUntil > t && lane.pausedUntil < next) next = lane.pausedUntil;
      for (const event of lane.waiting) {
        if (event.notBefore <= t) {
          lane.waiting.delete(event);
          lane.ready.push(event);
        } else if (event.notBefore < next) next = event.notBefore;
      }
    }
    if (next !== Number.POSITIVE_INFINITY) armTimer(next);
    pump();
  };

  const limitOf = (fn: LocalFunction): number => {
    const reserved = fn.reservedConcurrency;
    // reserved 0 still lets one attempt through: it is throttled and the function waits, as AWS holds its events
    return reserved === undefined ? perFunction : Math.min(Math.max(reserved, 1), perFunction);
  };

  const pump = (): void => {
    if (!started || draining) return;
    const t = now();
    for (const lane of lanes.values()) {
      if (lane.pausedUntil > t) continue;
      while (lane.ready.length > 0 && lane.inFlight < limitOf(lane.fn) && lane.pausedUntil <= t) {
        const event = lane.ready.shift()!;
        lane.inFlight++;
        event.running = true;
        const delivery: Promise<void> = deliver(event)
          .catch((error: unknown) => {
            // after a drain, the log may be closed under a late delivery: the event stays in the log, runs again
            if (!draining) {
              say(
                `async invocation ${event.header.id} of ${event.fn.deployedName}: the queue failed: ${messageOf(error)}`,
              );
            }
          })
          .finally(() => {
            running.delete(delivery);
            event.running = false;
            lane.inFlight--;
            pump();
          });
        running.add(delivery);
      }
    }
  };

  const finish = (event: QueuedEvent): void => {
    live.delete(event.header.id);
    liveBytes -= event.payload.length;
    maybeCompact();
  };

  /** At start any log over 1 MiB that is mostly done; while running, when empty, or over 64 MiB and mostly done. */
  const maybeCompact = (atStart = false): void => {
    if (compacting || !log.durable) return;
    const mostlyDone = liveBytes * 2 < log.size;
    const worth =
      atStart || live.size + unserved.length === 0
        ? log.size > 1024 * 1024 && mostlyDone
        : log.size > COMPACT_BYTES && mostlyDone;
    if (!worth) return;
    compacting = true;
    log
      .compact([...unserved, ...live.values()])
      .catch((error: unknown) => say(`events: compacting ${log.file} failed (it keeps growing): ${messageOf(error)}`))
      .finally(() => {
        compacting = false;
      });
  };

  const label = (event: QueuedEvent): string =>
    `async invocation ${event.header.id} of ${event.fn.deployedName}:${event.header.version}`;

  /** Sends the outcome to a destination (durably), then marks the event done or discarded. */
  const conclude = async (
    event: QueuedEvent,
    condition: DestinationCondition,
    response: LastResponse | undefined,
    reason: string,
  ): Promise<void> => {
    const settings = options.configs.settings(event.fn.deployedName, event.header.qualifier);
    const destination = condition === 'Success' ? settings.onSuccess : settings.onFailure;
    let sentTo = '';
    if (destination !== undefined) {
      const target = options.destinations(destination);
      if (target === undefined) {
        say(
          `${label(event)}: its ${condition === 'Success' ? 'OnSuccess' : 'OnFailure'} destination ${destination} is not served here; the record is dropped`,
        );
      } else {
        const record = invocationRecord({
          requestId: event.header.id,
          functionArn: qualifiedArn(event.header.arn),
          condition,
          approximateInvokeCount: event.invokes,
          requestPayload: log.readPayload(event.payload),
          response,
          timestamp: new Date(now()),
        });
        await target.deliver(record);
        sentTo = ` (record sent to ${destination})`;
      }
    }
    if (condition !== 'Success' && settings.deadLetter !== undefined) {
      // a dead-letter target receives the event itself, as AWS sends it to a dead-letter queue
      const target = options.destinations(settings.deadLetter);
      if (target === undefined)
        say(`${label(event)}: its dead-letter target ${settings.deadLetter} is not served here`);
      else {
        await target.deliver(log.readPayload(event.payload));
        sentTo += ` (event sent to the dead-letter target ${settings.deadLetter})`;
      }
    }
    if (condition === 'Success') {
      await log.append([{ type: 'done', id: event.header.id }]);
      counts.delivered++;
    } else {
      say(`${label(event)} discarded: ${reason}${sentTo || ' (no OnFailure destination)'}`);
      await log.append([{ type: 'discarded', id: event.header.id, reason: condition }]);
      counts.discarded++;
    }
    finish(event);
  };

  const deliver = async (event: QueuedEvent): Promise<void> => {
    const settings = options.configs.settings(event.fn.deployedName, event.header.qualifier);
    const ageMs = now() - event.header.at;
    if (ageMs > settings.maximumEventAgeInSeconds * 1000) {
      await conclude(
        event,
        'EventAgeExceeded',
        undefined,
        `EventAgeExceeded: ${Math.round(ageMs / 1000)} s old, beyond MaximumEventAgeInSeconds ${settings.maximumEventAgeInSeconds}`,
      );
      return;
    }
    event.invokes++;
    // not awaited: a lost `started` record only makes approximateInvokeCount one lower after a crash
    void log.append([{ type: 'started', id: event.header.id, invokes: event.invokes }]).catch(() => {});
    let result: InvocationResult;
    try {
      result = await options.invoker.invoke(event.fn, event.header.version, {
        requestId: event.header.id,
        payload: log.readPayload(event.payload),
        clientContext: event.header.cc,
        invokedFunctionArn: event.header.arn,
        tail: false,
      });
    } catch (error) {
      event.invokes--;
      if (draining) return; // stopped under it: it stays in the log and runs at the next start
      // a throttle (or the runtime unable to run it) is not an attempt: the event keeps its place, the function waits
      event.throttles++;
      const lane = laneOf(event.fn);
      lane.backoffMs = Math.min(lane.backoffMs === 0 ? throttleDelay : lane.backoffMs * 2, throttleMax);
      lane.pausedUntil = Math.max(lane.pausedUntil, now() + lane.backoffMs);
      lane.ready.unshift(event);
      armTimer(lane.pausedUntil);
      const why =
        error instanceof ConcurrencyLimitError
          ? 'throttled (reserved concurrency used up)'
          : `the runtime could not run it (${messageOf(error)})`;
      say(
        `${label(event)} ${why}; ${event.fn.deployedName} waits ${lane.backoffMs} ms with ${lane.ready.length} event(s) (throttles are not attempts)`,
      );
      return;
    }
    laneOf(event.fn).backoffMs = 0;
    if (result.functionError === undefined) {
      await conclude(event, 'Success', response(result), 'success');
      return;
    }
    event.failures++;
    const error = result.payload.toString('utf8').slice(0, 500);
    if (event.failures <= settings.maximumRetryAttempts) {
      const delay = retryDelays[event.failures - 1] ?? retryDelays.at(-1) ?? 0;
      say(
        `${label(event)} failed (attempt ${event.failures}): ${error}; retry ${event.failures} of ${settings.maximumRetryAttempts} in ${delay} ms`,
      );
      counts.retried++;
      await reschedule(event, now() + delay);
      return;
    }
    say(`${label(event)} failed (attempt ${event.failures}): ${error}`);
    await conclude(
      event,
      'RetriesExhausted',
      response(result),
      `RetriesExhausted after ${event.failures} attempts (MaximumRetryAttempts ${settings.maximumRetryAttempts})`,
    );
  };

  const reschedule = async (event: QueuedEvent, at: number): Promise<void> => {
    event.notBefore = at;
    await log.append([
      { type: 'retryAt', id: event.header.id, at, failures: event.failures, throttles: event.throttles },
    ]);
    enqueue(event);
  };

  // the events of the last run, in the order they were accepted
  for (const stored of log.events) {
    const fn = options.functionNamed(stored.header.fn);
    if (fn === undefined) {
      say(
        `events: ${stored.header.id} was accepted for ${stored.header.fn}, which is not served now; it stays in the log until that function is served again`,
      );
      unserved.push(stored);
      liveBytes += stored.payload.length;
      continue;
    }
    const event: QueuedEvent = Object.assign(stored, { fn, running: false });
    live.set(stored.header.id, event);
    liveBytes += stored.payload.length;
    enqueue(event);
  }

  return {
    durable: log.durable,
    async accept(request) {
      const header = {
        id: request.requestId,
        fn: request.fn.deployedName,
        version: request.version,
        ...(request.qualifier !== undefined ? { qualifier: request.qualifier } : {}),
        arn: request.invokedFunctionArn,
        at: now(),
        ...(request.clientContext !== undefined ? { cc: request.clientContext } : {}),
      };
      const [payload] = await log.append([{ accepted: header, payload: request.payload }]);
      const event: QueuedEvent = {
        header,
        payload: payload!,
        invokes: 0,
        failures: 0,
        throttles: 0,
        notBefore: 0,
        fn: request.fn,
        running: false,
      };
      live.set(header.id, event);
      liveBytes += payload!.length;
      enqueue(event);
      pump();
    },
    start() {
      if (started) return;
      started = true;
      let next = Number.POSITIVE_INFINITY;
      for (const lane of lanes.values()) for (const event of lane.waiting) next = Math.min(next, event.notBefore);
      if (next !== Number.POSITIVE_INFINITY) armTimer(next);
      maybeCompact(true);
      pump();
    },
    async drain(graceMs) {
      draining = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      if (running.size === 0) return;
      let graceTimer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...running]),
        new Promise<void>((resolve) => {
          graceTimer = setTimeout(resolve, graceMs);
        }),
      ]);
      clearTimeout(graceTimer);
      if (running.size > 0) {
        say(
          `events: ${running.size} running event(s) did not finish within ${graceMs} ms; they run again at the next start`,
        );
      }
    },
    async close() {
      draining = true;
      if (timer !== undefined) clearTimeout(timer);
      await log.close();
    },
    summary() {
      const t = now();
      const functions: FunctionQueueSummary[] = [];
      const byFunction = new Map<string, QueuedEvent[]>();
      for (const event of live.values()) {
        const list = byFunction.get(event.fn.deployedName) ?? [];
        list.push(event);
        byFunction.set(event.fn.deployedName, list);
      }
      const paused = (event: QueuedEvent): boolean => (lanes.get(event.fn.deployedName)?.pausedUntil ?? 0) > t;
      for (const [name, events] of byFunction) functions.push(summarise(name, events, t, paused));
      const all = summarise('', [...live.values()], t, paused);
      const { function: _name, ...totals } = all;
      return { durable: log.durable, file: log.file, ...totals, ...counts, functions };
    },
  };
}

function summarise(
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

function response(result: InvocationResult): LastResponse {
  return { executedVersion: result.executedVersion, functionError: result.functionError, payload: result.payload };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
