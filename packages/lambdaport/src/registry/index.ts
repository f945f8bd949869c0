/**
 * `lambdaport/registry`: friendly names (`records.get`) → deployed Lambda functions.
 */
export { defaultRegistry } from './default-registry.js';
export { envOverrides } from './env.js';
export { FunctionNotRegisteredError, RegistryUnavailableError } from './errors.js';
export type { FriendlyName } from './names.js';
export { aliasOf, parseFriendlyName } from './names.js';
export type { SsmRegistryOptions } from './ssm.js';
export { SSM_REGISTRY_DEFAULTS, sharedSsmClient, ssmRegistry } from './ssm.js';
export { staticRegistry } from './static.js';
export type { Registry, ResolvedFunction, ResolveOptions } from './types.js';
