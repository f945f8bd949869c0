/**
 * The public surface of every published package, against the committed list in `public-surface.json`, so that a
 * change of surface is always deliberate and reviewed.
 *
 * The packages are the workspaces under `packages/`; their entry points are the subpaths of each `exports` map. Each
 * entry is imported for real, by its package specifier (`lambdaport/client`), from the built `dist` (run `npx tsc -b`
 * first); its values are listed with their kind (`class`, `function`, `object`, `string`, ...) and its type-only
 * exports are read from the entry's `.d.ts` with the TypeScript compiler.
 *
 * To accept a change of surface:
 *   npx tsc -b && UPDATE_SURFACE=1 npx vitest run test/repo/public-surface.test.ts
 * then review and commit `test/repo/public-surface.json`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const LIST = path.join(import.meta.dirname, 'public-surface.json');
const ACCEPT = 'npx tsc -b && UPDATE_SURFACE=1 npx vitest run test/repo/public-surface.test.ts';

/** Every export of every entry point: `{ "lambdaport/client": ["createClient: function", "Client: type", ...] }`. */
type Surface = Record<string, string[]>;

type ExportTarget = string | { types?: string; import?: string; default?: string } | null;

interface Entry {
  /** What a user imports: `lambdaport`, `lambdaport/client`, `@lambdaport/local`. */
  readonly specifier: string;
  /** The built module, absolute. */
  readonly module: string;
  /** Its declarations, absolute (when the entry declares types). */
  readonly types: string | undefined;
}

/** The entry points of the published packages, read from their `package.json` `exports`. */
function entryPoints(): Entry[] {
  const root = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { workspaces: string[] };
  const entries: Entry[] = [];
  for (const workspace of root.workspaces.filter((w) => w.startsWith('packages/'))) {
    const dir = path.join(ROOT, workspace);
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
      name: string;
      exports?: Record<string, ExportTarget>;
    };
    for (const [subpath, target] of Object.entries(pkg.exports ?? {})) {
      const module = typeof target === 'string' ? target : (target?.import ?? target?.default);
      if (module === undefined || !/\.[cm]?js$/.test(module)) continue; // ./package.json and other non-code files
      const types = typeof target === 'object' && target?.types ? path.join(dir, target.types) : undefined;
      entries.push({ specifier: pkg.name + subpath.slice(1), module: path.join(dir, module), types });
    }
  }
  return entries;
}

function kindOf(value: unknown): string {
  if (typeof value === 'function')
    return /^class\b/.test(Function.prototype.toString.call(value)) ? 'class' : 'function';
  return value === null ? 'null' : typeof value;
}

/** The names each `.d.ts` exports (values and types), read by the TypeScript compiler. */
function declaredExports(files: readonly string[]): Map<string, string[]> {
  const program = ts.createProgram([...files], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    types: ['node'],
    noEmit: true,
    skipLibCheck: true,
  });
  const checker = program.getTypeChecker();
  const out = new Map<string, string[]>();
  for (const file of files) {
    const source = program.getSourceFile(file);
    const symbol = source && checker.getSymbolAtLocation(source);
    if (!symbol) throw new Error(`public surface: TypeScript cannot read ${path.relative(ROOT, file)}`);
    out.set(
      file,
      checker.getExportsOfModule(symbol).map((s) => s.name),
    );
  }
  return out;
}

/** The surface as built now. */
async function currentSurface(): Promise<Surface> {
  const entries = entryPoints();
  const missing = entries.filter((e) => !existsSync(e.module)).map((e) => path.relative(ROOT, e.module));
  if (missing.length > 0) throw new Error(`public surface: not built (${missing.join(', ')}): run npx tsc -b first`);
  const declared = declaredExports(entries.flatMap((e) => (e.types ? [e.types] : [])));
  const surface: Surface = {};
  for (const entry of entries) {
    const module = (await import(entry.specifier)) as Record<string, unknown>;
    const values = Object.keys(module);
    const types = (entry.types ? (declared.get(entry.types) ?? []) : []).filter((name) => !values.includes(name));
    surface[entry.specifier] = [
      ...values.map((name) => `${name}: ${kindOf(module[name])}`),
      ...types.map((name) => `${name}: type`),
    ].sort();
  }
  return Object.fromEntries(Object.entries(surface).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** What changed from `before` to `after`, one line per entry point; empty when nothing did. */
function describeChange(before: Surface, after: Surface): string[] {
  const lines: string[] = [];
  const specifiers = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  for (const specifier of specifiers) {
    const was = before[specifier];
    const is = after[specifier];
    if (was === undefined) lines.push(`  ${specifier}: new entry point, exporting ${is?.join(', ') || 'nothing'}`);
    else if (is === undefined) lines.push(`  ${specifier}: entry point removed (it exported ${was.join(', ')})`);
    else {
      const added = is.filter((e) => !was.includes(e));
      const removed = was.filter((e) => !is.includes(e));
      if (added.length > 0) lines.push(`  ${specifier}: added ${added.join(', ')}`);
      if (removed.length > 0) lines.push(`  ${specifier}: removed ${removed.join(', ')}`);
    }
  }
  return lines;
}

describe('the public surface', () => {
  it('every export of every entry point is in the committed list', async () => {
    const actual = await currentSurface();
    const committed: Surface = existsSync(LIST) ? JSON.parse(readFileSync(LIST, 'utf8')) : {};
    const change = describeChange(committed, actual);

    if (process.env.UPDATE_SURFACE === '1') {
      writeFileSync(LIST, `${JSON.stringify(actual, null, 2)}\n`);
      if (change.length > 0) console.log(`public surface: wrote ${path.relative(ROOT, LIST)}:\n${change.join('\n')}`);
      return;
    }
    if (change.length > 0) {
      expect.fail(
        `The public surface changed:\n${change.join('\n')}\n` +
          `If this is deliberate, accept it with\n  ${ACCEPT}\nthen review and commit ${path.relative(ROOT, LIST)}.`,
      );
    }
    expect(change).toEqual([]);
    // reading @lambdaport/cdk's declarations makes TypeScript parse aws-cdk-lib's (about 3,000 files): a minute and
    // more on a loaded 2-core machine
  }, 240_000);
});

describe('describeChange', () => {
  it('names what was added and removed, and entry points that came or went', () => {
    const before = { lambdaport: ['a: function', 'b: type'], 'lambdaport/old': ['x: string'] };
    const after = { lambdaport: ['a: function', 'c: class'], 'lambdaport/new': ['y: object'] };

    expect(describeChange(before, after)).toEqual([
      '  lambdaport: added c: class',
      '  lambdaport: removed b: type',
      '  lambdaport/new: new entry point, exporting y: object',
      '  lambdaport/old: entry point removed (it exported x: string)',
    ]);
    expect(describeChange(after, after)).toEqual([]);
  });
});
