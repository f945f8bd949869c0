import path from 'node:path';
import { functionNameProblem, serviceNameProblem, stageNameProblem } from 'lambdaport/names';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, validateConfig } from '../../src/index.js';
import { serviceDir } from '../support/service-dir.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function fixture(): string {
  const created = serviceDir(
    {
      'src/handlers.ts': 'export const handler = async () => 1;\n',
      'native/bootstrap': '#!/bin/sh\n',
      'native/not-executable': '#!/bin/sh\n',
      'data/records.json': '[{"id":"1","at":1}]',
      'data/object.json': '{"id":"1"}',
      'data/broken.json': '[{"id":',
      'data/missing-key.json': '[{"title":"no id"}, 3]',
    },
    { executable: ['native/bootstrap'] },
  );
  cleanups.push(created.remove);
  return created.dir;
}

/** The issue lines (without the file prefix) that validating `config` produces. */
function issues(config: unknown): string[] {
  const dir = fixture();
  const file = path.join(dir, 'lambdaport.config.ts');
  try {
    validateConfig(config, file, dir);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const issue of error.issues) expect(issue.file).toBe(file);
    return error.message.split('\n').map((line) => line.slice(line.indexOf('lambdaport.config.ts: ') + 22));
  }
  return [];
}

const ok = { handler: 'src/handlers.ts#handler' };

