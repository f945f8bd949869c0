/**
 * Every package under `packages/` is publishable: its `package.json` says what npm needs (license, engines, the
 * files to ship, a `prepack` that builds, exact dependency versions, public access for a scoped name), and it has a
 * README that says how to install it and a LICENSE. What `npm pack` then makes of it, and a project installing the
 * tarballs, is checked by `packed-install.test.ts`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/repo-files.js';

interface Manifest {
  name: string;
  version: string;
  license?: string;
  engines?: { node?: string };
  files?: string[];
  scripts?: Record<string, string>;
  bin?: Record<string, string>;
  exports?: Record<string, unknown>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  publishConfig?: { access?: string };
  private?: boolean;
}

/** The published workspaces: those under `packages/` in the root `workspaces`. */
function publishedWorkspaces(): string[] {
  const root = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { workspaces: string[] };
  return root.workspaces.filter((workspace) => workspace.startsWith('packages/'));
}

const manifest = (workspace: string): Manifest =>
  JSON.parse(readFileSync(path.join(REPO_ROOT, workspace, 'package.json'), 'utf8')) as Manifest;

/** An exact version (`1.2.3`, `1.2.3-beta.1`), not a range. */
const EXACT = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

describe.each(publishedWorkspaces())('%s is publishable', (workspace) => {
  const pkg = manifest(workspace);

  it('is public, MIT, for Node >= 20.11, and ships its build, not its tests', () => {
    expect(pkg.private).toBeUndefined();
    expect(pkg.license).toBe('MIT');
    expect(pkg.engines?.node).toBe('>=20.11');
    expect(pkg.files).toContain('dist');
    expect((pkg.files ?? []).filter((entry) => /(^|\/)test(\/|$)|\.lambdaport/.test(entry))).toEqual([]);
    if (pkg.name.startsWith('@')) expect(pkg.publishConfig?.access).toBe('public');
  });

  it('builds itself before it is packed (prepack: tsc -b)', () => {
    expect(pkg.scripts?.prepack).toBe('tsc -b');
  });

  it('pins every dependency to an exact version (peers are ranges, for the project to choose)', () => {
    const ranges = Object.entries(pkg.dependencies ?? {}).filter(([, version]) => !EXACT.test(version));
    expect(ranges, 'pin with npm install <pkg>@<exact version>').toEqual([]);
  });

  it('has a README saying how to install it, and the LICENSE', () => {
    const readme = path.join(REPO_ROOT, workspace, 'README.md');
    expect(existsSync(readme), `${workspace}/README.md`).toBe(true);
    const install = new RegExp(`npm install (--save-dev )?${pkg.name.replace(/[/.]/g, '\\$&')}\\b`);
    expect(readFileSync(readme, 'utf8')).toMatch(install);
    expect(readFileSync(path.join(REPO_ROOT, workspace, 'LICENSE'), 'utf8')).toBe(
      readFileSync(path.join(REPO_ROOT, 'LICENSE'), 'utf8'),
    );
  });

  it('points its commands at committed files, so npm links them before anything is built', () => {
    const tracked = execFileSync('git', ['ls-files', workspace], { cwd: REPO_ROOT, encoding: 'utf8' }).split('\n');
    for (const [command, target] of Object.entries(pkg.bin ?? {})) {
      expect(tracked, `bin ${command}`).toContain(path.posix.join(workspace, target));
    }
  });
});
