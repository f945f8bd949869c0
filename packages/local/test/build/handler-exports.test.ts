/**
 * Finding 8 of issue 15: a handler naming an export its module lacks is reported in the config's words (the handler
 * string, the config file, the key path, the exports the module has): at start, on rebuild (the last good build keeps
 * serving), and when it runs anyway (`Runtime.HandlerNotFound`).
 */
import { writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isConfigError } from '@lambdaport/config';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rejectionOf, waitFor } from '../../../../test-support/async.js';
import { entryExports } from '../../src/build/handler-exports.js';
import { createBuilder } from '../../src/build/index.js';
import { startLocal } from '../../src/index.js';
import { createInvoker } from '../../src/lambda/environments/index.js';
import { json, makeFunction, request } from '../lambda/environments/helpers.js';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'lambdaport-exports-'));
  await mkdir(path.join(dir, 'src'));
  await writeFile(
    path.join(dir, 'src/handlers.ts'),
    'export const handler = async () => ({ ok: 1 });\nexport async function other() { return 2; }\n',
  );
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function writeConfig(handler: string): string {
  const file = path.join(dir, 'lambdaport.config.json');
  writeFileSync(file, JSON.stringify({ service: 'records', functions: { get: { handler } } }));
  return file;
}

describe('entryExports', () => {
  it('lists the exports of an ES module entry, following `export *`', async () => {
    await writeFile(path.join(dir, 'src/all.ts'), "export * from './handlers.js';\nexport const extra = 1;\n");

    expect(await entryExports(path.join(dir, 'src/handlers.ts'))).toEqual(['handler', 'other']);
    expect([...((await entryExports(path.join(dir, 'src/all.ts'))) ?? [])].sort()).toEqual([
      'extra',
      'handler',
      'other',
    ]);
  });

  it('cannot tell a CommonJS entry or a missing file (undefined: not checked)', async () => {
    await writeFile(path.join(dir, 'src/old.js'), 'module.exports.handler = async () => 1;\n');

    expect(await entryExports(path.join(dir, 'src/old.js'))).toBeUndefined();
    expect(await entryExports(path.join(dir, 'src/nowhere.ts'))).toBeUndefined();
  });
});

describe('at start', () => {
  it('startLocal refuses a wrong export name, naming the handler string, config file, key path and exports', async () => {
    const configFile = writeConfig('src/handlers.ts#hanlder');

    const error = await rejectionOf(startLocal({ dirs: [dir], ephemeral: true, prebootSpares: false }));

    expect(isConfigError(error)).toBe(true);
    expect(isConfigError(error) && error.issues).toEqual([
      {
        file: configFile,
        path: 'functions.get.handler',
        message:
          'handler "src/handlers.ts#hanlder": src/handlers.ts has no export "hanlder"; its exports: handler, other',
      },
    ]);
  });

  it('starts when every handler names an export', async () => {
    writeConfig('src/handlers.ts#other');
    const local = await startLocal({ dirs: [dir], ephemeral: true, prebootSpares: false });
    await local.stop();
  });
});

describe('when it runs', () => {
  it('Runtime.HandlerNotFound names the config handler string and the exports, not the bundle entry', async () => {
    const invoker = createInvoker({ prebootSpares: false });
    const fn = makeFunction({ name: 'wrong-export', handler: 'src/handlers.ts#hanlder', dir });
    try {
      const result = await invoker.invoke(fn, '$LATEST', request(fn));

      expect(result.functionError).toBe('Unhandled');
      expect(json(result)).toMatchObject({
        errorType: 'Runtime.HandlerNotFound',
        errorMessage: 'src/handlers.ts#hanlder is undefined or not exported (handlers.ts exports handler, other)',
      });
    } finally {
      await invoker.stop();
    }
  });
});

describe('on rebuild (watch mode)', () => {
  const rebuilds: { outcome: string; message: string | undefined }[] = [];
  const builder = createBuilder({
    watch: true,
    onRebuilt: (fn, rebuild) => {
      rebuilds.push({ outcome: rebuild.outcome, message: rebuild.message });
      if (rebuild.outcome !== 'kept') invoker.retire(fn);
    },
  });
  const invoker = createInvoker({ builder, prebootSpares: false });
  afterAll(async () => {
    await invoker.stop();
    await builder.stop();
  });

  it('a save that loses the export keeps the last good build serving, and says why; a fix builds again', async () => {
    const fn = makeFunction({ name: 'kept', handler: 'src/handlers.ts#handler', dir });
    expect(json(await invoker.invoke(fn, '$LATEST', request(fn)))).toEqual({ ok: 1 });

    writeFileSync(path.join(dir, 'src/handlers.ts'), 'export const handlr = async () => ({ ok: 2 });\n');
    await waitFor(() => rebuilds.length === 1, { what: 'the rebuild' });
    const kept = await invoker.invoke(fn, '$LATEST', request(fn));
    writeFileSync(path.join(dir, 'src/handlers.ts'), 'export const handler = async () => ({ ok: 3 });\n');
    await waitFor(() => rebuilds.length === 2, { what: 'the second rebuild' });
    const fixed = await invoker.invoke(fn, '$LATEST', request(fn));

    expect(rebuilds[0]).toEqual({
      outcome: 'kept',
      message: 'src/handlers.ts#handler is undefined or not exported (handlers.ts exports handlr)',
    });
    expect(json(kept)).toEqual({ ok: 1 });
    expect(rebuilds[1]?.outcome).toBe('built');
    expect(json(fixed)).toEqual({ ok: 3 });
  });
});
