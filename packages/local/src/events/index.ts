/**
 * EventBridge locally: buses, rules, targets, PutEvents delivering through the durable queue, and the event pattern
 * matcher. See docs/design/events.md.
 */
export { type EventEnvelope, envelope } from './envelope.js';
export { EventsError } from './errors.js';
export { compilePattern, type EventMatcher, InvalidEventPatternError, patternProblem } from './pattern/index.js';
export { MAX_ENTRIES, MAX_ENTRIES_BYTES } from './put-events.js';
export { createEventBridgeService, type EventBridgeService, type EventBridgeServiceOptions } from './service.js';
export { EventBridgeStateError } from './store.js';
