/**
 * The files the repository checks read: the sources of each package, and every file git tracks (or would track).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is `test/repo/support/repo-files.ts`). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const SOURCE_FILE = /\.(ts|cts|mts|tsx|js|cjs|mjs)$/;

/** The packages under `packages/` that have a `src` folder, by folder name: `['cli', 'lambdaport', 'local']`. */
export function packagesWithSources(): string[] {
  const packages = path.join(REPO_ROOT, 'packages');
  return readdirSync(packages, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(packages, entry.name, 'src')))
    .map((entry) => entry.name)
    .sort();
}

/**
 * The source files of `packages/<name>/src`, test files included: repository-relative, `/`-separated path → text.
 *
 * @example
 * sourceFiles('local').get('packages/local/src/server.ts');
 */
export function sourceFiles(name: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(path.join(REPO_ROOT, dir), { withFileTypes: true })) {
      const relative = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(relative);
      else if (SOURCE_FILE.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        files.set(relative, readFileSync(path.join(REPO_ROOT, relative), 'utf8'));
      }
    }
  };
  walk(`packages/${name}/src`);
  return files;
}

/**
 * Every file git tracks, plus new files it would track (not ignored), that is still on disk: repository-relative
 * paths. New files count so that a problem shows before the commit, not after.
 */
export function trackedFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return [...new Set(out.split('\0'))]
    .filter((file) => file !== '' && statSync(path.join(REPO_ROOT, file), { throwIfNoEntry: false })?.isFile())
    .sort();
}

/** A file's text, or undefined for a binary file (a NUL byte in its first 8 KB). */
export function textOf(file: string): string | undefined {
  const bytes = readFileSync(path.join(REPO_ROOT, file));
  if (bytes.subarray(0, 8192).includes(0)) return undefined;
  return bytes.toString('utf8');
}
