import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A temporary service dir with the given files (path → content); `executable` paths get chmod +x.
 * `insideRepo` puts it below this folder, so `import ... from 'lambdaport'` resolves through the workspace.
 */
export function serviceDir(
  files: Record<string, string>,
  options: { executable?: string[]; insideRepo?: boolean } = {},
): { dir: string; remove(): void } {
  const parent = options.insideRepo ? path.join(import.meta.dirname, '.tmp') : tmpdir();
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(path.join(parent, 'lambdaport-config-'));
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  for (const name of options.executable ?? []) chmodSync(path.join(dir, name), 0o755);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
