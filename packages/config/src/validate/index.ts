/**
 * Strict validation of a service config: every key known, every type and range checked, files present.
 * All issues are collected, then thrown together as one ConfigError.
 */
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  CONFIG_DEFAULTS,
  type FunctionConfig,
  type KeyAttribute,
  type ServiceConfig,
  type TableConfig,
  type UrlConfig,
  type VersionConfig,
} from 'lambdaport/config';
import {
  deployedNameProblem,
  friendlyNameProblem,
  functionNameProblem,
  serviceNameProblem,
  stageNameProblem,
  tableKeyProblem,
  tableNameProblem,
} from 'lambdaport/names';
import { ConfigError } from './errors.js';
import { Checker, isPlainObject, join } from './internal/checker.js';

/** Patterns of the config's values that are not names of ours (those follow `lambdaport/names`). */
const PATTERNS = {
  region: /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/,
  environmentKey: /^[A-Za-z][A-Za-z0-9_]*$/,
  handler: /^[^#]+#[A-Za-z_$][A-Za-z0-9_$]*(\.[A-Za-z_$][A-Za-z0-9_$]*)*$/,
} as const;

const SERVICE_KEYS = ['service', 'stage', 'region', 'functions', 'tables'] as const;
const FUNCTION_KEYS = [
  'handler',
  'runtime',
  'timeout',
  'memorySize',
  'reservedConcurrency',
  'environment',
  'url',
  'description',
  'calls',
  'version',
  'versions',
] as const;
const VERSION_KEYS = ['handler', 'environment', 'description'] as const;
const TABLE_KEYS = ['partitionKey', 'sortKey', 'seed'] as const;
const KEY_KEYS = ['name', 'type'] as const;

/** Environment variables Lambda reserves: a function may not set them. */
const RESERVED_ENVIRONMENT = new Set([
  '_HANDLER',
  '_X_AMZN_TRACE_ID',
  'AWS_DEFAULT_REGION',
  'AWS_REGION',
  'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_ACCESS_KEY',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API',
  'LAMBDA_TASK_ROOT',
  'LAMBDA_RUNTIME_DIR',
]);

/**
 * Validates a loaded config strictly. `file` names the config in errors; `dir` is where relative paths
 * (handlers, seeds) are resolved; `stage` is the stage it will run in when it overrides the config's (the CLI's
 * `--stage`), so deployed and table names are checked as they will be. Names follow `lambdaport/names`. Returns
 * the config typed, or throws a ConfigError listing every issue.
 *
 * @example
 * const config = validateConfig(await loadConfigFile(file), file, path.dirname(file));
 */
export function validateConfig(
  raw: unknown,
  file: string,
  dir: string = path.dirname(file),
  stageOverride?: string,
): ServiceConfig {
  const check = new Checker(file);
  const root = check.object('', raw, SERVICE_KEYS, 'a default export that is an object (the service config)');
  if (root === undefined) throw new ConfigError(check.issues);

  const serviceProblem = serviceNameProblem(root.service);
  if (serviceProblem !== undefined) check.problem('service', serviceProblem);
  const service = serviceProblem === undefined ? (root.service as string) : undefined;
  const stageProblem = root.stage === undefined ? undefined : stageNameProblem(root.stage);
  if (stageProblem !== undefined) check.problem('stage', stageProblem);
  const configStage =
    stageProblem === undefined ? ((root.stage as string | undefined) ?? CONFIG_DEFAULTS.stage) : undefined;
  const stage = stageOverride ?? configStage;
  check.string('region', root.region, 'an AWS region such as "us-east-1"', {
    optional: true,
    pattern: PATTERNS.region,
  });

  const functions = isPlainObject(root.functions) ? root.functions : undefined;
  if (functions === undefined)
    check.expected('functions', 'an object of functions ({ name: { handler } })', root.functions);
  else {
    for (const [name, fn] of Object.entries(functions)) {
      const at = join('functions', name);
      const nameProblem = functionNameProblem(name);
      if (nameProblem !== undefined) check.problem(at, nameProblem);
      else if (service !== undefined && stage !== undefined) {
        const problem = deployedNameProblem(stage, service, name);
        if (problem !== undefined) check.problem(at, problem);
      }
      checkFunction(check, at, fn, dir);
    }
  }

  if (root.tables !== undefined) {
    const tables = isPlainObject(root.tables) ? root.tables : undefined;
    if (tables === undefined) check.expected('tables', 'an object of tables ({ name: { partitionKey } })', root.tables);
    for (const [name, table] of Object.entries(tables ?? {})) {
      const at = join('tables', name);
      const keyProblem = tableKeyProblem(name);
      if (keyProblem !== undefined) check.problem(at, keyProblem);
      else if (service !== undefined && stage !== undefined) {
        const problem = tableNameProblem(stage, service, name);
        if (problem !== undefined) check.problem(at, problem);
      }
      checkTable(check, at, table, dir);
    }
  }

  if (check.issues.length > 0) throw new ConfigError(check.issues);
  return raw as ServiceConfig;
}

function checkFunction(check: Checker, at: string, value: unknown, dir: string): void {
  const fn = check.object(at, value, FUNCTION_KEYS, 'a function ({ handler, timeout?, ... })');
  if (fn === undefined) return;
  const runtime = check.oneOf(join(at, 'runtime'), fn.runtime, ['nodejs', 'provided'], true) ?? 'nodejs';
  checkHandler(check, join(at, 'handler'), fn.handler, runtime, dir);
  if (
    fn.timeout !== undefined &&
    (typeof fn.timeout !== 'number' || !Number.isInteger(fn.timeout) || fn.timeout < 1 || fn.timeout > 900)
  ) {
    check.expected(join(at, 'timeout'), 'a number of seconds from 1 to 900 (whole seconds)', fn.timeout);
  }
  check.integer(join(at, 'memorySize'), fn.memorySize, 128, 10240, 'a number of MB from 128 to 10240 (whole MB)');
  check.integer(join(at, 'reservedConcurrency'), fn.reservedConcurrency, 0, 1000, 'a whole number from 0 to 1000');
  checkEnvironment(check, join(at, 'environment'), fn.environment);
  if (fn.url !== undefined) {
    const url = check.object(
      join(at, 'url'),
      fn.url,
      ['authType'] satisfies (keyof UrlConfig)[],
      'a Function URL ({ authType })',
    );
    if (url !== undefined) check.oneOf(join(at, 'url.authType'), url.authType, ['NONE', 'AWS_IAM'], false);
  }
  check.string(join(at, 'description'), fn.description, 'a description of at most 256 characters', {
    optional: true,
    max: 256,
  });
  if (fn.calls !== undefined) {
    if (!Array.isArray(fn.calls)) check.expected(join(at, 'calls'), 'an array of "service.function" names', fn.calls);
    else
      fn.calls.forEach((call: unknown, index) => {
        const problem = friendlyNameProblem(call);
        if (problem !== undefined) check.problem(`${join(at, 'calls')}[${index}]`, problem);
      });
  }
  const version = check.integer(join(at, 'version'), fn.version, 1, 1_000_000, 'a whole version number from 1') ?? 1;
  if (fn.versions !== undefined) {
    const versions = isPlainObject(fn.versions) ? fn.versions : undefined;
    if (versions === undefined)
      check.expected(join(at, 'versions'), 'an object of older versions ({ 1: { handler } })', fn.versions);
    for (const [key, entry] of Object.entries(versions ?? {})) {
      const vat = join(join(at, 'versions'), key);
      if (!/^[1-9][0-9]{0,6}$/.test(key)) {
        check.problem(vat, `expected a version number (a whole number from 1) as the key, got ${JSON.stringify(key)}`);
        continue;
      }
      if (Number(key) === version) {
        check.problem(
          vat,
          `version ${key} is already served by this function's handler (its "version"); expected another number`,
        );
        continue;
      }
      const versionConfig = check.object(
        vat,
        entry,
        VERSION_KEYS satisfies readonly (keyof VersionConfig)[],
        'a version ({ handler, environment?, description? })',
      );
      if (versionConfig === undefined) continue;
      checkHandler(check, join(vat, 'handler'), versionConfig.handler, runtime, dir);
      checkEnvironment(check, join(vat, 'environment'), versionConfig.environment);
      check.string(join(vat, 'description'), versionConfig.description, 'a description of at most 256 characters', {
        optional: true,
        max: 256,
      });
    }
  }
  // Keep the type list in step with FunctionConfig.
  void (FUNCTION_KEYS satisfies readonly (keyof FunctionConfig)[]);
}

function checkHandler(check: Checker, at: string, value: unknown, runtime: 'nodejs' | 'provided', dir: string): void {
  if (runtime === 'nodejs') {
    const handler = check.string(at, value, 'a handler "path/file.ts#export"', { pattern: PATTERNS.handler });
    if (handler === undefined) return;
    const file = handler.slice(0, handler.indexOf('#'));
    if (!isFile(path.resolve(dir, file))) check.problem(at, `handler file ${file} not found in ${dir}`);
    return;
  }
  const bootstrap = check.string(at, value, 'the path of an executable bootstrap file ("provided" runtime)', {
    pattern: /^[^#]+$/,
  });
  if (bootstrap === undefined) return;
  const absolute = path.resolve(dir, bootstrap);
  if (!isFile(absolute)) check.problem(at, `bootstrap file ${bootstrap} not found in ${dir}`);
  else if (!isExecutable(absolute))
    check.problem(at, `bootstrap file ${bootstrap} is not executable (chmod +x ${bootstrap})`);
}

function checkEnvironment(check: Checker, at: string, value: unknown): void {
  if (value === undefined) return;
  if (!isPlainObject(value)) {
    check.expected(at, 'an object of string variables ({ NAME: "value" })', value);
    return;
  }
  for (const [key, variable] of Object.entries(value)) {
    const vat = join(at, key);
    if (!PATTERNS.environmentKey.test(key))
      check.problem(vat, 'expected a variable name of letters, digits and "_", starting with a letter');
    else if (RESERVED_ENVIRONMENT.has(key)) check.problem(vat, `${key} is reserved by Lambda; expected another name`);
    if (typeof variable !== 'string') check.expected(vat, 'a string value', variable);
  }
}

function checkTable(check: Checker, at: string, value: unknown, dir: string): void {
  const table = check.object(
    at,
    value,
    TABLE_KEYS satisfies readonly (keyof TableConfig)[],
    'a table ({ partitionKey, sortKey?, seed? })',
  );
  if (table === undefined) return;
  const partitionKey = checkKey(check, join(at, 'partitionKey'), table.partitionKey, false);
  const sortKey = checkKey(check, join(at, 'sortKey'), table.sortKey, true);
  if (partitionKey !== undefined && sortKey !== undefined && partitionKey.name === sortKey.name) {
    check.problem(
      join(at, 'sortKey.name'),
      `expected a name other than the partition key's ${JSON.stringify(partitionKey.name)}`,
    );
  }
  const seed = check.string(join(at, 'seed'), table.seed, 'the path of a JSON file holding an array of items', {
    optional: true,
  });
  if (seed === undefined) return;
  const absolute = path.resolve(dir, seed);
  if (!isFile(absolute)) {
    check.problem(join(at, 'seed'), `seed file ${seed} not found in ${dir}`);
    return;
  }
  let items: unknown;
  try {
    items = JSON.parse(readFileSync(absolute, 'utf8')) as unknown;
  } catch (error) {
    check.problem(join(at, 'seed'), `seed file ${seed} is not valid JSON: ${(error as Error).message}`);
    return;
  }
  if (!Array.isArray(items)) {
    check.problem(
      join(at, 'seed'),
      `seed file ${seed}: expected a JSON array of items, got ${Array.isArray(items) ? 'an array' : typeof items === 'object' && items !== null ? 'an object' : JSON.stringify(items)}`,
    );
    return;
  }
  items.forEach((item: unknown, index) => {
    if (!isPlainObject(item)) {
      check.problem(
        join(at, 'seed'),
        `seed file ${seed}: item ${index}: expected an object, got ${Array.isArray(item) ? 'an array' : JSON.stringify(item)}`,
      );
      return;
    }
    for (const key of [partitionKey, sortKey]) {
      if (key !== undefined && !(key.name in item)) {
        check.problem(
          join(at, 'seed'),
          `seed file ${seed}: item ${index}: expected the key attribute ${JSON.stringify(key.name)}`,
        );
      }
    }
  });
}

function checkKey(check: Checker, at: string, value: unknown, optional: boolean): KeyAttribute | undefined {
  if (value === undefined && optional) return undefined;
  const key = check.object(at, value, KEY_KEYS, 'a key attribute ({ name, type: "S" | "N" | "B" })');
  if (key === undefined) return undefined;
  const name = check.string(join(at, 'name'), key.name, 'an attribute name of 1 to 255 characters', {
    pattern: /^.{1,255}$/s,
  });
  const type = check.oneOf(join(at, 'type'), key.type, ['S', 'N', 'B'], false);
  return name !== undefined && type !== undefined ? { name, type } : undefined;
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
