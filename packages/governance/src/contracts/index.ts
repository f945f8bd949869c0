/**
 * Contracts known to the tools: {@link loadContracts} finds every function's contract from the service configs (never
 * running a handler) and gives its schemas as JSON Schema, converted by the schema library's own converter.
 * See docs/design/governance.md.
 */
export { findContractExport, isFunctionContract } from './find-export.js';
export {
  type Conversion,
  JSON_SCHEMA_TARGET,
  type SchemaIo,
  type SchemaProblem,
  toJsonSchema,
} from './json-schema/convert.js';
export { fieldPathOf } from './json-schema/paths.js';
export { loadContracts } from './load.js';
export { formatContractProblem } from './problems.js';
export type {
  ContractProblem,
  ContractProblemKind,
  EventContractProblem,
  EventContractProblemKind,
  JSONSchema,
  LoadedContract,
  LoadedContracts,
  LoadedError,
  LoadedEvent,
  LoadedExample,
} from './types.js';
