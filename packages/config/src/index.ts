/**
 * `@lambdaport/config`: find, load, validate and resolve `lambdaport.config.{ts,mts,js,mjs,json}`.
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
export { ConfigError, type ConfigIssue, displayFile, formatIssue, isConfigError } from './errors.js';
export { CONFIG_FILE_NAMES, findConfigFile } from './find.js';
export { loadService, loadServices } from './load.js';
export { loadConfigFile } from './load-file.js';
export {
  type LoadedService,
  type LoadOptions,
  type LocalKeyAttribute,
  type LocalTable,
  resolveService,
} from './resolve.js';
export type { FunctionVersion, LocalFunction } from './types.js';
export { validateConfig } from './validate.js';
