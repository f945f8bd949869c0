/** Resolution of validated configs: functions per major, runtimes, references, grants, tables, events, rules, queues. */
export { resolveLambdaRuntime } from './runtime.js';
export { type ResolveOptions, resolveService } from './service.js';
