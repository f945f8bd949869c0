/** The config's zod schema: validation, docs and JSON Schema from one source. */
export { RESERVED_ENVIRONMENT } from './environment.js';
export { isProvided, RUNTIMES } from './function.js';
export { BOOTSTRAP_PATTERN, EXPORT_REF_PATTERN } from './names.js';
export {
  serviceConfigSchema,
  type ValidConfig,
  type ValidEvent,
  type ValidFunction,
  type ValidTable,
} from './service.js';
