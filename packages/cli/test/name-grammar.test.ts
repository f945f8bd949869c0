/**
 * One name grammar: the same names fed to every entry point that takes them (contracts, the registry, a config
 * file, `--stage`, the CLI's name resolution) get the same verdict, worded by `lambdaport/names`.
 *
 * Each row says by hand whether the name is valid; each entry point must then accept it, or refuse it with the
 * sentence the module words for it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { isConfigError, loadService } from '@lambdaport/config';
import { type LocalRuntime, startLocal } from '@lambdaport/local';
import { defineError, defineFunction } from 'lambdaport';
import {
  deployedName,
  deployedNameProblem,
  errorNameProblem,
  friendlyNameProblem,
  functionNameProblem,
  serviceNameProblem,
  stageNameProblem,
  tableKeyProblem,
  tableName,
  tableNameProblem,
} from 'lambdaport/names';
import { envOverrides, FunctionNotRegisteredError, ssmRegistry, staticRegistry } from 'lambdaport/registry';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFunctionName } from '../src/internal/resolve-name.js';

/** What an entry point said: undefined when it accepted the name, else its message. */
type Verdict = string | undefined;

let work: string;
let door: LocalRuntime;
let lambda: LambdaClient;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'lambdaport-names-'));
  // A runtime serving one function (dev-records-get-…), for the CLI's ListFunctions.
  const served = writeService('served', { service: 'records', functions: { get: { handler: 'h.mjs#handler' } } });
  door = await startLocal({ dirs: [served], ephemeral: true, prebootSpares: false, log: () => {} });
  lambda = new LambdaClient({
    endpoint: door.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
});

afterAll(async () => {
  lambda?.destroy();
  await door?.stop();
  rmSync(work, { recursive: true, force: true });
});

let services = 0;
function writeService(label: string, config: object): string {
  const dir = path.join(work, `${label}-${services++}`);
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'lambdaport.config.json'), JSON.stringify(config));
  writeFileSync(path.join(dir, 'h.mjs'), 'export const handler = async () => 1;\n');
  return dir;
}

// --- the entry points -------------------------------------------------------------------------------------------

function thrown(run: () => unknown, accepted: (error: unknown) => boolean = () => false): Verdict {
  try {
    run();
    return undefined;
  } catch (error) {
    if (accepted(error)) return undefined;
    if (error instanceof TypeError) return error.message;
    throw error;
  }
}

const schema = v.object({});
const viaDefineFunction = (name: string): Verdict =>
  thrown(() => defineFunction({ name, version: 1, description: 'x', input: schema, output: schema }));
const viaDefineError = (name: string): Verdict => thrown(() => defineError(name, schema));
const viaStaticRegistry = (name: string): Verdict => thrown(() => staticRegistry({ [name]: 'some-function' }));
const viaEnvOverrides = (name: string): Verdict =>
  thrown(
    () => envOverrides(staticRegistry({}), {}).resolve(name, 1),
    (error) => FunctionNotRegisteredError.is(error),
  );
const viaSsmRegistry = (stage: string): Verdict => thrown(() => ssmRegistry({ stage }));

/** Loads a config file; the verdict is the ConfigError issue at `at` (any other issue fails the test). */
async function viaConfigFile(config: object, at: string, options: { stage?: string } = {}): Promise<Verdict> {
  try {
    await loadService(writeService('config', config), options);
    return undefined;
  } catch (error) {
    if (!isConfigError(error)) throw error;
    expect(error.issues.map((issue) => issue.path)).toEqual([at]);
    return error.issues[0]!.message;
  }
}

/** The CLI's name resolution against a running runtime: found, or "no function … here", counts as accepted. */
async function viaCli(name: string, stage?: string): Promise<Verdict> {
  try {
    await resolveFunctionName(lambda, name, stage);
    return undefined;
  } catch (error) {
    const message = (error as Error).message;
    if ((error as Error).name !== 'UsageError') throw error;
    return message.startsWith(`no function ${name} here`) ? undefined : message;
  }
}

