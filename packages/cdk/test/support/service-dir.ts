import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A temporary dir with `files` (path → content; `executable` ones get chmod +x), removed after the test. */
export function tempDir(files: Record<string, string>, executable: readonly string[] = []): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'lambdaport-cdk-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  for (const name of executable) chmodSync(path.join(dir, name), 0o755);
  return dir;
}

/** A service dir with a JSON config and a handler module exporting `handler`. */
export function serviceDir(
  config: object,
  files: Record<string, string> = {},
  executable: readonly string[] = [],
): string {
  return tempDir(
    {
      'lambdaport.config.json': JSON.stringify(config),
      'src/handlers.ts': 'export const handler = async () => ({ ok: true });\n',
      ...files,
    },
    executable,
  );
}
