/**
 * Imports code as if it lived in a service dir: written to a uniquely named `.mjs` under the service's
 * `.lambdaport/contracts/` (git-ignored, beside the build cache), imported, then deleted. Its bare imports (`zod`,
 * `lambdaport`, a sibling service's contract package) resolve from the service's own `node_modules`, so a schema
 * library is the very copy the service's schemas were built with.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

/** The folder of a service dir that holds the temporary modules. */
export const CONTRACTS_TEMP_DIR = path.join('.lambdaport', 'contracts');

/**
 * Imports `code` (an ES module) from a temporary file in `dir`, and returns its namespace.
 *
 * @example
 * const zod = await importInServiceDir('/srv/records', "export * from 'zod';", 'zod');
 */
export async function importInServiceDir(dir: string, code: string, label: string): Promise<Record<string, unknown>> {
  const folder = path.join(dir, CONTRACTS_TEMP_DIR);
  await mkdir(folder, { recursive: true });
  const safe = label.replace(/[^A-Za-z0-9_.-]/g, '_');
  const file = path.join(folder, `${safe}.${process.pid}-${randomBytes(4).toString('hex')}.mjs`);
  await writeFile(file, code);
  try {
    return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } finally {
    await rm(file, { force: true });
  }
}

/**
 * Bundles a contract module with esbuild (TypeScript and relative imports inlined; packages left external, to be
 * resolved from the service dir) and imports it. Only the contract module and what it imports run, never a handler
 * module (unless the contract module imports one: keep contracts in modules of their own). Returns its namespace and
 * the files bundled (absolute), which a watcher may stat.
 *
 * @example
 * const { module, inputs } = await importContractModule('/srv/records/src/contract.ts', '/srv/records');
 */
export async function importContractModule(
  file: string,
  dir: string,
): Promise<{ module: Record<string, unknown>; inputs: string[] }> {
  const result = await build({
    entryPoints: [file],
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    logLevel: 'silent',
    sourcemap: 'inline',
    metafile: true,
  });
  const code = result.outputFiles[0]?.text ?? '';
  const inputs = Object.keys(result.metafile.inputs).map((input) => path.resolve(input));
  return { module: await importInServiceDir(dir, code, path.basename(file, path.extname(file))), inputs };
}

/**
 * Imports a package as the service dir resolves it (`zod`, `@valibot/to-json-schema`).
 *
 * @example
 * const zod = await importPackageOfService('/srv/records', 'zod');
 */
export function importPackageOfService(dir: string, specifier: string): Promise<Record<string, unknown>> {
  return importInServiceDir(dir, `export * from ${JSON.stringify(specifier)};\n`, specifier);
}

/** An error's message; esbuild's first message with its location. */
export function describeLoadError(error: unknown): string {
  if (error !== null && typeof error === 'object' && 'errors' in error && Array.isArray(error.errors)) {
    const first = error.errors[0] as { text?: string; location?: { file?: string; line?: number } } | undefined;
    if (first?.text) {
      const at = first.location ? ` (${first.location.file}:${first.location.line})` : '';
      return `${first.text}${at}`;
    }
  }
  return error instanceof Error ? error.message : String(error);
}
