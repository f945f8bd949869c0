/**
 * `@lambdaport/cli`: the `lambdaport` command, also usable as a library.
 */
export { type BannerFunction, type BannerInfo, type BannerTable, renderBanner } from './banner.js';
export { DEFAULT_PORT, type DevOptions, devCommand } from './commands/dev.js';
export { defaultEndpoint, type InvokeOptions, invokeCommand, type Output } from './commands/invoke.js';
export { main } from './main.js';
export { createProgram } from './program.js';
