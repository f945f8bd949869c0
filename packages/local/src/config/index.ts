/**
 * Config: find, load, validate and resolve `lambdaport.config.{ts,mts,js,mjs,json}`.
 */
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
export { validateConfig } from './validate.js';
