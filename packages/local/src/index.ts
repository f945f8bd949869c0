/**
 * `@lambdaport/local`: the lambdaport local runtime as a library. `startLocal()` serves the Lambda Invoke API,
 * Function URLs, SSM Parameter Store and DynamoDB on one loopback port, so the official SDKs, the AWS CLI and
 * boto3 work against it unchanged.
 *
 * @example
 * import { startLocal } from '@lambdaport/local';
 * const local = await startLocal({ dirs: ['examples/records'], ephemeral: true });
 * process.env.AWS_ENDPOINT_URL = local.url;
 * // ... call functions with @aws-sdk/client-lambda ...
 * await local.stop();
 *
 * Configs are loaded, validated and resolved by `@lambdaport/config` (`loadServices`, `ConfigError`, `LocalFunction`).
 */

export type { LocalPage, LocalPages } from './http/pages.js';
export { isLoopback } from './http/request-origin.js';
export { IAM_MODES, type IamMode } from './iam/authorizer.js';
export {
  cachedNode,
  checkNodeBinary,
  defaultMaxMemoryMb,
  findNode,
  hostNode,
  type LogEntry,
  localNodeRuntime,
  type MemoryReport,
  type MissingNode,
  NODE_RUNTIMES,
  type NodeBinary,
  type NodeRuntime,
  NodeRuntimeError,
  type NodeRuntimeProblem,
  nodePackageName,
  nodeVariable,
  runtimeCacheDir,
} from './lambda/environments/index.js';
export type { ObservedCall } from './observed/observed-calls.js';
export { type LocalRuntime, type StartLocalOptions, startLocal } from './start-local.js';
