/** Bundling of function code (esbuild, options from `@lambdaport/config`) and watch mode. See docs/design/environments.md. */
export { createBuilder } from './builder.js';
export type {
  Builder,
  BuilderOptions,
  CodeSource,
  FailedCode,
  FunctionCode,
  NodeCode,
  ProvidedCode,
} from './types.js';
