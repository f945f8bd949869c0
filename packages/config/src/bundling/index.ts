/**
 * The one bundling module: the esbuild options of a function bundle and the parsing of a handler string, shared by
 * `lambdaport dev` (its builder) and the deploy tools, so a bundling problem shows up locally first.
 */
export {
  BUNDLE_FILES,
  type BundleFormat,
  bundleOptions,
  CJS_BANNER,
  needsEsm,
  REQUIRE_BANNER,
} from './bundle-options.js';
export { type HandlerRef, parseHandler } from './handler.js';
