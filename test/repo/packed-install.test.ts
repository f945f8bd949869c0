/**
 * The packages as a user gets them. Every workspace under `packages/` is packed with `npm pack` (its `prepack`
 * builds it); each tarball must hold its build (JS and declarations for every export), README, LICENSE and
 * package.json, and no tests or local state. The tarballs are then installed with zod into a new project outside
 * the repository, as docs/install.md says, and used there: every entry point imported (exactly the committed public
 * surface), the declarations type-checked with the user's code, the `lambdaport` command run, and the greeter
 * service of lambdaport's README (`fixtures/packed-project/`) served by `@lambdaport/local` and called with the
 * typed client, which needs the AWS SDK that npm installed as lambdaport's peers.
 *
 * The one test of the suite that reaches the network: `npm install` fetches the third-party packages (zod, the AWS
 * SDK, esbuild, ...) from the npm registry, so it runs without the network guard (`env -u NODE_OPTIONS` drops the
 * guard's preload for that one process). Everything else it starts is guarded as usual. It takes 30 to 60 s, most
 * of it in `npm install`.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Manifest, ok, packWorkspaces, run, tarballName, WORKSPACES } from './support/packing.js';
import { REPO_ROOT } from './support/repo-files.js';

const FIXTURE = path.join(import.meta.dirname, 'fixtures', 'packed-project');
const SURFACE = JSON.parse(readFileSync(path.join(import.meta.dirname, 'public-surface.json'), 'utf8')) as Record<
  string,
  string[]
>;
const ZOD = (
  JSON.parse(readFileSync(path.join(REPO_ROOT, 'examples/records/package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  }
).dependencies.zod;
const TSC = path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc');

/** The files of an export target, relative to the package: `./dist/index.js` → `dist/index.js`. */
function exportFiles(manifest: Manifest): string[] {
  const files: string[] = [];
  for (const target of Object.values(manifest.exports ?? {})) {
    if (typeof target === 'string') files.push(target);
    else files.push(...[target.import, target.types].filter((file): file is string => file !== undefined));
  }
  return files.map((file) => path.posix.normalize(file));
}

let scratch: string;
let packs: string;
let project: string;
const contents = new Map<string, string[]>();

