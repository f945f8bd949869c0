/**
 * Loads a config file's default export: `.ts`/`.mts` through esbuild, `.js`/`.mjs` by import, `.json` parsed.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { ConfigError } from './errors.js';

/**
 * Reads a config file and returns its default export (or the parsed JSON), not yet validated.
 * TypeScript configs are bundled with esbuild to a hidden temporary `.mjs` beside the config (packages stay
 * external, so `import { defineConfig } from 'lambdaport'` resolves as usual), imported, then deleted.
 * Throws a ConfigError naming the file when it cannot be read, compiled or run.
 *
 * @example
 * const raw = await loadConfigFile('/srv/records/lambdaport.config.ts');
 */
export async function loadConfigFile(file: string): Promise<unknown> {
  const extension = path.extname(file);
  try {
    if (extension === '.json') return JSON.parse(await readFile(file, 'utf8')) as unknown;
    if (extension === '.ts' || extension === '.mts') return await importTypeScript(file);
    return defaultExport(await import(`${pathToFileURL(file).href}?t=${Date.now()}`));
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError([{ file, path: '', message: `could not load the config: ${describe(error)}` }]);
  }
}

async function importTypeScript(file: string): Promise<unknown> {
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
  });
  const code = result.outputFiles[0]?.text ?? '';
  // Beside the config (a hidden, uniquely named file), so its bare imports resolve from the service's
  // node_modules; no folder is created, so concurrent loads of one config cannot race.
  const tempFile = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}-${randomBytes(4).toString('hex')}.mjs`,
  );
  await writeFile(tempFile, code);
  try {
    return defaultExport(await import(pathToFileURL(tempFile).href));
  } finally {
    await rm(tempFile, { force: true });
  }
}

function defaultExport(module: Record<string, unknown>): unknown {
  return 'default' in module ? module.default : module;
}

function describe(error: unknown): string {
  if (error !== null && typeof error === 'object' && 'errors' in error && Array.isArray(error.errors)) {
    // esbuild's BuildFailure: show the first message with its location.
    const first = error.errors[0] as { text?: string; location?: { line?: number; column?: number } } | undefined;
    if (first?.text) {
      const at = first.location ? ` (line ${first.location.line}, column ${first.location.column})` : '';
      return `${first.text}${at}`;
    }
  }
  return error instanceof Error ? error.message : String(error);
}
