/**
 * What the EventBridge operations work with.
 */
import type { DestinationResolver } from '../lambda/async/index.js';
import type { EventsArns } from './model.js';
import type { EventBridgeStore } from './store.js';

/** The store, where ARNs point, where targets are found, and the runtime's log. */
export interface EventsContext extends EventsArns {
  readonly store: EventBridgeStore;
  /** A target's ARN → what takes its events (a function: an `Event` invocation in the durable queue). */
  readonly destinations: DestinationResolver;
  readonly say: (line: string) => void;
}
