/**
 * The `lambdaport` command as npm installs it: `bin/lambdaport.js`, a committed launcher, is what npm links into
 * `node_modules/.bin` (a link to the build output `dist/bin.js` would be skipped by `npm ci` in a fresh clone, where
 * `dist/` does not exist yet). Run from the repository root, as the README and the banner tell a user to.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENV } from './helpers.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const CLI = path.resolve(import.meta.dirname, '..');
const LAUNCHER = path.join(CLI, 'bin/lambdaport.js');
const VERSION = (JSON.parse(readFileSync(path.join(CLI, 'package.json'), 'utf8')) as { version: string }).version;

interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function run(file: string, args: readonly string[], cwd = ROOT): Promise<Ran> {
  try {
    const { stdout, stderr } = await promisify(execFile)(file, [...args], { cwd, env: ENV });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('the lambdaport command in the repository', () => {
  it('node_modules/.bin/lambdaport is linked to the committed launcher, and --help runs the CLI', async () => {
    const bin = path.join(ROOT, 'node_modules/.bin/lambdaport');
    expect(realpathSync(bin)).toBe(LAUNCHER);

    const ran = await run(bin, ['--help']);

    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stdout).toContain('Usage: lambdaport');
    expect(ran.stdout).toMatch(/invoke \[options\] <name>/);
  });

  it('npx lambdaport --version prints the package version (found locally: npx fetches nothing)', async () => {
    const ran = await run('npx', ['--no-install', 'lambdaport', '--version']);

    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stdout.trim()).toBe(VERSION);
  });

  it('works from a service folder below the root too (npx lambdaport, as examples/orders/README.md says)', async () => {
    const ran = await run(
      'npx',
      ['--no-install', 'lambdaport', 'invoke', '--help'],
      path.join(ROOT, 'examples/orders'),
    );

    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stdout).toContain('Usage: lambdaport invoke');
  });
});

describe('the launcher before the CLI is built', () => {
  let copy: string;
  beforeAll(() => {
    copy = mkdtempSync(path.join(tmpdir(), 'lambdaport-launcher-'));
    mkdirSync(path.join(copy, 'bin'));
    copyFileSync(LAUNCHER, path.join(copy, 'bin/lambdaport.js'));
    writeFileSync(path.join(copy, 'package.json'), JSON.stringify({ type: 'module' }));
  });
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  it('says that dist/bin.js is missing and how to build it, and exits 1', async () => {
    const ran = await run(process.execPath, [path.join(copy, 'bin/lambdaport.js'), '--help']);

    expect(ran.code).toBe(1);
    expect(ran.stdout).toBe('');
    expect(ran.stderr).toContain(`the CLI is not built (${path.join(copy, 'dist/bin.js')} is missing)`);
    expect(ran.stderr).toContain('npm run build');
  });
});
