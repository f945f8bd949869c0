/**
 * Resolves a validated config to what the local runtime serves: functions with deployed names, ARNs,
 * versions and aliases; tables with their DynamoDB names.
 */
import path from 'node:path';
import { CONFIG_DEFAULTS, type FunctionConfig, type ServiceConfig } from 'lambdaport/config';
import { aliasName, deployedName, functionArn, tableName } from 'lambdaport/names';
import type { FunctionVersion, LocalFunction } from './types.js';

/** A key attribute of a table. */
export interface LocalKeyAttribute {
  readonly name: string;
  readonly type: 'S' | 'N' | 'B';
}

/** A DynamoDB table of a service, as the local runtime creates it. */
export interface LocalTable {
  /** The key in the config: `records`. */
  readonly name: string;
  readonly service: string;
  readonly stage: string;
  /** `<stage>-<service>-<table>`: `dev-records-records`. */
  readonly tableName: string;
  readonly partitionKey: LocalKeyAttribute;
  readonly sortKey: LocalKeyAttribute | undefined;
  /** Absolute path of the seed file (a JSON array of items), if any. */
  readonly seedFile: string | undefined;
}

/** A service loaded from its dir: everything the local runtime needs. */
export interface LoadedService {
  readonly service: string;
  readonly stage: string;
  readonly region: string;
  readonly accountId: string;
  /** Absolute path of the service dir. */
  readonly dir: string;
  /** Absolute path of its config file. */
  readonly configFile: string;
  readonly functions: readonly LocalFunction[];
  readonly tables: readonly LocalTable[];
}

/** Options shared by the loaders. */
export interface LoadOptions {
  /** Overrides the config's `stage` (the CLI's `--stage`). */
  readonly stage?: string | undefined;
}

/**
 * Turns a validated config into a LoadedService. `$LATEST` and the published version `version` (default 1) run
 * `handler`; each entry of `versions` is a published version with its own handler; alias `vN` → version "N".
 *
 * @example
 * const service = resolveService(config, { dir: '/srv/records', configFile: '/srv/records/lambdaport.config.ts' });
 * service.functions[0]?.deployedName; // 'dev-records-get-1a2b3c'
 */
export function resolveService(
  config: ServiceConfig,
  where: { readonly dir: string; readonly configFile: string },
  options: LoadOptions = {},
): LoadedService {
  const dir = path.resolve(where.dir);
  const stage = options.stage ?? config.stage ?? CONFIG_DEFAULTS.stage;
  const region = config.region ?? CONFIG_DEFAULTS.region;
  const accountId = CONFIG_DEFAULTS.accountId;
  const functions = Object.entries(config.functions).map(([name, fn]) =>
    resolveFunction(name, fn, { service: config.service, stage, region, accountId, dir }),
  );
  const tables = Object.entries(config.tables ?? {}).map(
    ([name, table]): LocalTable => ({
      name,
      service: config.service,
      stage,
      tableName: tableName(stage, config.service, name),
      partitionKey: { name: table.partitionKey.name, type: table.partitionKey.type },
      sortKey: table.sortKey === undefined ? undefined : { name: table.sortKey.name, type: table.sortKey.type },
      seedFile: table.seed === undefined ? undefined : path.resolve(dir, table.seed),
    }),
  );
  return {
    service: config.service,
    stage,
    region,
    accountId,
    dir,
    configFile: path.resolve(where.configFile),
    functions,
    tables,
  };
}

interface Where {
  readonly service: string;
  readonly stage: string;
  readonly region: string;
  readonly accountId: string;
  readonly dir: string;
}

function resolveFunction(name: string, fn: FunctionConfig, where: Where): LocalFunction {
  const runtime = fn.runtime ?? CONFIG_DEFAULTS.runtime;
  const description = fn.description ?? '';
  const environment = { ...(fn.environment ?? {}) };
  const current: Omit<FunctionVersion, 'version'> = { runtime, handler: fn.handler, environment, description };
  const version = String(fn.version ?? CONFIG_DEFAULTS.version);
  const versions = new Map<string, FunctionVersion>([
    ['$LATEST', { version: '$LATEST', ...current }],
    [version, { version, ...current }],
  ]);
  const aliases = new Map<string, string>([[aliasName(Number(version)), version]]);
  for (const [key, older] of Object.entries(fn.versions ?? {})) {
    versions.set(key, {
      version: key,
      runtime,
      handler: older.handler,
      environment: { ...environment, ...(older.environment ?? {}) },
      description: older.description ?? description,
    });
    aliases.set(aliasName(Number(key)), key);
  }
  const deployed = deployedName(where.stage, where.service, name);
  return {
    name,
    service: where.service,
    stage: where.stage,
    region: where.region,
    accountId: where.accountId,
    deployedName: deployed,
    arn: functionArn(where.region, where.accountId, deployed),
    dir: where.dir,
    timeoutSeconds: fn.timeout ?? CONFIG_DEFAULTS.timeout,
    memorySize: fn.memorySize ?? CONFIG_DEFAULTS.memorySize,
    reservedConcurrency: fn.reservedConcurrency,
    url: fn.url === undefined ? undefined : { authType: fn.url.authType },
    description,
    versions: sortVersions(versions),
    aliases,
  };
}

function sortVersions(versions: Map<string, FunctionVersion>): ReadonlyMap<string, FunctionVersion> {
  const order = (key: string): number => (key === '$LATEST' ? 0 : Number(key));
  return new Map([...versions.entries()].sort(([a], [b]) => order(a) - order(b)));
}
