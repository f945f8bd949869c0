/** Execution environments of the local runtime and their pool. See docs/design/environments.md. */
export { Environment, heapLimitMb, INIT_TIMEOUT_MS, NODE_BOOTSTRAP } from './environment.js';
export {
  createInvoker,
  INVOKER_DEFAULTS,
  type InvokerOptions,
  type LocalInvoker,
  type LogEntry,
} from './invoker.js';
export { MAX_RESPONSE_BYTES } from './runtime-api.js';
export { DEFAULT_CREDENTIALS, type FunctionCredentials, functionVariables } from './variables.js';
