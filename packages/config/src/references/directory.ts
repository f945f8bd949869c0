/**
 * The services loaded together, as far as references between them need: each function's majors, and where the
 * function serving a major is deployed.
 */
import { CONFIG_DEFAULTS } from 'lambdaport/config';
import { aliasName, deployedName, functionArn, olderMajorDeployedName } from 'lambdaport/names';
import type { ValidConfig } from '../schema/index.js';

/** A function's majors. */
export interface DirectoryFunction {
  readonly current: number;
  /** The older majors (`versions`), ascending. */
  readonly older: readonly number[];
}

/** A service loaded here. */
export interface DirectoryService {
  readonly service: string;
  readonly stage: string;
  readonly region: string;
  readonly accountId: string;
  readonly functions: ReadonlyMap<string, DirectoryFunction>;
  /** The events it publishes (keys of its `events`), in config order. */
  readonly events: readonly string[];
}

/** The services loaded together, by name. */
export type ServiceDirectory = ReadonlyMap<string, DirectoryService>;

/** Where the function serving one major is. */
export interface Callee {
  readonly major: number;
  readonly deployedName: string;
  readonly arn: string;
  readonly aliasArn: string;
}

/**
 * The directory of valid configs, each in the stage it runs in.
 *
 * @example
 * const directory = serviceDirectory([{ config, stage: 'dev' }]);
 */
export function serviceDirectory(entries: readonly { config: ValidConfig; stage: string }[]): ServiceDirectory {
  const directory = new Map<string, DirectoryService>();
  for (const { config, stage } of entries) {
    const functions = new Map<string, DirectoryFunction>();
    for (const [name, fn] of Object.entries(config.functions)) {
      const older = Object.keys(fn.versions ?? {})
        .map(Number)
        .sort((a, b) => a - b);
      functions.set(name, { current: fn.version, older });
    }
    directory.set(config.service, {
      service: config.service,
      stage,
      region: config.region,
      accountId: CONFIG_DEFAULTS.accountId,
      functions,
      events: Object.keys(config.events ?? {}),
    });
  }
  return directory;
}

/** Every major a function serves, ascending. */
export function majorsOf(fn: DirectoryFunction): number[] {
  return [...fn.older, fn.current].sort((a, b) => a - b);
}

/**
 * The function serving `major` (default: the current one) of `service.fn`, or undefined when the directory does
 * not hold that service, function or major.
 */
export function calleeOf(directory: ServiceDirectory, service: string, fn: string, major?: number): Callee | undefined {
  const entry = directory.get(service);
  const majors = entry?.functions.get(fn);
  if (entry === undefined || majors === undefined) return undefined;
  const wanted = major ?? majors.current;
  if (wanted !== majors.current && !majors.older.includes(wanted)) return undefined;
  const deployed =
    wanted === majors.current
      ? deployedName(entry.stage, service, fn)
      : olderMajorDeployedName(entry.stage, service, fn, wanted);
  const arn = functionArn(entry.region, entry.accountId, deployed);
  return {
    major: wanted,
    deployedName: deployed,
    arn,
    aliasArn: functionArn(entry.region, entry.accountId, deployed, aliasName(wanted)),
  };
}
