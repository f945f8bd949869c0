/**
 * Packing the workspaces as a user gets them, and running commands for the tests that install the tarballs outside
 * the repository (packed-install.test.ts, user-path.test.ts).
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './repo-files.js';

/** What the tests read of a package's manifest. */
export interface Manifest {
  name: string;
  version: string;
  bin?: Record<string, string>;
  exports?: Record<string, string | { types?: string; import?: string }>;
}

/** The published workspaces (under `packages/`) and their manifests. */
export const WORKSPACES = (
  JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { workspaces: string[] }
).workspaces
  .filter((workspace) => workspace.startsWith('packages/'))
  .map((workspace) => ({
    workspace,
    manifest: JSON.parse(readFileSync(path.join(REPO_ROOT, workspace, 'package.json'), 'utf8')) as Manifest,
  }));

/** npm without its update check, funding and audit chatter. */
export const NPM_ENV = {
  ...process.env,
  npm_config_update_notifier: 'false',
  npm_config_fund: 'false',
  npm_config_audit: 'false',
  NO_COLOR: '1',
};

/** A command's exit code and output. */
export interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command to completion (never rejects: a failure is its code and output). */
export async function run(
  file: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = NPM_ENV,
): Promise<Ran> {
  try {
    const { stdout, stderr } = await promisify(execFile)(file, [...args], { cwd, env, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return {
      code: typeof failed.code === 'number' ? failed.code : -1,
      stdout: failed.stdout ?? '',
      stderr: failed.stderr ?? '',
    };
  }
}

/** The run, or an Error with its output when it failed. */
export function ok(ran: Ran, what: string): Ran {
  if (ran.code !== 0) throw new Error(`${what} failed (${ran.code}):\n${ran.stdout}\n${ran.stderr}`);
  return ran;
}

/** The tarball npm makes of a package: `@lambdaport/local@0.1.0` → `lambdaport-local-0.1.0.tgz`. */
export const tarballName = (m: Manifest) => `${m.name.replace(/^@/, '').replace('/', '-')}-${m.version}.tgz`;

/**
 * Packs every published workspace into `destination` (each `prepack` builds it first); resolves with the tarballs'
 * paths.
 *
 * @example
 * const tarballs = await packWorkspaces('/tmp/packs');
 */
export async function packWorkspaces(destination: string): Promise<string[]> {
  const workspaces = WORKSPACES.flatMap(({ workspace }) => ['-w', workspace]);
  ok(await run('npm', ['pack', ...workspaces, '--pack-destination', destination], REPO_ROOT), 'npm pack');
  return WORKSPACES.map(({ manifest }) => path.join(destination, tarballName(manifest)));
}
