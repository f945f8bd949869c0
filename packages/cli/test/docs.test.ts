/**
 * `lambdaport docs` as a user runs it (the built command, a real process): the examples' committed docs are what their
 * contracts generate (the check CI relies on), writing and checking a folder, and each kind of bad input with its
 * message and exit code.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from './helpers.js';

const REPO = path.resolve(import.meta.dirname, '../../..');
const EXAMPLES = ['--dir', 'examples/records', '--dir', 'examples/orders', '--dir', 'examples/notifications'];

describe('lambdaport docs on the examples', () => {
  it('finds the committed examples/docs up to date (else: npm run docs:examples)', async () => {
    const result = await run(['docs', ...EXAMPLES, '--out', 'examples/docs', '--check'], { cwd: REPO });

    expect(result.stderr, 'regenerate with npm run docs:examples, then review and commit examples/docs').toBe('');
    expect(result.stdout).toMatch(/^docs in examples\/docs are up to date \(20 files, 7 functions, \d+ ms\)\n$/);
    expect(result.code).toBe(0);
  });
});

describe('lambdaport docs: writing, checking', () => {
  let out: string;

  beforeAll(() => {
    out = mkdtempSync(path.join(tmpdir(), 'lambdaport-docs-'));
  });

  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('writes an index, a page per service, the JSON Schemas and the call graph; --check then passes', async () => {
    const written = await run(['docs', ...EXAMPLES, '--out', out], { cwd: REPO });
    const check = await run(['docs', ...EXAMPLES, '--out', out, '--check'], { cwd: REPO });

    expect(written.stdout).toMatch(new RegExp(`^wrote 20 files to ${out} \\(7 functions, \\d+ ms\\)\\n$`));
    expect(written.code).toBe(0);
    expect(readFileSync(path.join(out, 'README.md'), 'utf8')).toContain('[records.get](records.md#recordsget)');
    expect(readFileSync(path.join(out, 'README.md'), 'utf8')).toContain(
      '![The call graph of these services](graph.svg)',
    );
    expect(readFileSync(path.join(out, 'graph.svg'), 'utf8')).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(JSON.parse(readFileSync(path.join(out, 'schemas/records/get.v1.input.json'), 'utf8'))).toMatchObject({
      properties: { id: { type: 'integer' } },
    });
    expect(check.code).toBe(0);
  });

  it('--check fails with exit 1 naming each changed, missing and stale file, and the command to regenerate', async () => {
    const page = path.join(out, 'records.md');
    writeFileSync(page, readFileSync(page, 'utf8').replace('Fetch one record by id.', 'Fetch a record.'));
    rmSync(path.join(out, 'schemas/orders/get.v1.output.json'));
    writeFileSync(path.join(out, 'schemas/orders/old.v1.input.json'), '{}\n');

    const check = await run(['docs', ...EXAMPLES, '--out', out, '--check'], { cwd: REPO });

    expect(check.code).toBe(1);
    expect(check.stdout).toBe('');
    expect(check.stderr).toContain(`docs out of date: ${out} differs from what the contracts generate:`);
    expect(check.stderr).toMatch(
      /changed {2}\S*records\.md \(first at line \d+\)\n {11}- .*Fetch a record\..*\n {11}\+ .*Fetch one record by id\./,
    );
    expect(check.stderr).toContain(`missing  ${path.join(out, 'schemas/orders/get.v1.output.json')}`);
    expect(check.stderr).toContain(
      `stale    ${path.join(out, 'schemas/orders/old.v1.input.json')} (no longer generated)`,
    );
    expect(check.stderr).toContain(
      `regenerate them with:\n  lambdaport docs --dir examples/records --dir examples/orders --dir examples/notifications --out ${out}\n`,
    );

    // writing again repairs all of it
    await run(['docs', ...EXAMPLES, '--out', out], { cwd: REPO });
    expect((await run(['docs', ...EXAMPLES, '--out', out, '--check'], { cwd: REPO })).code).toBe(0);
  });
});

describe('lambdaport docs: bad input (exit 2, nothing written)', () => {
  let work: string;

  beforeAll(() => {
    // inside the repository, so that the contracts' imports (lambdaport, zod) resolve through the workspace
    const parent = path.join(import.meta.dirname, 'support', '.tmp');
    mkdirSync(parent, { recursive: true });
    work = mkdtempSync(path.join(parent, 'docs-'));
  });

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  /** A service dir whose one function names `contract` in `module` (its source). */
  function service(name: string, contract: string | undefined, module: string): string {
    const dir = path.join(work, name);
    const fn: Record<string, unknown> = { handler: 'src/handlers.mjs#handler' };
    if (contract !== undefined) fn.contract = contract;
    for (const [file, text] of Object.entries({
      'lambdaport.config.json': JSON.stringify({ service: name, functions: { get: fn } }),
      'src/handlers.mjs': 'export const handler = async () => ({});\n',
      'src/contract.mjs': module,
    })) {
      const target = path.join(dir, file);
      rmSync(target, { force: true });
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, text);
    }
    return dir;
  }

  const GOOD = `import { defineFunction } from 'lambdaport';
import { z } from 'zod';
export const getThing = defineFunction({ name: 'x.get', version: 1, description: 'Get.', input: z.object({ id: z.number() }), output: z.object({}) });
export const ThingSchema = z.object({ id: z.number() });
`;

  it.each([
    [
      'a function without a contract key',
      'nokey',
      undefined,
      GOOD,
      "functions.get.contract: nokey.get has no contract: add contract: 'src/contract.ts#yourContract' to functions.get",
    ],
    [
      'a missing export',
      'missing',
      'src/contract.mjs#getThng',
      GOOD,
      'src/contract.mjs has no export getThng (its contract exports: getThing)',
    ],
    [
      'an export that is not a contract',
      'schema',
      'src/contract.mjs#ThingSchema',
      GOOD,
      'src/contract.mjs#ThingSchema is a schema, not a function contract',
    ],
    [
      'a schema with no JSON form',
      'dates',
      'src/contract.mjs#getDated',
      `import { defineFunction } from 'lambdaport';
import { z } from 'zod';
export const getDated = defineFunction({ name: 'dates.get', version: 1, description: 'Get.', input: z.object({ since: z.date() }), output: z.object({}) });
`,
      'the contract dates.get (src/contract.mjs#getDated): input.since: Date cannot be represented in JSON Schema',
    ],
  ])('%s', async (_what, name, contract, module, message) => {
    const dir = service(name, contract, module);
    const out = path.join(work, `${name}-docs`);

    const result = await run(['docs', '--dir', dir, '--out', out]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Contracts (1 problem); no docs generated:');
    expect(result.stderr).toContain(path.join(dir, 'lambdaport.config.json').replace(`${process.cwd()}/`, ''));
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe('');
    expect(() => readFileSync(path.join(out, 'README.md'))).toThrow(/ENOENT/);
  });

  it('an --out that is a file', async () => {
    const file = path.join(work, 'a-file.md');
    writeFileSync(file, '# mine\n');

    const result = await run(['docs', ...EXAMPLES, '--out', file], { cwd: REPO });

    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`error --out ${file} is a file; expected a folder for the docs (created if missing)\n`);
    expect(readFileSync(file, 'utf8')).toBe('# mine\n');
  });

  it('an invalid config', async () => {
    const dir = service('badcfg', 'src/contract.mjs#getThing', GOOD);
    writeFileSync(
      path.join(dir, 'lambdaport.config.json'),
      JSON.stringify({ service: 'badcfg', functions: { get: { handler: 'src/handlers.mjs#handler', tiemout: 3 } } }),
    );

    const result = await run(['docs', '--dir', dir, '--out', path.join(work, 'badcfg-docs')]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Invalid config; no docs generated:');
    expect(result.stderr).toContain('functions.get.tiemout: unknown key (did you mean "timeout"?)');
  });
});
