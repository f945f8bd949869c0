/**
 * Loads service dirs: find the config, load it, validate it, check the references between the services loaded
 * together, resolve them. All issues of all dirs are reported together.
 */
import path from 'node:path';
import { stageNameProblem } from 'lambdaport/names';
import { ConfigError, type ConfigIssue, isConfigError } from './errors.js';
import { findConfigFile } from './find.js';
import { loadConfigFile } from './load-file.js';
import { referenceIssues } from './references/check.js';
import { serviceDirectory } from './references/directory.js';
import { resolveService } from './resolve/index.js';
import type { ValidConfig } from './schema/index.js';
import type { LoadedService, LoadOptions } from './types.js';
import { validateConfig } from './validate/index.js';
import { inDocumentOrder } from './validate/issues.js';

/**
 * Loads one service dir. Throws a ConfigError naming the file, the key path and what was expected. Its `calls` to
 * its own functions are checked; those to other services are not (use {@link loadServices}).
 *
 * @example
 * const records = await loadService('examples/records', { stage: 'dev' });
 */
export async function loadService(dir: string, options: LoadOptions = {}): Promise<LoadedService> {
  const [service] = await loadServices([dir], options);
  return service!;
}

/** A config that passed validation. */
interface Validated {
  readonly raw: unknown;
  readonly config: ValidConfig;
  readonly configFile: string;
  readonly stage: string;
}

/**
 * Loads several service dirs (the CLI's repeated `--dir`). Collects the issues of every dir, rejects two dirs
 * declaring the same service, checks each `calls` entry and `{ function }` reference against the services loaded
 * (one naming a function or major that a loaded service does not serve is an issue; one naming a service not loaded
 * here is not), then throws one ConfigError; nothing is started by the caller.
 *
 * @example
 * const services = await loadServices(['examples/records', 'examples/orders']);
 * const functions = services.flatMap((s) => s.functions);
 */
export async function loadServices(dirs: readonly string[], options: LoadOptions = {}): Promise<LoadedService[]> {
  checkStage(options);
  const issues: ConfigIssue[] = [];
  const valid: Validated[] = [];
  for (const dir of dirs.length === 0 ? ['.'] : dirs) {
    try {
      const configFile = findConfigFile(dir);
      const raw = await loadConfigFile(configFile);
      const config = validateConfig(raw, configFile, path.dirname(configFile), options.stage);
      valid.push({ raw, config, configFile, stage: options.stage ?? config.stage });
    } catch (error) {
      if (!isConfigError(error)) throw error;
      issues.push(...error.issues);
    }
  }
  const unique: Validated[] = [];
  for (const entry of valid) {
    const first = unique.find((other) => other.config.service === entry.config.service);
    if (first === undefined) unique.push(entry);
    else {
      issues.push({
        file: entry.configFile,
        path: 'service',
        message: `service ${JSON.stringify(entry.config.service)} is already declared in ${first.configFile}; expected a unique service name`,
      });
    }
  }
  const directory = serviceDirectory(unique);
  for (const entry of unique) {
    issues.push(...inDocumentOrder(entry.raw, entry.configFile, referenceIssues(entry.config, directory)));
  }
  if (issues.length > 0) throw new ConfigError(issues);
  return unique.map((entry) =>
    resolveService(
      entry.config,
      { dir: path.dirname(entry.configFile), configFile: entry.configFile },
      { ...options, directory },
    ),
  );
}

function checkStage(options: LoadOptions): void {
  const problem = options.stage === undefined ? undefined : stageNameProblem(options.stage);
  if (problem !== undefined) throw new ConfigError([{ file: '--stage', path: '', message: problem }]);
}
