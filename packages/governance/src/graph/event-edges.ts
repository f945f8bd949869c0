/**
 * The event edges of the graph, from the configs: each `publishes` entry of a function (function → event), each
 * `subscribe` entry naming an event (event → function, through the function's queue when it has one). Only a
 * function's current major publishes and subscribes. A `{ pattern }` subscription names no event: it is no edge.
 */
import type { LoadedService } from '@lambdaport/config';
import type { GraphEventEdge } from './types.js';

/**
 * The event edges of `services`, publish edges first (in config order), then subscribe edges. `addEvent` is told of
 * every event: those the services declare, then those their subscriptions name (perhaps of a service not given).
 *
 * @example
 * const edges = eventEdgesOf(services, (service, name) => events.add(`${service}.${name}`));
 */
export function eventEdgesOf(
  services: readonly LoadedService[],
  addEvent: (service: string, name: string) => void,
): GraphEventEdge[] {
  const publish: GraphEventEdge[] = [];
  const subscribe: GraphEventEdge[] = [];
  // a service loaded by an older @lambdaport/config has no events
  for (const service of services) for (const event of service.events ?? []) addEvent(event.service, event.name);
  for (const service of services) {
    for (const fn of service.functions) {
      if (!fn.current) continue;
      const from = { service: fn.service, function: fn.name };
      (fn.publishes ?? []).forEach((event, i) => {
        addEvent(event.service, event.name);
        publish.push({
          id: `${fn.service}.${fn.name}->${event.service}.${event.name}`,
          kind: 'publish',
          event: { service: event.service, name: event.name },
          function: from,
          queue: undefined,
          declared: `functions.${fn.name}.publishes[${i}]`,
        });
      });
      for (const subscription of fn.subscriptions ?? []) {
        const event = subscription.event;
        if (event === undefined) continue;
        addEvent(event.service, event.name);
        const id = `${event.service}.${event.name}->${fn.service}.${fn.name}`;
        // two subscriptions to one event (with different detail filters) are one edge
        if (subscribe.some((edge) => edge.id === id)) continue;
        subscribe.push({
          id,
          kind: 'subscribe',
          event: { service: event.service, name: event.name },
          function: from,
          queue: fn.queue?.queueName,
          declared: subscription.keyPath,
        });
      }
    }
  }
  return [...publish, ...subscribe];
}
