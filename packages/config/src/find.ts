/**
 * Finds the config file of a service dir.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from './errors.js';

/** The config file names looked for, in order. */
export const CONFIG_FILE_NAMES = [
  'lambdaport.config.ts',
  'lambdaport.config.mts',
  'lambdaport.config.js',
  'lambdaport.config.mjs',
  'lambdaport.config.json',
] as const;

/**
 * The absolute path of the one `lambdaport.config.{ts,mts,js,mjs,json}` in `dir`.
 * Throws a ConfigError when the dir does not exist, holds none, or holds several.
 *
 * @example
 * findConfigFile('examples/records'); // '/…/examples/records/lambdaport.config.ts'
 */
export function findConfigFile(dir: string): string {
  const absolute = path.resolve(dir);
  let entries: string[];
  try {
    if (!statSync(absolute).isDirectory()) throw new Error('not a directory');
    entries = readdirSync(absolute);
  } catch {
    throw new ConfigError([{ file: absolute, path: '', message: 'expected a service directory, found none' }]);
  }
  const found = CONFIG_FILE_NAMES.filter((name) => entries.includes(name));
  if (found.length === 0) {
    throw new ConfigError([
      {
        file: absolute,
        path: '',
        message: `no config found: expected one of ${CONFIG_FILE_NAMES.join(', ')}`,
      },
    ]);
  }
  if (found.length > 1) {
    throw new ConfigError([
      { file: absolute, path: '', message: `several configs found (${found.join(', ')}): expected exactly one` },
    ]);
  }
  return path.join(absolute, found[0]!);
}
