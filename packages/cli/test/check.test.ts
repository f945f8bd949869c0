/**
 * `lambdaport check` as a real process: the examples pass against their committed locks; on a fixture service with a
 * zod contract, `--update` writes the lock, a safe change passes, a breaking one exits 1 with the function, the schema
 * path, the rule and the fix (as text and as `--json`), compared with the committed lock, a lock given with
 * `--against` or the lock at a git ref; and every bad input exits 2 with a message naming what and where.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from './helpers.js';

const REPO = path.resolve(import.meta.dirname, '../../..');

describe('lambdaport check on the examples', () => {
  it('passes against their committed lock files', async () => {
    const { code, stdout, stderr } = await run(['check', '--dir', 'examples/records', '--dir', 'examples/orders'], {
      cwd: REPO,
    });

    expect(stderr).toBe('');
    expect(stdout).toContain('records: compared with examples/records/lambdaport.lock.json: no change');
    expect(stdout).toContain('orders: compared with examples/orders/lambdaport.lock.json: no change');
    expect(stdout).toContain('check passed: no breaking change');
    expect(code).toBe(0);
  });
});

const CONFIG = (contract: Record<string, unknown>) =>
  JSON.stringify({
    service: 'shop',
    functions: { get: { handler: 'src/handlers.mjs#handler', ...contract } },
  });

/** A contract module exporting `getItem` with this input. */
const CONTRACT = (input: string) => `import { defineError, defineFunction } from 'lambdaport';
import { z } from 'zod';
export const getItem = defineFunction({
  name: 'shop.get', version: 1, description: 'Get an item.',
  input: ${input},
  output: z.object({ sku: z.string(), price: z.number() }),
  errors: [defineError('NotFound', z.object({ sku: z.string() }))],
  idempotent: true,
});
`;
const V1_INPUT = 'z.object({ sku: z.string() })';

