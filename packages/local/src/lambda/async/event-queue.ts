/**

 * The asynchronous-invocation queue: `accept()` writes an `Event` invocation to the log (durable before the 202),
 * and the queue delivers it at least once, with AWS's semantics: function errors retried up to
 * `MaximumRetryAttempts` (delays short locally), throttles waiting with backoff (not counted as attempts), events
 * older than `MaximumEventAgeInSeconds` discarded, outcomes sent to the `OnSuccess` / `OnFailure` destinations.
 * The heap holds one small entry per event; payloads are read from the log when delivered. See
 * docs/design/async-events.md.
 */
import { ConcurrencyLimitError, type InvocationResult, type LocalFunction } from '../types.js';
import type { StoredEvent } from './event-log.js';
import { Fifo } from './fifo.js';
import {
  type DestinationCondition,
  invocationRecord,
  type LastResponse,
  qualifiedArn,
  lastResponse as response,
} from './invocation-record.js';
import {
  DEFAULT_DELIVERIES_PER_FUNCTION,
  DEFAULT_RETRY_DELAYS_MS,
  DEFAULT_THROTTLE_DELAY_MS,
  DEFAULT_THROTTLE_MAX_DELAY_MS,
  type EventQueue,
  type EventQueueOptions,
  type FunctionLane,
  type FunctionQueueSummary,
  type QueuedEvent,
  summarise,
} from './queue-types.js';

export * from './queue-types.js';

/** A log this large, with most of it done, is compacted. */
const COMPACT_BYTES = 64 * 1024 * 1024;

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
      .compact(() => [...unserved, ...live.values()])
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

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
