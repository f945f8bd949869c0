/**
 * `@lambdaport/cli`: the `lambdaport` command, also usable as a library: run it on an argv (`main`), or run one of its
 * commands with options (`devCommand`, `docsCommand`, `invokeCommand`).
 *
 * @example
 * import { main } from '@lambdaport/cli';
 * process.exitCode = await main(['node', 'lambdaport', 'invoke', 'records.get', '--payload', '{"id":1}']);
 */
export { type DevOptions, devCommand } from './commands/dev.js';
export { DOCS_EXIT, type DocsOptions, docsCommand } from './commands/docs.js';
export { type InvokeOptions, invokeCommand, type Output } from './commands/invoke.js';
export { main } from './main.js';
