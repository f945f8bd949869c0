import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { deployedName, olderMajorDeployedName } from 'lambdaport/names';
import { afterEach, describe, expect, it } from 'vitest';
import { type ConfigError, isConfigError, loadService, loadServices } from '../src/index.js';
import { serviceDir } from './support/service-dir.js';

const handlerFile = { 'src/handlers.ts': 'export const handler = async () => ({ ok: true });\n' };
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function dir(files: Record<string, string>, options: { executable?: string[]; insideRepo?: boolean } = {}): string {
  const created = serviceDir(files, options);
  cleanups.push(created.remove);
  return created.dir;
}

async function configError(promise: Promise<unknown>): Promise<ConfigError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isConfigError(error)) throw new Error(`expected a ConfigError, got ${String(error)}`);
  return error;
}

describe('loading a config', () => {
  it('loads a TypeScript config that imports lambdaport, and cleans up its temporary bundle', async () => {
    const service = dir(
      {
        ...handlerFile,
        'lambdaport.config.ts': `import { defineConfig } from 'lambdaport/config';
const timeout: number = 5;
export default defineConfig({
  service: 'records',
  functions: { get: { handler: 'src/handlers.ts#handler', timeout, url: { authType: 'NONE' } } },
  tables: { records: { partitionKey: { name: 'id', type: 'S' }, seed: 'data/records.json' } },
});
`,
        'data/records.json': '[{"id":"1","title":"one"}]',
      },
      { insideRepo: true },
    );

    const loaded = await loadService(service);

    expect(loaded.service).toBe('records');
    expect(loaded.stage).toBe('dev');
    expect(loaded.region).toBe('us-east-1');
    const get = loaded.functions[0]!;
    expect(get.name).toBe('get');
    expect(get.deployedName).toBe(deployedName('dev', 'records', 'get'));
    expect(get.deployedName).toMatch(/^dev-records-get-[0-9a-f]{6}$/);
    expect(get.arn).toBe(`arn:aws:lambda:us-east-1:000000000000:function:${get.deployedName}`);
    expect(get.timeoutSeconds).toBe(5);
    expect(get.memorySize).toBe(128);
    expect(get.url).toEqual({ authType: 'NONE' });
    expect(get.dir).toBe(service);
    expect(loaded.tables).toEqual([
      {
        name: 'records',
        service: 'records',
        stage: 'dev',
        tableName: 'dev-records-records',
        tableArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/dev-records-records',
        partitionKey: { name: 'id', type: 'S' },
        sortKey: undefined,
        seedFile: path.join(service, 'data/records.json'),
      },
    ]);
    expect(existsSync(path.join(service, '.lambdaport'))).toBe(false);
    expect(readdirSync(service).sort()).toEqual(['data', 'lambdaport.config.ts', 'src']);
  });

  it('loads a plain-object .mts config without lambdaport, .mjs and .json configs', async () => {
    const fn = "{ service: 'plain', functions: { echo: { handler: 'src/handlers.ts#handler' } } }";
    const mts = dir({ ...handlerFile, 'lambdaport.config.mts': `export default ${fn} satisfies object;\n` });
    const mjs = dir({ ...handlerFile, 'lambdaport.config.mjs': `export default ${fn};\n` });
    const json = dir({
      ...handlerFile,
      'lambdaport.config.json': JSON.stringify({
        service: 'plain',
        functions: { echo: { handler: 'src/handlers.ts#handler' } },
      }),
    });

    const loaded = await Promise.all([mts, mjs, json].map((d) => loadService(d)));

    for (const service of loaded)
      expect(service.functions.map((f) => f.deployedName)).toEqual([deployedName('dev', 'plain', 'echo')]);
  });

  it('applies the stage override and the config region to names and ARNs', async () => {
    const service = dir({
      ...handlerFile,
      'lambdaport.config.json': JSON.stringify({
        service: 'records',
        stage: 'qa',
        region: 'eu-west-1',
        functions: { get: { handler: 'src/handlers.ts#handler' } },
        tables: { records: { partitionKey: { name: 'id', type: 'N' }, sortKey: { name: 'at', type: 'S' } } },
      }),
    });

    const fromConfig = await loadService(service);
    const overridden = await loadService(service, { stage: 'prod' });

    expect(fromConfig.functions[0]!.deployedName).toBe(deployedName('qa', 'records', 'get'));
    expect(fromConfig.functions[0]!.arn).toMatch(/^arn:aws:lambda:eu-west-1:000000000000:function:qa-records-get-/);
    expect(overridden.functions[0]!.deployedName).toBe(deployedName('prod', 'records', 'get'));
    expect(overridden.tables[0]!.tableName).toBe('prod-records-records');
    expect(overridden.tables[0]!.sortKey).toEqual({ name: 'at', type: 'S' });
  });

  it('resolves one function per major: the current one runs handler under the canonical name, each older its own', async () => {
    const service = dir({
      ...handlerFile,
      'src/v1.ts': 'export const handler = async () => 1;\n',
      'lambdaport.config.json': JSON.stringify({
        service: 'records',
        functions: {
          get: {
            handler: 'src/handlers.ts#handler',
            version: 2,
            environment: { A: 'a', B: 'b' },
            versions: { 1: { handler: 'src/v1.ts#handler', environment: { B: 'old' } } },
          },
          plain: { handler: 'src/handlers.ts#handler' },
        },
      }),
    });

    const [get, getV1, plain] = (await loadService(service)).functions;

    expect([get!.name, get!.major, get!.current]).toEqual(['get', 2, true]);
    expect(get!.deployedName).toBe(deployedName('dev', 'records', 'get'));
    expect(get!.aliasArn).toBe(`${get!.arn}:v2`);
    expect([...get!.versions.keys()]).toEqual(['$LATEST', '2']);
    expect(get!.versions.get('$LATEST')!.handler).toBe('src/handlers.ts#handler');
    expect(get!.versions.get('2')!.handler).toBe('src/handlers.ts#handler');
    expect(Object.fromEntries(get!.aliases)).toEqual({ v2: '2' });

    expect([getV1!.name, getV1!.major, getV1!.current]).toEqual(['get', 1, false]);
    expect(getV1!.deployedName).toBe(olderMajorDeployedName('dev', 'records', 'get', 1));
    expect(getV1!.arn).toBe(`arn:aws:lambda:us-east-1:000000000000:function:${getV1!.deployedName}`);
    expect(getV1!.aliasArn).toBe(`${getV1!.arn}:v1`);
    expect([...getV1!.versions.keys()]).toEqual(['$LATEST', '1']);
    expect(getV1!.versions.get('1')).toEqual({
      version: '1',
      runtime: 'nodejs',
      handler: 'src/v1.ts#handler',
      environment: { A: 'a', B: 'old' },
      description: '',
    });
    expect(Object.fromEntries(getV1!.aliases)).toEqual({ v1: '1' });

    expect([...plain!.versions.keys()]).toEqual(['$LATEST', '1']);
    expect(Object.fromEntries(plain!.aliases)).toEqual({ v1: '1' });
    expect([plain!.major, plain!.current]).toEqual([1, true]);
  });

  it('accepts a provided runtime whose handler is an executable bootstrap', async () => {
    const service = dir(
      {
        'native/bootstrap': '#!/bin/sh\n',
        'lambdaport.config.json': JSON.stringify({
          service: 'native',
          functions: { echo: { runtime: 'provided', handler: 'native/bootstrap', reservedConcurrency: 0 } },
        }),
      },
      { executable: ['native/bootstrap'] },
    );

    const [echo] = (await loadService(service)).functions;

    expect(echo!.versions.get('$LATEST')!.runtime).toBe('provided');
    expect(echo!.reservedConcurrency).toBe(0);
  });

  it('loads several dirs and rejects two dirs declaring the same service', async () => {
    const config = (name: string) =>
      JSON.stringify({ service: name, functions: { get: { handler: 'src/handlers.ts#handler' } } });
    const a = dir({ ...handlerFile, 'lambdaport.config.json': config('a') });
    const b = dir({ ...handlerFile, 'lambdaport.config.json': config('b') });
    const alsoA = dir({ ...handlerFile, 'lambdaport.config.json': config('a') });

    const both = await loadServices([a, b]);
    const error = await configError(loadServices([a, alsoA]));

    expect(both.map((s) => s.service)).toEqual(['a', 'b']);
    expect(error.issues).toHaveLength(1);
    expect(error.message).toContain('service: service "a" is already declared in');
  });
});

