/**
 * Event source mappings from SQS queues to functions: the mappings (Lambda API semantics, kept in the state folder
 * when made through the API) and their pollers. See docs/design/events.md.
 */
export { createEventSourceMappings, type EventSourceMappings, type EventSourceMappingsOptions } from './mappings.js';
export type { Mapping, MappingOrigin, MappingSettings } from './model.js';
export { createRoleCheck, type RoleCheck } from './role-check.js';
export { MappingStateError } from './store.js';
