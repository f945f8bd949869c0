/**
 * `synthServices`: templates written only when every service can deploy; a config that cannot deploy fails with
 * the file and key path of each problem and writes nothing.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type ConfigError, isConfigError } from '@lambdaport/config';
import { describe, expect, it } from 'vitest';
import { synthServices } from '../../src/index.js';
import { serviceDir, tempDir } from '../support/service-dir.js';

const fn = { handler: 'src/handlers.ts#handler' };

async function configError(promise: Promise<unknown>): Promise<ConfigError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isConfigError(error)) throw new Error(`expected a ConfigError, got ${String(error)}`);
  return error;
}

/** Synthesizes `dirs` into a fresh `out` that must stay absent; returns the issues as `<key path>: <message>`. */
async function refused(dirs: string[]): Promise<{ lines: string[]; files: string[] }> {
  const out = path.join(tempDir({}), 'cdk.out');
  const error = await configError(synthServices({ dirs, outdir: out, validation: false }));
  expect(existsSync(out)).toBe(false);
  expect(readdirSync(path.dirname(out))).toEqual([]);
  return { lines: error.issues.map((i) => `${i.path}: ${i.message}`), files: error.issues.map((i) => i.file) };
}

describe('synthServices', () => {
  it('writes one template per service and its assets, and replaces what the folder held', async () => {
    const records = serviceDir({ service: 'records', functions: { get: fn } });
    const out = path.join(tempDir({}), 'out');
    mkdirSync(out);
    writeFileSync(path.join(out, 'stale.template.json'), '{}');
    const result = await synthServices({ dirs: [records], outdir: out, stage: 'qa', validation: false });
    expect(result.stacks.map((s) => s.templateFile)).toEqual([path.join(out, 'qa-records.template.json')]);
    const template = JSON.parse(readFileSync(path.join(out, 'qa-records.template.json'), 'utf8')) as {
      Resources: Record<string, { Type: string; Properties: { FunctionName?: string } }>;
    };
    const names = Object.values(template.Resources)
      .filter((r) => r.Type === 'AWS::Lambda::Function')
      .map((r) => r.Properties.FunctionName);
    expect(names).toEqual([result.services[0]!.service.functions[0]!.deployedName]);
    expect(existsSync(path.join(out, 'stale.template.json'))).toBe(false);
    expect(readdirSync(out).some((file) => file.startsWith('asset.'))).toBe(true);
    expect(readdirSync(path.dirname(out))).toEqual(['out']);
  });

  it('refuses a calls entry naming no function of a service given, or a service not given', async () => {
    const records = serviceDir({ service: 'records', functions: { get: fn } });
    const orders = serviceDir({ service: 'orders', functions: { create: { ...fn, calls: ['records.gett'] } } });
    const alone = serviceDir({ service: 'alone', functions: { go: { ...fn, calls: ['records.get'] } } });
    const { lines, files } = await refused([records, orders]);
    expect(lines).toEqual([
      'functions.create.calls[0]: records.gett is not a function of service records (its functions: get)',
    ]);
    expect(files).toEqual([path.join(orders, 'lambdaport.config.json')]);
    expect((await refused([alone])).lines).toEqual([
      'functions.go.calls[0]: records.get: service records is not among the services given, so the alias its policy must name is unknown; give its dir too (--dir)',
    ]);
  });

  it('refuses a reference to an unknown table, memory over 10240 MB and a bootstrap that is not executable', async () => {
    const dir = serviceDir(
      {
        service: 'bad',
        functions: {
          a: { ...fn, environment: { T: { table: 'nope' } } },
          b: { ...fn, memorySize: 20480 },
          c: { handler: 'bin/bootstrap', runtime: 'provided.al2023' },
        },
      },
      { 'bin/bootstrap': '#!/bin/sh\n' },
    );
    const { lines } = await refused([dir]);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^functions\.a\.environment\.T: "nope" is /);
    expect(lines[1]).toBe('functions.b.memorySize: expected a number of MB from 128 to 10240 (whole MB), got 20480');
    expect(lines[2]).toBe(
      'functions.c.handler: bootstrap file bin/bootstrap is not executable (chmod +x bin/bootstrap)',
    );
  });

  it("refuses a handler export the bundle does not have, and a bundle that fails, naming the handler's key", async () => {
    const dir = serviceDir(
      {
        service: 'bad',
        functions: {
          a: { handler: 'src/handlers.ts#hnadler' },
          b: { handler: 'src/broken.ts#handler' },
          c: { ...fn, version: 2, versions: { 1: { handler: 'src/handlers.ts#old' } } },
        },
      },
      { 'src/broken.ts': "import { x } from './missing.js';\nexport const handler = x;\n" },
    );
    const { lines } = await refused([dir]);
    expect(lines).toEqual([
      'functions.a.handler: src/handlers.ts has no export "hnadler" (its exports: handler)',
      expect.stringMatching(
        /^functions\.b\.handler: bundling src\/broken\.ts failed: Could not resolve "\.\/missing\.js" \(src\/broken\.ts:1:18\)$/,
      ),
      'functions.c.versions.1.handler: src/handlers.ts has no export "old" (its exports: handler)',
    ]);
  });

  it('bundles a module that needs ESM (top-level await) as index.mjs, and accepts its export', async () => {
    const dir = serviceDir(
      { service: 'esm', functions: { a: { handler: 'src/esm.ts#handler' } } },
      { 'src/esm.ts': 'const value = await Promise.resolve(1);\nexport const handler = async () => value;\n' },
    );
    const out = path.join(tempDir({}), 'out');
    const result = await synthServices({ dirs: [dir], outdir: out, validation: false });
    const code = result.services[0]!.code.get(result.services[0]!.service.functions[0]!.deployedName)!;
    expect(readdirSync(code.assetDir).sort()).toEqual(['index.mjs', 'index.mjs.map']);
    expect(code.handler).toBe('index.handler');
  });
});
