/**
 * `@lambdaport/config`: finds, loads, validates (one zod schema) and resolves `lambdaport.config.{ts,mts,js,mjs,json}`
 * into what every lambdaport tool needs: deployed names, versions and aliases (one function per API major),
 * runtimes, references, table grants, each function's least-privilege IAM policy, and the esbuild options of a
 * function bundle. Never imports the AWS SDK.
 */
export {
  BUNDLE_FILES,
  type BundleFormat,
  bundleOptions,
  CJS_BANNER,
  type HandlerRef,
  needsEsm,
  parseHandler,
  REQUIRE_BANNER,
} from './bundling/index.js';
export { configJsonSchema, renderConfigReference } from './docs/index.js';
export { ConfigError, type ConfigIssue, displayFile, formatIssue, isConfigError } from './errors.js';
export { CONFIG_FILE_NAMES, findConfigFile } from './find.js';
export {
  CONSUME_QUEUE_ACTIONS,
  type FunctionPolicy,
  functionPolicy,
  INVOKE_ACTIONS,
  LOG_ACTIONS,
  logGroupName,
  type PolicyDocument,
  type PolicyStatement,
  type PolicyTarget,
  PUBLISH_ACTIONS,
  REGISTRY_ACTIONS,
  type StatementOrigin,
  servicePolicies,
  TABLE_READ_ACTIONS,
  TABLE_READ_WRITE_ACTIONS,
} from './iam/index.js';
export { functionLabel } from './label.js';
export { loadService, loadServices } from './load.js';
export { loadConfigFile } from './load-file.js';
export { type ResolveOptions, resolveLambdaRuntime, resolveService } from './resolve/index.js';
export { serviceConfigSchema, type ValidConfig, type ValidFunction, type ValidTable } from './schema/index.js';
export type {
  ContractRef,
  FunctionVersion,
  LoadedService,
  LoadOptions,
  LocalEvent,
  LocalFunction,
  LocalKeyAttribute,
  LocalTable,
  ResolvedCall,
  ResolvedQueue,
  ResolvedSubscription,
  TableGrant,
} from './types.js';
export { validateConfig } from './validate/index.js';
