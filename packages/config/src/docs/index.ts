/** What is generated from the config's schema: its JSON Schema and the config reference (docs/config.md). */
export { configJsonSchema } from './json-schema.js';
export { renderConfigReference } from './reference.js';
