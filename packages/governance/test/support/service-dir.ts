import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A temporary service dir with the given files (path → content). `insideRepo` (the default) puts it below this folder,
 * so `lambdaport`, `zod` and `valibot` resolve through the workspace's node_modules; `false` puts it in the system's
 * temporary folder, where no package resolves.
 */
export function serviceDir(
  files: Record<string, string>,
  options: { insideRepo?: boolean } = {},
): { dir: string; remove(): void } {
  const parent = options.insideRepo === false ? tmpdir() : path.join(import.meta.dirname, '.tmp');
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(path.join(parent, 'lambdaport-governance-'));
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A JSON config of `service` whose functions all use `src/handlers.mjs#handler`, with the keys given per function. */
export function config(service: string, functions: Record<string, Record<string, unknown>>): string {
  const withHandlers = Object.fromEntries(
    Object.entries(functions).map(([name, keys]) => [name, { handler: 'src/handlers.mjs#handler', ...keys }]),
  );
  return JSON.stringify({ service, functions: withHandlers }, null, 2);
}

/** A handler module that leaves a mark when imported: the tools must never import it. */
export const MARKING_HANDLER = `import { writeFileSync } from 'node:fs';
writeFileSync(new URL('../handler-was-imported', import.meta.url), 'yes');
export const handler = async () => ({});
`;