describe('finding the config', () => {
  it('names the dir when it holds no config', async () => {
    const empty = dir({ 'readme.md': 'nothing here' });

    const error = await configError(loadService(empty));

    expect(error.message).toContain(empty);
    expect(error.message).toContain('no config found: expected one of lambdaport.config.ts');
  });

  it('names the files when a dir holds several configs', async () => {
    const both = dir({ 'lambdaport.config.ts': 'export default {}', 'lambdaport.config.json': '{}' });

    const error = await configError(loadService(both));

    expect(error.message).toContain('several configs found (lambdaport.config.ts, lambdaport.config.json)');
  });

  it('names a dir that does not exist', async () => {
    const error = await configError(loadService('/nonexistent/lambdaport-service'));

    expect(error.message).toContain('/nonexistent/lambdaport-service: expected a service directory');
  });

  it('reports a config that does not compile, or throws, as a ConfigError naming the file', async () => {
    const broken = dir({ 'lambdaport.config.ts': 'export default {{{ service: ' });
    const throwing = dir({ 'lambdaport.config.mjs': 'throw new Error("boom at load");\n' });
    const badJson = dir({ 'lambdaport.config.json': '{ "service": ' });

    const errors = await Promise.all([broken, throwing, badJson].map((d) => configError(loadService(d))));

    expect(errors[0]!.message).toMatch(/lambdaport\.config\.ts: could not load the config: .*line 1/);
    expect(errors[1]!.message).toContain('lambdaport.config.mjs: could not load the config: boom at load');
    expect(errors[2]!.message).toContain('lambdaport.config.json: could not load the config:');
  });
});