const fn = { handler: 'h.mjs#handler' };

/** `problem` is the module's sentence for the value; a refusal must carry it word for word. */
function expectVerdict(verdict: Verdict, valid: boolean, problem: string | undefined): void {
  if (valid) {
    expect(problem).toBeUndefined();
    expect(verdict).toBeUndefined();
  } else {
    expect(problem).toBeDefined();
    expect(verdict).toBeDefined();
    expect(verdict!.endsWith(problem!)).toBe(true);
  }
}

// --- the table --------------------------------------------------------------------------------------------------

const LONG_SERVICE = 's'.repeat(41);
const LONG_FUNCTION = 'f'.repeat(65);

/** [service name, valid]: as a config's `service`, and as the first half of `<service>.get` everywhere. */
const SERVICES: readonly [string, boolean][] = [
  ['records', true],
  ['order-history', true],
  ['r2d2', true],
  ['s'.repeat(40), true],
  ['Records', false],
  ['get_one', false],
  ['', false],
  ['1records', false],
  ['records-', false],
  ['re--cords', false],
  [LONG_SERVICE, false],
];

/** [function name, valid]: as a config's `functions` key, and as the second half of `records.<function>`. */
const FUNCTIONS: readonly [string, boolean][] = [
  ['get', true],
  ['getUrl', true],
  ['list-all', true],
  ['f'.repeat(45), true], // dev-records-fff…-hash6 is exactly 64 characters
  ['get_one', false],
  ['Get', false],
  ['', false],
  ['1get', false],
  ['get-', false],
  ['get--one', false],
  [LONG_FUNCTION, false],
];

/** [friendly name, valid]: as a contract name, a registry key, a config `calls` entry and a CLI name. */
const FRIENDLY: readonly [string, boolean][] = [
  ['records.get', true],
  ['records.getUrl', true],
  ['order-history.list-all', true],
  ['Records.get', false],
  ['records.get_one', false],
  ['records', false],
  ['records.', false],
  ['.get', false],
  ['records.v2.get', false],
  ['records.get-', false],
  [`records.${LONG_FUNCTION}`, false],
];

/** [stage, valid]: as a config's `stage`, `--stage` (dev and invoke), and an SSM registry's stage. */
const STAGES: readonly [string, boolean][] = [
  ['dev', true],
  ['pr-42', true],
  ['s'.repeat(16), true],
  ['Prod', false],
  ['dev_1', false],
  ['', false],
  ['1dev', false],
  ['dev-', false],
  ['d--ev', false],
  ['s'.repeat(17), false],
];

/** [error name, valid]: the declared-error grammar is its own (errorType), wider than function names. */
const ERRORS: readonly [string, boolean][] = [
  ['RecordNotFound', true],
  ['Records', true],
  ['get_one', true],
  ['records.get_one', true],
  ['bad name', false],
  ['1Bad', false],
  ['_x', false],
  ['', false],
];

/** [stage, service, function, valid]: deployed names are at most 64 characters. */
const DEPLOYED: readonly [string, string, string, boolean][] = [
  ['dev', 'records', 'get', true],
  ['dev', 'records', 'f'.repeat(45), true],
  ['dev', 'records', 'f'.repeat(46), false],
  ['s'.repeat(16), 'v'.repeat(40), 'get', false],
];

/** [table key, valid]: a config's `tables` key; the full name is `<stage>-<service>-<table>`, at most 255. */
const TABLES: readonly [string, boolean][] = [
  ['records', true],
  ['v2_records.x-y', true],
  ['t'.repeat(243), true],
  ['t'.repeat(244), false],
  ['my table', false],
  ['', false],
];

