/** Execution environments of the local runtime and their pool. See docs/design/environments.md. */
export { Environment, INIT_TIMEOUT_MS } from './environment.js';
export {
  createInvoker,
  INVOKER_DEFAULTS,
  type InvokerOptions,
  type LocalInvoker,
  type LogEntry,
  type MemoryReport,
} from './invoker.js';
export { defaultMaxMemoryMb } from './memory-budget.js';
export {
  cachedNode,
  checkNodeBinary,
  checkNodeRuntimes,
  findNode,
  hostNode,
  localNodeRuntime,
  type MissingNode,
  NODE_RUNTIMES,
  type NodeBinary,
  type NodeRuntime,
  NodeRuntimeError,
  type NodeRuntimeProblem,
  nodeMajorOf,
  nodePackageName,
  nodeVariable,
  runtimeCacheDir,
} from './node-binaries.js';
export { heapLimitMb, NODE_BOOTSTRAP } from './node-command.js';
export { MAX_RESPONSE_BYTES } from './runtime-api.js';
export { DEFAULT_CREDENTIALS, type FunctionCredentials, functionVariables } from './variables.js';