beforeAll(async () => {
  scratch = mkdtempSync(path.join(tmpdir(), 'lambdaport-packed-'));
  packs = path.join(scratch, 'packs');
  project = path.join(scratch, 'project');
  mkdirSync(packs);

  await packWorkspaces(packs);
  for (const { manifest } of WORKSPACES) {
    const listed = ok(await run('tar', ['-tzf', path.join(packs, tarballName(manifest))], packs), 'tar -t');
    contents.set(
      manifest.name,
      listed.stdout.split('\n').filter((line) => line !== ''),
    );
  }

  cpSync(FIXTURE, project, { recursive: true });
  writeFileSync(
    path.join(project, 'package.json'),
    `${JSON.stringify({ name: 'greeter', private: true, type: 'module' }, null, 2)}\n`,
  );
  const tarballs = readdirSync(packs).map((file) => path.join(packs, file));
  // the one process allowed off the machine: npm fetching third-party packages from the registry
  ok(await run('env', ['-u', 'NODE_OPTIONS', 'npm', 'install', ...tarballs, `zod@${ZOD}`], project), 'npm install');
}, 300_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe.each(WORKSPACES)('the tarball of $workspace', ({ manifest }) => {
  const files = () => (contents.get(manifest.name) ?? []).map((file) => file.replace(/^package\//, ''));

  it('holds package.json, README.md, LICENSE, and the JS and declarations of every export and command', () => {
    const packed = files();

    for (const file of ['package.json', 'README.md', 'LICENSE', ...exportFiles(manifest)]) {
      expect(packed, file).toContain(file);
    }
    for (const target of Object.values(manifest.bin ?? {})) expect(packed).toContain(path.posix.normalize(target));
    expect(packed.filter((file) => file.startsWith('dist/') && file.endsWith('.d.ts')).length).toBeGreaterThan(0);
  });

  it('holds no tests, fixtures, local state or build bookkeeping', () => {
    // the templates of `lambdaport init` are what it writes into a new service, tests included
    const stray = files().filter(
      (file) =>
        !file.startsWith('templates/') &&
        /(^|\/)(test|tests|fixtures|\.lambdaport)\/|\.test\.[cm]?[jt]s$|\.tsbuildinfo$/.test(file),
    );

    expect(stray).toEqual([]);
  });
});

describe('a project outside the repository that installed the tarballs and zod', () => {
  it('imports every entry point, and each exports what the public surface lists', async () => {
    const specifiers = Object.keys(SURFACE);
    const ran = ok(await run(process.execPath, ['check-entry-points.mjs', ...specifiers], project), 'imports');
    const exported = JSON.parse(ran.stdout) as Record<string, string[]>;

    for (const specifier of specifiers) {
      const values = SURFACE[specifier]!.filter((entry) => !entry.endsWith(': type')).map(
        (entry) => entry.split(':')[0],
      );
      expect(exported[specifier], specifier).toEqual(values.sort());
    }
  });

  it("type-checks the user's code against the installed declarations", async () => {
    const ran = await run(process.execPath, [TSC, '-p', 'tsconfig.json'], project);

    expect(ran.code, ran.stdout).toBe(0);
  });

  it('has the lambdaport command: node_modules/.bin/lambdaport --help and npx lambdaport --version', async () => {
    const cli = WORKSPACES.find(({ manifest }) => manifest.bin?.lambdaport !== undefined)!.manifest;
    const help = await run(path.join(project, 'node_modules/.bin/lambdaport'), ['--help'], project);
    const version = await run('npx', ['--no-install', 'lambdaport', '--version'], project);

    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toContain('Usage: lambdaport');
    expect(version.code, version.stderr).toBe(0);
    expect(version.stdout.trim()).toBe(cli.version);
  });

  it("serves the README's greeter with @lambdaport/local and calls it with the typed client", async () => {
    const ran = ok(await run(process.execPath, ['call-greeter.mjs'], project), 'call-greeter.mjs');

    expect(JSON.parse(ran.stdout)).toEqual({
      answer: { message: 'Hello, Ada!' },
      viaUrl: { message: 'Hello, Bo!' },
    });
  }, 60_000);

  it("documents the README's greeter: lambdaport docs finds its contracts (bundled and imported from the project)", async () => {
    const ran = ok(
      await run(path.join(project, 'node_modules/.bin/lambdaport'), ['docs', '--out', 'api-docs'], project),
      'lambdaport docs',
    );
    const page = readFileSync(path.join(project, 'api-docs/greeter.md'), 'utf8');

    // the index, the service's page, four JSON Schema files and the call graph
    expect(ran.stdout).toContain('wrote 7 files to api-docs (2 functions');
    expect(readFileSync(path.join(project, 'api-docs/graph.svg'), 'utf8')).toContain('<svg');
    expect(page).toContain('| `name` | string | yes | length ≥ 1 |   | `"Ada"` |');
    expect(page).toContain('"message": "Hello, Ada!"');
    expect(readFileSync(path.join(project, 'api-docs/schemas/greeter/hello.v1.input.json'), 'utf8')).toContain(
      '"minLength": 1',
    );
  }, 60_000);
});

describe("lambdaport's README", () => {
  it('shows the greeter of this test, file for file', () => {
    const readme = readFileSync(path.join(REPO_ROOT, 'packages/lambdaport/README.md'), 'utf8');

    for (const file of ['src/contract.ts', 'src/logic.ts', 'src/handlers.ts', 'lambdaport.config.mjs']) {
      expect(readme, file).toContain(readFileSync(path.join(FIXTURE, file), 'utf8'));
    }
  });
});