describe('one name grammar, every entry point', () => {
  it.each(SERVICES)('service %j (valid: %s)', async (service, valid) => {
    const friendly = `${service}.get`;

    expectVerdict(
      await viaConfigFile({ service, functions: { get: fn } }, 'service'),
      valid,
      serviceNameProblem(service),
    );
    for (const verdict of [
      viaDefineFunction(friendly),
      viaStaticRegistry(friendly),
      viaEnvOverrides(friendly),
      await viaCli(friendly),
    ]) {
      expectVerdict(verdict, valid, friendlyNameProblem(friendly));
    }
    if (!valid) expect(friendlyNameProblem(friendly)).toContain(serviceNameProblem(service));
  });

  it.each(FUNCTIONS)('function %j (valid: %s)', async (name, valid) => {
    const friendly = `records.${name}`;

    expectVerdict(
      await viaConfigFile({ service: 'records', functions: { [name]: fn } }, `functions.${name}`),
      valid,
      deployedNameProblem('dev', 'records', name),
    );
    for (const verdict of [
      viaDefineFunction(friendly),
      viaStaticRegistry(friendly),
      viaEnvOverrides(friendly),
      // a caller of another service: a call of a function its own config lacks would be refused for that
      await viaConfigFile(
        { service: 'callers', functions: { get: { ...fn, calls: [friendly] } } },
        'functions.get.calls[0]',
      ),
      await viaCli(friendly),
    ]) {
      expectVerdict(verdict, valid, friendlyNameProblem(friendly));
    }
    // The CLI also takes a function name alone (no service): the same function rule applies.
    expectVerdict(await viaCli(name), valid, functionNameProblem(name));
  });

  it.each(FRIENDLY)('friendly name %j (valid: %s)', async (friendly, valid) => {
    for (const verdict of [
      viaDefineFunction(friendly),
      viaStaticRegistry(friendly),
      viaEnvOverrides(friendly),
      // a caller of another service: a call of a function its own config lacks would be refused for that
      await viaConfigFile(
        { service: 'callers', functions: { get: { ...fn, calls: [friendly] } } },
        'functions.get.calls[0]',
      ),
    ]) {
      expectVerdict(verdict, valid, friendlyNameProblem(friendly));
    }
    // The CLI reads a name without a dot as a function name alone (the row above), so only dotted names are
    // friendly names to it.
    if (friendly.includes('.')) expectVerdict(await viaCli(friendly), valid, friendlyNameProblem(friendly));
  });

  it.each(STAGES)('stage %j (valid: %s)', async (stage, valid) => {
    for (const verdict of [
      await viaConfigFile({ service: 'records', stage, functions: { get: fn } }, 'stage'),
      await viaConfigFile({ service: 'records', functions: { get: fn } }, '', { stage }),
      viaSsmRegistry(stage),
      await viaCli('records.get', stage),
    ]) {
      expectVerdict(verdict, valid, stageNameProblem(stage));
    }
  });

  it.each(ERRORS)('declared error %j (valid: %s)', (name, valid) => {
    expectVerdict(viaDefineError(name), valid, errorNameProblem(name));
  });

  it.each(DEPLOYED)('deployed name of %j, %j, %j (valid: %s)', async (stage, service, name, valid) => {
    const problem = deployedNameProblem(stage, service, name);

    expectVerdict(
      await viaConfigFile({ service, stage, functions: { [name]: fn } }, `functions.${name}`),
      valid,
      problem,
    );
    expectVerdict(
      await viaConfigFile({ service, functions: { [name]: fn } }, `functions.${name}`, { stage }),
      valid,
      problem,
    );
    expectVerdict(
      thrown(() => deployedName(stage, service, name)),
      valid,
      problem,
    );
    if (!valid) expect(problem).toMatch(/^the deployed name .* characters; Lambda allows at most 64/);
  });

  it.each(TABLES)('table %j (valid: %s)', async (table, valid) => {
    const problem = tableKeyProblem(table) ?? tableNameProblem('dev', 'records', table);
    const config = {
      service: 'records',
      functions: { get: fn },
      tables: { [table]: { partitionKey: { name: 'id', type: 'S' } } },
    };

    expectVerdict(await viaConfigFile(config, `tables.${table}`), valid, problem);
    expectVerdict(
      thrown(() => tableName('dev', 'records', table)),
      valid,
      problem,
    );
  });
});