describe('lambdaport check on a fixture service', () => {
  let dir: string;
  const file = (name: string) => path.join(dir, name);
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir }).toString();
  const check = (...args: string[]) => run(['check', '--dir', dir, ...args], { cwd: dir });

  beforeAll(() => {
    // inside the repository, so `lambdaport` and `zod` resolve through the workspace's node_modules
    const parent = path.join(import.meta.dirname, '.tmp');
    mkdirSync(parent, { recursive: true });
    dir = mkdtempSync(path.join(parent, 'check-'));
    mkdirSync(file('src'));
    writeFileSync(file('lambdaport.config.json'), CONFIG({ contract: 'src/contract.mjs#getItem' }));
    writeFileSync(file('src/handlers.mjs'), 'export const handler = async () => ({});\n');
    writeFileSync(file('src/contract.mjs'), CONTRACT(V1_INPUT));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('without a lock file: exit 2, and how to make one', async () => {
    const { code, stderr } = await check();

    expect(stderr).toMatch(
      /lambdaport check: no lock file: .*lambdaport\.lock\.json; create it with `lambdaport check --update`/,
    );
    expect(code).toBe(2);
  });

  it('--update writes the lock; then the same contracts pass', async () => {
    const updated = await check('--update');
    expect(updated.stdout).toContain('safe      shop.get v1: function shop.get added (major 1) [function.added]');
    expect(updated.stdout).toMatch(/locks rewritten: .*lambdaport\.lock\.json/);
    expect(updated.code).toBe(0);
    const lock = JSON.parse(readFileSync(file('lambdaport.lock.json'), 'utf8'));
    expect(lock.functions.get['1']).toMatchObject({
      contract: 'shop.get',
      version: 1,
      current: true,
      idempotent: true,
    });
    expect(lock.functions.get['1'].input).toMatchObject({ properties: { sku: { type: 'string' } }, required: ['sku'] });

    const again = await check();
    expect(again.stdout).toContain('shop: compared with');
    expect(again.stdout).toContain(': no change');
    expect(again.code).toBe(0);

    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-qm', 'shop v1');
  });

  it('a safe change (a new optional input field) passes, saying why it is safe', async () => {
    writeFileSync(file('src/contract.mjs'), CONTRACT('z.object({ sku: z.string(), currency: z.string().optional() })'));
    const { code, stdout } = await check();

    expect(stdout).toContain(
      'safe      shop.get v1  input /properties/currency: optional field "currency" added [input.field-added-optional]',
    );
    expect(stdout).toContain('callers need not send it');
    expect(stdout).toContain('check passed: no breaking change');
    expect(code).toBe(0);
  });

  it('a breaking change under the same major exits 1: function, schema path, rule and fix', async () => {
    writeFileSync(file('src/contract.mjs'), CONTRACT('z.object({ sku: z.string(), store: z.string() })'));
    const { code, stdout } = await check();

    expect(stdout).toContain(
      'BREAKING  shop.get v1  input /properties/store: required field "store" added [input.field-added-required]',
    );
    expect(stdout).toContain('fix: bump the major: give the new contract version 2');
    expect(stdout).toContain('functions.get.versions: { 1: { handler, contract } }');
    expect(stdout).toContain('check failed: 1 breaking change under the same major (shop.get v1)');
    expect(code).toBe(1);
  });

  it('--json: the same report for machines', async () => {
    const { code, stdout } = await check('--json');
    const report = JSON.parse(stdout);

    expect(report).toMatchObject({ ok: false, updated: false, breaking: 1, problems: [] });
    expect(report.services[0].differences[0]).toMatchObject({
      service: 'shop',
      function: 'get',
      major: 1,
      rule: 'input.field-added-required',
      verdict: 'breaking',
      part: 'input',
      pointer: '/properties/store',
      lockPointer: '/functions/get/1/input/properties/store',
    });
    expect(report.services[0].differences[0].fix).toContain('bump the major');
    expect(code).toBe(1);
  });

  it('--against-git REF compares with the lock committed at that ref', async () => {
    const { code, stdout } = await check('--against-git', 'main');

    expect(stdout).toContain('shop: compared with main:lambdaport.lock.json');
    expect(stdout).toContain('[input.field-added-required]');
    expect(code).toBe(1);
  });

  it('--against FILE compares with that lock', async () => {
    copyFileSync(file('lambdaport.lock.json'), file('old.lock.json'));
    const { code, stdout } = await check('--against', file('old.lock.json'));

    expect(stdout).toMatch(/shop: compared with .*old\.lock\.json/);
    expect(code).toBe(1);
  });

  it('an unknown git ref: exit 2, naming it', async () => {
    const { code, stderr, stdout } = await check('--against-git', 'no-such-ref');

    expect(stderr).toContain('lambdaport check: unknown git ref "no-such-ref"');
    expect(stdout).toBe('');
    expect(code).toBe(2);
  });

  it('--against with --against-git: a usage error, exit 2 (not 1, which would read as a breaking change)', async () => {
    const { code, stderr } = await check('--against', file('old.lock.json'), '--against-git', 'main');

    expect(stderr).toMatch(/cannot be used with option '--against <file>'/);
    expect(code).toBe(2);
  });

  it('a lock file that is not JSON: exit 2, with the file, line and column', async () => {
    writeFileSync(file('lambdaport.lock.json'), '{\n  "lockfileVersion": 1,\n  oops\n}\n');
    const { code, stderr } = await check();

    expect(stderr).toMatch(/lambdaport check: .*lambdaport\.lock\.json: not JSON: .*line 3 column 3/);
    expect(code).toBe(2);
    git('checkout', '--', 'lambdaport.lock.json');
  });

  it('a missing contract: exit 2, naming the function and the config key', async () => {
    writeFileSync(file('lambdaport.config.json'), CONFIG({}));
    const { code, stdout } = await check();

    expect(stdout).toContain('contracts that could not be loaded (not compared):');
    expect(stdout).toMatch(/lambdaport\.config\.json: functions\.get\.contract: .*contract/);
    expect(stdout).toContain('check incomplete: 1 contract problem');
    expect(code).toBe(2);

    const update = await check('--update');
    expect(update.stderr).toContain('the locks were not rewritten: every contract must load first');
    expect(update.code).toBe(2);
    expect(git('status', '--porcelain', 'lambdaport.lock.json')).toBe('');
    git('checkout', '--', 'lambdaport.config.json');
  });

  it('a schema that cannot be converted: exit 2, naming the contract and the field', async () => {
    writeFileSync(file('src/contract.mjs'), CONTRACT('z.object({ sku: z.string(), at: z.date() })'));
    const { code, stdout } = await check('--json');
    const report = JSON.parse(stdout);

    expect(report.ok).toBe(false);
    expect(report.problems[0]).toMatchObject({ kind: 'schema-not-convertible', function: 'get' });
    expect(report.problems[0].message).toContain('input.at: Date cannot be represented in JSON Schema');
    expect(code).toBe(2);
  });

  it('an invalid config: exit 2, nothing compared', async () => {
    writeFileSync(file('lambdaport.config.json'), JSON.stringify({ service: 'Shop!', functions: {} }));
    const { code, stderr } = await check();

    expect(stderr).toContain('lambdaport check: invalid config; nothing was compared:');
    expect(code).toBe(2);
    git('checkout', '--', 'lambdaport.config.json');
    expect(existsSync(file('lambdaport.lock.json'))).toBe(true);
  });
});
