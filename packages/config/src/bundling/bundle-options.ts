/**
 * The esbuild options of a function bundle: the same bundle runs locally and would be deployed.
 *
 * A bundle is CommonJS when the code allows it (the Node bootstrap then compiles it with a V8 code cache, which
 * makes a cold start's module load several times cheaper), else ES module: code that uses top-level `await` or
 * `import.meta` beyond `url`/`dirname`/`filename` cannot be CommonJS, and esbuild says so (see `needsEsm`).
 * In a CommonJS bundle, `import()` of what stays outside it (`@aws-sdk/*`, builtins, a computed path) is a
 * `require()` wrapped in a promise, as esbuild lowers it: an ES-module-only file loaded by a computed path would
 * fail there on Node 20 (the only externals, `@aws-sdk/*` and builtins, are all CommonJS-loadable).
 */
import path from 'node:path';
import type { BuildOptions, Message } from 'esbuild';

/** The output format of a bundle. */
export type BundleFormat = 'cjs' | 'esm';

/** The bundle's file name inside its folder, per format (the Node bootstrap finds `index.<export>` there). */
export const BUNDLE_FILES: Readonly<Record<BundleFormat, string>> = { cjs: 'index.cjs', esm: 'index.mjs' };

/**
 * Defines `require` in the ESM bundle, so that bundled CommonJS dependencies can `require` node builtins and
 * externals. Aliased so it cannot clash with a user's own `createRequire` import.
 */
export const REQUIRE_BANNER =
  "import { createRequire as __lambdaportCreateRequire } from 'node:module'; const require = __lambdaportCreateRequire(import.meta.url);";

/**
 * The CommonJS bundle's banner: strict mode (an ES module is strict, and so was the whole ESM bundle, bundled
 * CommonJS dependencies included) and the bundle's URL for `import.meta.url`.
 */
export const CJS_BANNER =
  "'use strict'; var __lambdaportImportMetaUrl = require('node:url').pathToFileURL(__filename).href;";

/**
 * esbuild options bundling `entry` into `outDir/index.cjs` (or `index.mjs` for `format: 'esm'`): node20, source map,
 * names kept, `@aws-sdk/*` external (resolved at run time from the service's node_modules, which the output folder
 * sits under).
 *
 * @example
 * await esbuild.build(bundleOptions('/srv/records', '/srv/records/src/handlers.ts', '/srv/records/.lambdaport/build/get'));
 */
export function bundleOptions(
  dir: string,
  entry: string,
  outDir: string,
  format: BundleFormat = 'cjs',
): BuildOptions & { metafile: true } {
  return {
    absWorkingDir: dir,
    entryPoints: [entry],
    outfile: path.join(outDir, BUNDLE_FILES[format]),
    bundle: true,
    format,
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    sourcesContent: false,
    // class and function names survive bundling, for user code that reads them (lambdaport's own errors carry
    // literal names and need no keepNames: test/wire/minified-bundle.test.ts in packages/lambdaport)
    keepNames: true,
    external: ['@aws-sdk/*'],
    ...(format === 'cjs'
      ? {
          banner: { js: CJS_BANNER },
          // `import(x)` becomes `Promise.resolve().then(() => __toESM(require(x)))`, the namespace Node's import of
          // a CommonJS module or builtin gives: Node 20 loses the dynamic import callback of a script compiled
          // from a code cache, so a CommonJS bundle must not call `import()`
          supported: { 'dynamic-import': false },
          define: {
            'import.meta.url': '__lambdaportImportMetaUrl',
            'import.meta.dirname': '__dirname',
            'import.meta.filename': '__filename',
          },
        }
      : { banner: { js: REQUIRE_BANNER } }),
    mainFields: ['module', 'main'],
    metafile: true,
    logLevel: 'silent',
    write: true,
  };
}

/**
 * True when esbuild's messages of a CommonJS build say the code needs an ES module: top-level `await` (an error)
 * or `import.meta` that CommonJS would leave empty (a warning).
 *
 * @example
 * needsEsm([{ text: 'Top-level await is currently not supported with the "cjs" output format', ... }]); // true
 */
export function needsEsm(messages: readonly Pick<Message, 'text' | 'id'>[]): boolean {
  return messages.some((m) => m.id === 'empty-import-meta' || m.text.includes('"cjs" output format'));
}
