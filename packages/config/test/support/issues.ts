import path from 'node:path';
import { afterEach } from 'vitest';
import { isConfigError, validateConfig } from '../../src/index.js';
import { serviceDir } from './service-dir.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A temporary service dir with `files`, removed after the test. */
export function tempService(files: Record<string, string>, options: { executable?: string[] } = {}): string {
  const created = serviceDir(files, options);
  cleanups.push(created.remove);
  return created.dir;
}

/** The issue lines (`<key path>: <message>`, without the file) of validating `config` in a dir holding `files`. */
export function issuesOf(
  config: unknown,
  files: Record<string, string> = { 'src/handlers.ts': 'export const handler = async () => 1;\n' },
): string[] {
  const dir = tempService(files);
  const file = path.join(dir, 'lambdaport.config.ts');
  try {
    validateConfig(config, file, dir);
  } catch (error) {
    if (!isConfigError(error)) throw error;
    return error.issues.map((issue) => (issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`));
  }
  return [];
}

/** A minimal valid function. */
export const ok = { handler: 'src/handlers.ts#handler' } as const;