describe('validateConfig', () => {
  it('accepts a full, valid config', () => {
    expect(
      issues({
        service: 'records',
        stage: 'dev',
        region: 'eu-central-1',
        functions: {
          get: {
            handler: 'src/handlers.ts#handler',
            timeout: 900,
            memorySize: 10240,
            reservedConcurrency: 2,
            environment: { TABLE: 'x' },
            url: { authType: 'AWS_IAM' },
            description: 'Fetch one record.',
            calls: ['orders.create'],
            version: 2,
            versions: { 1: { handler: 'src/handlers.ts#handler', description: 'old' } },
          },
          nativeFn: { runtime: 'provided', handler: 'native/bootstrap' },
        },
        tables: {
          records: {
            partitionKey: { name: 'id', type: 'S' },
            sortKey: { name: 'at', type: 'N' },
            seed: 'data/records.json',
          },
        },
      }),
    ).toEqual([]);
  });

  it('names the file, the key path and what was expected (the example in the brief)', () => {
    const dir = fixture();
    const file = path.join(dir, 'lambdaport.config.ts');

    const run = () => validateConfig({ service: 'records', functions: { get: { ...ok, timeout: '3s' } } }, file, dir);

    expect(run).toThrow(
      `${file}: functions.get.timeout: expected a number of seconds from 1 to 900 (whole seconds), got "3s"`,
    );
  });

  it("collects every issue, not just the first, in the order of the config's keys", () => {
    expect(
      issues({
        service: 'Bad Name!',
        stage: 'no spaces',
        region: 'mars',
        extra: true,
        functions: {
          'bad name': ok,
          get: {
            handler: 'src/handlers.ts',
            timeout: 0,
            memorySize: 64,
            reservedConcurrency: -1,
            environment: { AWS_REGION: 'x', '1BAD': 'y', OK: 3 },
            url: { authType: 'PUBLIC', cors: true },
            description: 7,
            calls: ['nodot'],
            tiemout: 3,
          },
          gone: { handler: 'src/missing.ts#handler', timeout: 1.5, memorySize: 20000 },
          nat: { runtime: 'provided', handler: 'native/not-executable' },
          nat2: { runtime: 'java', handler: 'native/none' },
        },
        tables: {
          bad: { partitionKey: { name: 'id', type: 'X' }, sortKey: { name: 'id', type: 'S' }, ttl: 'x' },
          nokey: { seed: 'data/none.json' },
          obj: { partitionKey: { name: 'id', type: 'S' }, seed: 'data/object.json' },
          broken: { partitionKey: { name: 'id', type: 'S' }, seed: 'data/broken.json' },
          missing: { partitionKey: { name: 'id', type: 'S' }, seed: 'data/missing-key.json' },
        },
      }),
    ).toEqual([
      `service: ${serviceNameProblem('Bad Name!')}`,
      `stage: ${stageNameProblem('no spaces')}`,
      'region: expected an AWS region such as "us-east-1", got "mars"',
      'extra: unknown key; expected one of $schema, service, stage, region, functions, tables, events',
      `functions.bad name: ${functionNameProblem('bad name')}`,
      'functions.get.handler: expected a handler "path/file.ts#export", got "src/handlers.ts"',
      'functions.get.timeout: expected a number of seconds from 1 to 900 (whole seconds), got 0',
      'functions.get.memorySize: expected a number of MB from 128 to 10240 (whole MB), got 64',
      'functions.get.reservedConcurrency: expected a whole number from 0 to 1000, got -1',
      'functions.get.environment.AWS_REGION: AWS_REGION is reserved by Lambda; expected another name',
      'functions.get.environment.1BAD: expected a variable name of letters, digits and "_", starting with a letter',
      'functions.get.environment.OK: expected a string value, { table: "<table>" } or { function: "<service>.<function>" }, got 3',
      'functions.get.url.authType: expected one of "NONE", "AWS_IAM", got "PUBLIC"',
      'functions.get.url.cors: unknown key; expected one of authType',
      'functions.get.description: expected a description of at most 256 characters, got 7',
      'functions.get.calls[0]: expected a friendly name "<service>.<function>" (exactly one "."), got "nodot"',
      'functions.get.tiemout: unknown key (did you mean "timeout"?); expected one of handler, runtime, timeout, memorySize, reservedConcurrency, environment, url, description, calls, tables, contract, async, version, versions, publishes, subscribe, queue',
      expect.stringMatching(/^functions\.gone\.handler: handler file src\/missing\.ts not found in /),
      'functions.gone.timeout: expected a number of seconds from 1 to 900 (whole seconds), got 1.5',
      'functions.gone.memorySize: expected a number of MB from 128 to 10240 (whole MB), got 20000',
      'functions.nat.handler: bootstrap file native/not-executable is not executable (chmod +x native/not-executable)',
      'functions.nat2.runtime: expected one of "nodejs22.x", "nodejs24.x", "provided.al2023", "nodejs", "provided", got "java"',
      'functions.nat2.handler: expected a handler "path/file.ts#export", got "native/none"',
      'tables.bad.partitionKey.type: expected one of "S", "N", "B", got "X"',
      'tables.bad.ttl: unknown key; expected one of partitionKey, sortKey, seed',
      'tables.nokey.partitionKey: expected a key attribute ({ name, type: "S" | "N" | "B" }), got nothing',
      expect.stringMatching(/^tables\.nokey\.seed: seed file data\/none\.json not found in /),
      'tables.obj.seed: seed file data/object.json: expected a JSON array of items, got an object',
      expect.stringMatching(/^tables\.broken\.seed: seed file data\/broken\.json is not valid JSON: /),
      'tables.missing.seed: seed file data/missing-key.json: item 0: expected the key attribute "id"',
      'tables.missing.seed: seed file data/missing-key.json: item 1: expected an object, got 3',
    ]);
  });

  it('requires service and functions, and an object at the top', () => {
    expect(issues({})).toEqual([
      'service: expected a service name (lower-case letters and digits, words joined by single "-", starting with a letter, at most 40 characters), got nothing',
      'functions: expected an object of functions ({ name: { handler } }), got nothing',
    ]);
    expect(issues([1])).toEqual(['expected a default export that is an object (the service config), got an array']);
  });

  it('checks versions: numeric keys, not the current version, each with a valid handler', () => {
    expect(
      issues({
        service: 'records',
        functions: {
          get: {
            ...ok,
            version: 2,
            versions: { 2: ok, x: ok, 1: { handler: 'src/none.ts#handler', extra: 1 } },
          },
        },
      }),
    ).toEqual([
      expect.stringMatching(/^functions\.get\.versions\.1\.handler: handler file src\/none\.ts not found/),
      'functions.get.versions.1.extra: unknown key; expected one of handler, environment, description, contract',
      'functions.get.versions.2: version 2 is already served by this function\'s handler (its "version"); expected another number',
      'functions.get.versions.x: expected a version number (a whole number from 1) as the key, got "x"',
    ]);
  });

  it("rejects names whose deployed name would exceed Lambda's 64 characters", () => {
    const long = 'f'.repeat(40);

    const found = issues({ service: 'averyveryverylongservicename', functions: { [long]: ok } });

    expect(found).toEqual([
      expect.stringMatching(
        /^functions\.f+: the deployed name dev-averyvery.* is \d+ characters; Lambda allows at most 64/,
      ),
    ]);
  });
});
