/**
 * `@lambdaport/config` has no runtime of its own: it never imports the AWS SDK or dynalite (a CDK app or a docs tool
 * depends on it without the local runtime), and its dependencies are pinned exactly.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const PACKAGE = path.resolve(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? sources(file) : /\.[cm]?ts$/.test(entry.name) ? [file] : [];
  });
}

/** The package names a source file imports (static and dynamic imports, re-exports). */
function importedPackages(text: string): string[] {
  const specifiers = [...text.matchAll(/(?<![\w'-])(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map(
    (match) => match[1]!,
  );
  return specifiers
    .filter((specifier) => !specifier.startsWith('.') && !specifier.startsWith('node:'))
    .map((specifier) =>
      specifier
        .split('/')
        .slice(0, specifier.startsWith('@') ? 2 : 1)
        .join('/'),
    );
}

describe('@lambdaport/config dependencies', () => {
  it('imports only esbuild, zod and lambdaport (never the AWS SDK or dynalite)', () => {
    const imported = new Set(
      sources(path.join(PACKAGE, 'src')).flatMap((file) => importedPackages(readFileSync(file, 'utf8'))),
    );

    expect([...imported].sort()).toEqual(['esbuild', 'lambdaport', 'zod']);
  });

  it('declares exactly those, at exact versions', () => {
    const pkg = JSON.parse(readFileSync(path.join(PACKAGE, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      sideEffects: boolean;
    };

    expect(Object.keys(pkg.dependencies).sort()).toEqual(['esbuild', 'lambdaport', 'zod']);
    for (const version of Object.values(pkg.dependencies)) expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pkg.sideEffects).toBe(false);
  });
});
