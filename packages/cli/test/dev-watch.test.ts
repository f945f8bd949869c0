/**
 * `lambdaport dev` as a user meets issue 15's findings 7, 8 and 10 (real processes, real files): a wrong export name
 * stops the start with the config's words; under watch, a saved config or source prints one line, a saved config with
 * a problem is reported and the previous one keeps serving; two services leave no `.lambdaport/` in the second dir.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../../test-support/async.js';
import { type Running, run, start } from './helpers.js';

function writeService(dir: string, service: string, timeout: number, handler = 'src/handler.mjs#handler'): void {
  mkdirSync(path.join(dir, 'src'), { recursive: true });
  writeFileSync(path.join(dir, 'src/handler.mjs'), 'export const handler = async () => ({ ok: true });\n');
  writeConfig(dir, service, timeout, handler);
}

function writeConfig(dir: string, service: string, timeout: unknown, handler = 'src/handler.mjs#handler'): void {
  writeFileSync(
    path.join(dir, 'lambdaport.config.json'),
    JSON.stringify({ service, functions: { get: { handler, timeout } } }),
  );
}

let work = '';
beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'lambdaport-cli-watch-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a wrong export name at start', () => {
  it('exits 1 before starting anything, naming the config file, key path, handler string and exports', async () => {
    const dir = path.join(work, 'typo');
    writeService(dir, 'typo', 3, 'src/handler.mjs#hanlder');

    const ran = await run(['dev', '--dir', dir, '--port', '0', '--ephemeral']);

    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain('Invalid config (1 problem); nothing was started:');
    expect(ran.stderr).toContain(
      `${path.join(dir, 'lambdaport.config.json')}: functions.get.handler: handler "src/handler.mjs#hanlder": src/handler.mjs has no export "hanlder"; its exports: handler`,
    );
  });
});

describe('under watch (the default)', () => {
  let dev: Running | undefined;
  afterEach(async () => {
    dev?.child.kill('SIGTERM');
    await dev?.exited;
    dev = undefined;
  });

  it('says one line per reload and rebuild; a bad config is reported and the old one keeps serving', async () => {
    const dir = path.join(work, 'watched');
    writeService(dir, 'watched', 6);
    dev = start(['dev', '--dir', dir, '--port', '0', '--ephemeral']);
    const url = (await dev.waitFor(/lambdaport dev\s+(http:\/\/127\.0\.0\.1:\d+)/))[1]!;
    const d = dev;
    const line = (pattern: RegExp) => waitFor(() => pattern.test(d.stderr()), { what: `stderr matching ${pattern}` });

    writeConfig(dir, 'watched', 9);
    await line(/watched\.get: config reloaded \(timeout 6 → 9 s\)/);
    writeConfig(dir, 'watched', 'nine');
    await line(/config not reloaded; still serving the previous one:\n\s+.*functions\.get\.timeout/);
    // functions are built on their first call, and watched from then on
    expect((await run(['invoke', 'watched.get', '--endpoint', url])).stdout).toContain('"ok": true');
    writeFileSync(path.join(dir, 'src/handler.mjs'), 'export const handler = async () => ({ ok: 2 });\n');
    await line(/watched\.get rebuilt in \d+ ms/);

    expect((await run(['invoke', 'watched.get', '--endpoint', url])).stdout).toContain('"ok": 2');
  });

  it('two services: everything is written under the first dir; the second dir gets no .lambdaport/', async () => {
    const first = path.join(work, 'first');
    const second = path.join(work, 'second');
    writeService(first, 'first', 3);
    writeService(second, 'second', 3);
    dev = start(['dev', '--dir', first, '--dir', second, '--port', '0']);
    const url = (await dev.waitFor(/lambdaport dev\s+(http:\/\/127\.0\.0\.1:\d+)/))[1]!;

    for (const name of ['first.get', 'second.get']) {
      const invoked = await run(['invoke', name, '--endpoint', url]);
      expect(invoked.code, invoked.stderr).toBe(0);
    }

    expect(existsSync(path.join(first, '.lambdaport', 'build', 'second', 'get'))).toBe(true);
    expect(existsSync(path.join(second, '.lambdaport'))).toBe(false);
  });
});
