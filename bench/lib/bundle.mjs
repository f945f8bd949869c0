/**
 * Bundles a handler the way a deploy would (esbuild, ESM, minified, Node 20, AWS SDK external) and measures it:
 * bytes, gzip bytes, and how many bytes come from each package.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { PEERS_DIR, TMP_DIR } from './paths.mjs';

/**
 * The package an input file belongs to, for the size breakdown.
 * @param {string} path
 */
export function ownerOf(path) {
  const nm = path.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = path.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? path);
  }
  if (path.includes('packages/lambdaport/')) return 'lambdaport';
  if (path.includes('examples/records/')) return 'records example';
  return 'handler file';
}

/**
 * @param {string} entry absolute path of the handler file
 * @param {{ minify?: boolean, outName?: string }} [options]
 */
export async function bundleHandler(entry, options = {}) {
  const minify = options.minify ?? true;
  const outfile = `${TMP_DIR}/bundles/${options.outName ?? basename(entry).replace(/\.m?[jt]s$/, '')}${minify ? '.min' : ''}.mjs`;
  mkdirSync(dirname(outfile), { recursive: true });
  const result = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minify,
    metafile: true,
    external: ['@aws-sdk/*', '@smithy/*'],
    nodePaths: [`${PEERS_DIR}/node_modules`],
    logLevel: 'silent',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  const code = readFileSync(outfile);
  const output = Object.values(result.metafile.outputs)[0];
  /** @type {Record<string, number>} */
  const byPackage = {};
  for (const [path, input] of Object.entries(output?.inputs ?? {})) {
    const owner = ownerOf(path);
    byPackage[owner] = (byPackage[owner] ?? 0) + input.bytesInOutput;
  }
  return { outfile, bytes: code.length, gzipBytes: gzipSync(code).length, byPackage };
}
