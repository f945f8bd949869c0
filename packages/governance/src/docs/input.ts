/**
 * What the docs are generated from: the services as the config resolves them, their contracts as loaded, the problems
 * of those that did not load (the HTML pages of `lambdaport dev` show them; `lambdaport docs` refuses them), and what
 * other tools add.
 */
import type { LoadedService, LocalFunction, ResolvedSubscription } from '@lambdaport/config';
import type { ContractProblem, EventContractProblem, LoadedContract, LoadedEvent } from '../contracts/types.js';

/** The input of {@link generateDocs}. */
export interface DocsInput {
  readonly services: readonly LoadedService[];
  readonly contracts: readonly LoadedContract[];
  readonly problems: readonly ContractProblem[];
  /** The events the services publish, as loaded (with their contracts); none when not given. */
  readonly events?: readonly LoadedEvent[] | undefined;
  /** The events whose contract did not load (shown on their service's page). */
  readonly eventProblems?: readonly EventContractProblem[] | undefined;
  /** The command that regenerates the Markdown (said at the top of every page). */
  readonly regenerate: string;
  /** The call graph as SVG (drawn by `lambdaport graph`): shown on the index when given. */
  readonly graph?: { readonly svg: string } | undefined;
}

/** A caller of a function major, from the `calls` of the services given. */
export interface Caller {
  /** `orders.create` (`@vN` for an older major's function). */
  readonly label: string;
  readonly service: string;
  readonly function: string;
  /** As its config writes it: `records.get@v1`. */
  readonly entry: string;
}

/**
 * The callers of `callee` among `services`: every function whose `calls` reach the major it serves (an entry without
 * `@vN` reaches the current major).
 *
 * @example
 * callersOf(records.functions[0], services); // [{ label: 'orders.create', entry: 'records.get@v1', ... }]
 */
export function callersOf(callee: LocalFunction, services: readonly LoadedService[]): Caller[] {
  const callers: Caller[] = [];
  for (const service of services) {
    for (const fn of service.functions) {
      for (const call of fn.calls) {
        if (call.service !== callee.service || call.function !== callee.name) continue;
        const major = call.pinned ? call.major : undefined;
        if (major === undefined ? !callee.current : major !== callee.major) continue;
        callers.push({
          label: fn.current ? `${fn.service}.${fn.name}` : `${fn.service}.${fn.name}@v${fn.major}`,
          service: fn.service,
          function: fn.name,
          entry: call.entry,
        });
      }
    }
  }
  return callers;
}

/** The page of a service: its name, unless that is the index's. */
export function servicePageName(service: string): string {
  return service === 'index' ? 'service-index' : service;
}

/** The JSON Schema file of a function major's input or output, relative to the docs folder. */
export function schemaFile(contract: LoadedContract, side: 'input' | 'output'): string {
  return `schemas/${contract.service}/${contract.function}.v${contract.major}.${side}.json`;
}

/** A subscriber of an event: a function (its current major) whose `subscribe` names it. */
export interface Subscriber {
  /** `notifications.notify`. */
  readonly label: string;
  readonly service: string;
  readonly function: string;
  readonly subscription: ResolvedSubscription;
  /** The function's queue, when its subscriptions deliver through one. */
  readonly queue: LocalFunction['queue'];
}

/**
 * The subscribers of the event `service`.`name` among `services` (only a function's current major subscribes).
 *
 * @example
 * subscribersOf('orders', 'OrderCreated', services); // [{ label: 'notifications.notify', queue: { queueName: ... } }]
 */
export function subscribersOf(service: string, name: string, services: readonly LoadedService[]): Subscriber[] {
  const subscribers: Subscriber[] = [];
  for (const candidate of services) {
    for (const fn of candidate.functions) {
      if (!fn.current) continue;
      for (const subscription of fn.subscriptions ?? []) {
        if (subscription.event?.service !== service || subscription.event.name !== name) continue;
        subscribers.push({
          label: `${fn.service}.${fn.name}`,
          service: fn.service,
          function: fn.name,
          subscription,
          queue: fn.queue,
        });
      }
    }
  }
  return subscribers;
}

/** The JSON Schema file of an event's detail, relative to the docs folder. */
export function eventSchemaFile(event: LoadedEvent): string {
  return `schemas/${event.service}/events/${event.name}.v${event.version ?? 0}.detail.json`;
}
