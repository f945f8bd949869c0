/**
 * Asynchronous (`Event`) invocations: the durable queue, its delivery with AWS's retries and destinations, and the
 * event invoke configs. `createAsyncEvents()` puts them together for the runtime. See docs/design/async-events.md.
 */
import path from 'node:path';
import { FunctionRegistry } from '../api/function-name.js';
import type { Invoker, LocalFunction } from '../types.js';
import { chainResolvers, type DestinationResolver } from './destinations.js';
import { type EventLog, memoryEventLog, openEventLog } from './event-log.js';
import { createEventQueue, type EventQueue } from './event-queue.js';
import { functionDestinations } from './function-destinations.js';
import { EventInvokeConfigs, type FunctionAsyncFields } from './invoke-configs.js';

export type { DestinationResolver, DestinationTarget } from './destinations.js';
export { EventLogError } from './event-log.js';
export {
  type AcceptRequest,
  DEFAULT_RETRY_DELAYS_MS,
  DEFAULT_THROTTLE_DELAY_MS,
  DEFAULT_THROTTLE_MAX_DELAY_MS,
  type EventQueue,
  type QueueSummary,
} from './event-queue.js';
export { EventInvokeConfigs, type FunctionAsyncFields } from './invoke-configs.js';

/** Options of {@link createAsyncEvents}. */
export interface AsyncEventsOptions {
  readonly functions: readonly LocalFunction[];
  readonly invoker: Invoker;
  /** `<state>/events`, or undefined to keep the queue in memory (`--ephemeral`). */
  readonly dir: string | undefined;
  readonly region: string;
  readonly accountId: string;
  readonly say: (line: string) => void;
  /** Function deployed name → its config's `async` settings, destinations as ARNs. */
  readonly fromConfig?: ReadonlyMap<string, FunctionAsyncFields> | undefined;
  readonly retryDelaysMs?: readonly number[] | undefined;
  readonly throttleDelayMs?: number | undefined;
  readonly throttleMaxDelayMs?: number | undefined;
  /** Deliveries running at once per function (default 4). */
  readonly deliveriesPerFunction?: number | undefined;
  /** Destinations beyond functions (queues and buses, later). */
  readonly moreDestinations?: readonly DestinationResolver[] | undefined;
}

/** The queue and the configs it reads. */
export interface AsyncEvents {
  readonly queue: EventQueue;
  readonly configs: EventInvokeConfigs;
  /** Resolves a destination ARN (for validating the API's DestinationConfig). */
  readonly destinations: DestinationResolver;
  /** Delivers to these functions from now on (the config was reloaded): their new settings, added and removed ones. */
  setFunctions(functions: readonly LocalFunction[]): void;
}

/**
 * Opens the queue (replaying `<dir>/queue.log`; throws `EventLogError` when it is damaged) and its configs.
 *
 * @example
 * const events = createAsyncEvents({ functions, invoker, dir: `${state}/events`, region, accountId, say: console.error });
 * events.queue.start();
 */
export function createAsyncEvents(options: AsyncEventsOptions): AsyncEvents {
  const registry = new FunctionRegistry(options.functions, options.region, options.accountId);
  const log: EventLog =
    options.dir === undefined ? memoryEventLog() : openEventLog({ dir: options.dir, log: options.say });
  const configs = new EventInvokeConfigs({
    file: options.dir === undefined ? undefined : path.join(options.dir, 'invoke-configs.json'),
    fromConfig: options.fromConfig ?? new Map(),
  });
  let byName = new Map(options.functions.map((fn) => [fn.deployedName, fn]));
  let queue: EventQueue | undefined;
  const destinations = chainResolvers([
    functionDestinations(registry, (request) => queue!.accept(request)),
    ...(options.moreDestinations ?? []),
  ]);
  queue = createEventQueue({
    log,
    invoker: options.invoker,
    functionNamed: (name) => byName.get(name),
    configs,
    destinations,
    say: options.say,
    retryDelaysMs: options.retryDelaysMs,
    throttleDelayMs: options.throttleDelayMs,
    throttleMaxDelayMs: options.throttleMaxDelayMs,
    deliveriesPerFunction: options.deliveriesPerFunction,
  });
  return {
    queue,
    configs,
    destinations,
    setFunctions(functions) {
      registry.replace(functions);
      byName = new Map(functions.map((fn) => [fn.deployedName, fn]));
    },
  };
}
