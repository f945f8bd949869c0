/**
 * Resolves a validated config to what every tool serves or deploys: functions (one per API major) with deployed
 * names, ARNs, versions, aliases, runtimes, references and grants; tables with their DynamoDB names.
 */
import path from 'node:path';
import { CONFIG_DEFAULTS } from 'lambdaport/config';
import { tableArn, tableName } from 'lambdaport/names';
import { type ServiceDirectory, serviceDirectory } from '../references/directory.js';
import type { ValidConfig } from '../schema/index.js';
import type { LoadedService, LoadOptions, LocalTable } from '../types.js';
import { resolveEvents } from './events.js';
import { resolveFunction } from './functions.js';

/** Options of {@link resolveService}. */
export interface ResolveOptions extends LoadOptions {
  /**
   * The services loaded together, for `calls` and `{ function }` references (built by `loadServices`); default: this
   * service alone.
   */
  readonly directory?: ServiceDirectory | undefined;
}

/**
 * Turns a validated config into a LoadedService: each function as one LocalFunction per API major (the current one
 * under its canonical deployed name, each `versions` entry under `...-v<N>-<hash6>`), each with `$LATEST`, version
 * "N" and alias `vN`; references resolved in the stage (`--stage` over the config's).
 *
 * @example
 * const service = resolveService(config, { dir: '/srv/records', configFile: '/srv/records/lambdaport.config.ts' });
 * service.functions[0]?.deployedName; // 'dev-records-get-27ab43'
 */
export function resolveService(
  config: ValidConfig,
  where: { readonly dir: string; readonly configFile: string },
  options: ResolveOptions = {},
): LoadedService {
  const dir = path.resolve(where.dir);
  const configFile = path.resolve(where.configFile);
  const stage = options.stage ?? config.stage;
  const region = config.region;
  const accountId = CONFIG_DEFAULTS.accountId;
  const directory = options.directory ?? serviceDirectory([{ config, stage }]);
  const place = { service: config.service, stage, region, accountId, dir, directory };
  const events = resolveEvents(config, place);
  const scope = { ...place, configFile, hostNodeMajor: options.hostNodeMajor, events };
  const functions = Object.entries(config.functions).flatMap(([name, fn]) => resolveFunction(name, fn, scope));
  const tables = Object.entries(config.tables ?? {}).map(([name, table]): LocalTable => {
    const resolvedName = tableName(stage, config.service, name);
    return {
      name,
      service: config.service,
      stage,
      tableName: resolvedName,
      tableArn: tableArn(region, accountId, resolvedName),
      partitionKey: { name: table.partitionKey.name, type: table.partitionKey.type },
      sortKey: table.sortKey === undefined ? undefined : { name: table.sortKey.name, type: table.sortKey.type },
      seedFile: table.seed === undefined ? undefined : path.resolve(dir, table.seed),
    };
  });
  return { service: config.service, stage, region, accountId, dir, configFile, functions, tables, events };
}
