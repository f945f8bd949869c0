import { execFile } from 'node:child_process';
import path from 'node:path';

/** The repository root. */
export const REPO = path.resolve(import.meta.dirname, '../../../..');

/**
 * Runs an ES module script in a plain `node` (not the test runner, whose module loader resolves packages its own way)
 * from the repository root, and returns what it printed, parsed as JSON. The script imports the built packages
 * (`@lambdaport/governance`: run `npx tsc -b` first).
 */
export function nodeScript(script: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--input-type=module', '-e', script], { cwd: REPO }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout) as unknown);
    });
  });
}
