/**
 * The esbuild options of a function bundle: the same bundle runs locally and would be deployed.
 */
import path from 'node:path';
import type { BuildOptions } from 'esbuild';

/** The bundle's file name inside its folder (the Node bootstrap finds `index.<export>` there). */
export const BUNDLE_FILE = 'index.mjs';

/**
 * Defines `require` in the ESM bundle, so that bundled CommonJS dependencies can `require` node builtins and
 * externals. Aliased so it cannot clash with a user's own `createRequire` import.
 */
export const REQUIRE_BANNER =
  "import { createRequire as __lambdaportCreateRequire } from 'node:module'; const require = __lambdaportCreateRequire(import.meta.url);";

/**
 * esbuild options bundling `entry` into `outDir/index.mjs`: ESM, node20, source map, names kept, `@aws-sdk/*` external
 * (resolved at run time from the service's node_modules, which the output folder sits under).
 *
 * @example
 * await esbuild.build(bundleOptions('/srv/records', '/srv/records/src/handlers.ts', '/srv/records/.lambdaport/build/get'));
 */
export function bundleOptions(dir: string, entry: string, outDir: string): BuildOptions & { metafile: true } {
  return {
    absWorkingDir: dir,
    entryPoints: [entry],
    outfile: path.join(outDir, BUNDLE_FILE),
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    sourcesContent: false,
    // class and function names survive bundling: an error's `name` is its errorType on the wire
    keepNames: true,
    external: ['@aws-sdk/*'],
    banner: { js: REQUIRE_BANNER },
    mainFields: ['module', 'main'],
    metafile: true,
    logLevel: 'silent',
    write: true,
  };
}
