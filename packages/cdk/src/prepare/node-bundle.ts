/**
 * Bundles a Node function's entry for deploy with the very esbuild options `lambdaport dev` uses (CommonJS unless
 * the code needs an ES module), then checks that the handler's export exists, which only the bundle can tell.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { type BundleFormat, bundleOptions, needsEsm } from '@lambdaport/config';
import * as esbuild from 'esbuild';

/** A bundle written to `outDir`, and the entry's exports (undefined when they cannot be known: CommonJS source). */
export interface NodeBundle {
  readonly outDir: string;
  readonly format: BundleFormat;
  readonly exports: readonly string[] | undefined;
}

/** A bundle that failed: esbuild's first error, with its file and line. */
export class BundleError extends Error {
  override readonly name = 'BundleError';
}

/**
 * Bundles `entry` (absolute) of the service in `dir` into `outDir` (emptied first).
 *
 * @example
 * const bundle = await bundleNodeEntry('/srv/records', '/srv/records/src/handlers.ts', '/srv/records/.lambdaport/deploy/dev/src-handlers-ts');
 */
export async function bundleNodeEntry(dir: string, entry: string, outDir: string): Promise<NodeBundle> {
  rmSync(outDir, { recursive: true, force: true });
  let format: BundleFormat = 'cjs';
  let result = await build(dir, entry, outDir, format);
  if (result === 'needs-esm' || needsEsm(result.warnings)) {
    rmSync(outDir, { recursive: true, force: true });
    format = 'esm';
    result = await build(dir, entry, outDir, format);
  }
  if (result === 'needs-esm') throw new BundleError(`${path.relative(dir, entry)}: the bundle needs an ES module`);
  return { outDir, format, exports: await entryExports(dir, entry, outDir, format, result.metafile) };
}

async function build(
  dir: string,
  entry: string,
  outDir: string,
  format: BundleFormat,
): Promise<esbuild.BuildResult<{ metafile: true }> | 'needs-esm'> {
  try {
    return await esbuild.build(bundleOptions(dir, entry, outDir, format));
  } catch (error) {
    const errors = (error as { errors?: esbuild.Message[] }).errors ?? [];
    if (format === 'cjs' && needsEsm(errors)) return 'needs-esm';
    throw new BundleError(describe(errors, dir, error));
  }
}

/**
 * The entry's exports. An ES module bundle's metafile lists them; for a CommonJS bundle, the same entry is bundled
 * again as an ES module in memory (nothing written) to read them. A CommonJS entry (`module.exports`) has no static
 * exports: undefined, and the check is skipped.
 */
async function entryExports(
  dir: string,
  entry: string,
  outDir: string,
  format: BundleFormat,
  metafile: esbuild.Metafile,
): Promise<readonly string[] | undefined> {
  let meta = metafile;
  if (format === 'cjs') {
    const analysis = await esbuild.build({
      ...bundleOptions(dir, entry, outDir, 'esm'),
      write: false,
      sourcemap: false,
    });
    meta = analysis.metafile;
  }
  const input = Object.entries(meta.inputs).find(([file]) => path.resolve(dir, file) === entry)?.[1];
  if (input?.format === 'cjs') return undefined;
  const output = Object.values(meta.outputs).find((o) => o.entryPoint !== undefined);
  return output?.exports;
}

function describe(errors: readonly esbuild.Message[], dir: string, error: unknown): string {
  const first = errors[0];
  if (first === undefined) return String(error instanceof Error ? error.message : error);
  const where = first.location
    ? ` (${path.relative(dir, path.resolve(dir, first.location.file))}:${first.location.line}:${first.location.column})`
    : '';
  return `${first.text}${where}`;
}
