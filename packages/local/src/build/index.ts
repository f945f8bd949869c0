/** Bundling of function code (esbuild) and watch mode. See docs/design/environments.md. */
export { createBuilder } from './builder.js';
export {
  BUNDLE_FILES,
  type BundleFormat,
  bundleOptions,
  CJS_BANNER,
  needsEsm,
  REQUIRE_BANNER,
} from './bundle-options.js';
export { type HandlerRef, parseHandler } from './handler.js';
export type {
  Builder,
  BuilderOptions,
  CodeSource,
  FailedCode,
  FunctionCode,
  NodeCode,
  ProvidedCode,
} from './types.js';
