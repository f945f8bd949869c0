/**
 * The configs' events applied in the local runtime: buses, subscription rules, queues and their event source
 * mappings, made at start and at each config reload (docs/design/events.md).
 */
export { type ConfigEvents, type ConfigEventsOptions, createConfigEvents } from './apply.js';
export { subscriptionPatternIssues } from './patterns.js';
export { type ConfigPlan, planConfigEvents } from './plan.js';
