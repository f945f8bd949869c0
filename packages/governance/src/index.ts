/**
 * `@lambdaport/governance`: the contracts of lambdaport services known to the tools (loaded from the configs without
 * running handlers, their schemas as JSON Schema), and the docs generated from them. See docs/design/governance.md.
 *
 * @example
 * import { loadServices } from '@lambdaport/config';
 * import { loadContracts } from '@lambdaport/governance';
 * const { contracts, problems } = await loadContracts(await loadServices(['examples/records']));
 */
export * from './contracts/index.js';
export * from './docs/index.js';
