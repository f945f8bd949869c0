/**
 * Strict validation of a service config: the zod schema (every key known, every type, range and name checked, the
 * rules between keys), then what needs the file system or the stage it will run in. All issues are collected, put
 * in the order of the config's keys, then thrown together as one ConfigError.
 */
import path from 'node:path';
import { ConfigError } from '../errors.js';
import { serviceConfigSchema, type ValidConfig } from '../schema/index.js';
import { fileIssues } from './files.js';
import { fromZod, inDocumentOrder } from './issues.js';
import { nameIssues } from './names.js';

/**
 * Validates a loaded config strictly. `file` names the config in errors; `dir` is where relative paths (handlers,
 * contracts, seeds) are resolved, and which they may not leave; `stageOverride` is the stage it will run in when it
 * overrides the config's (the CLI's `--stage`), so deployed and table names are checked as they will be. Names
 * follow `lambdaport/names`. Returns the config with its defaults filled in, or throws a ConfigError listing every
 * issue. `calls` and `{ function }` references to other services are checked by `loadServices`.
 *
 * @example
 * const config = validateConfig(await loadConfigFile(file), file, path.dirname(file));
 */
export function validateConfig(
  raw: unknown,
  file: string,
  dir: string = path.dirname(file),
  stageOverride?: string,
): ValidConfig {
  const parsed = serviceConfigSchema.safeParse(raw, { reportInput: true });
  const issues = parsed.success ? [] : fromZod(parsed.error.issues);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError(inDocumentOrder(raw, file, issues));
  }
  issues.push(...nameIssues(raw, stageOverride), ...fileIssues(raw, path.resolve(dir)));
  if (issues.length > 0 || !parsed.success) throw new ConfigError(inDocumentOrder(raw, file, issues));
  return parsed.data;
}
