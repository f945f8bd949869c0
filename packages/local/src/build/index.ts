/** Bundling of function code (esbuild, options from `@lambdaport/config`) and watch mode. See docs/design/environments.md. */
export { createBuilder } from './builder.js';
export { handlerExportIssues } from './handler-exports.js';
export type {
  Builder,
  BuilderOptions,
  CodeSource,
  FailedCode,
  FunctionCode,
  NodeCode,
  ProvidedCode,
  Rebuild,
} from './types.js';
