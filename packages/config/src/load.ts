/**
 * Loads service dirs: find the config, load it, validate it, resolve it. All issues of all dirs are reported
 * together.
 */
import path from 'node:path';
import { stageNameProblem } from 'lambdaport/names';
import { ConfigError, type ConfigIssue, isConfigError } from './errors.js';
import { findConfigFile } from './find.js';
import { loadConfigFile } from './load-file.js';
import { type LoadedService, type LoadOptions, resolveService } from './resolve.js';
import { validateConfig } from './validate.js';

/**
 * Loads one service dir. Throws a ConfigError naming the file, the key path and what was expected.
 *
 * @example
 * const records = await loadService('examples/records', { stage: 'dev' });
 */
export async function loadService(dir: string, options: LoadOptions = {}): Promise<LoadedService> {
  checkStage(options);
  const configFile = findConfigFile(dir);
  const raw = await loadConfigFile(configFile);
  const config = validateConfig(raw, configFile, path.dirname(configFile), options.stage);
  return resolveService(config, { dir: path.dirname(configFile), configFile }, options);
}

/**
 * Loads several service dirs (the CLI's repeated `--dir`). Collects the issues of every dir, and rejects two
 * dirs declaring the same service, then throws one ConfigError; nothing is started by the caller.
 *
 * @example
 * const services = await loadServices(['examples/records', 'examples/orders']);
 * const functions = services.flatMap((s) => s.functions);
 */
export async function loadServices(dirs: readonly string[], options: LoadOptions = {}): Promise<LoadedService[]> {
  checkStage(options);
  const issues: ConfigIssue[] = [];
  const loaded: LoadedService[] = [];
  for (const dir of dirs.length === 0 ? ['.'] : dirs) {
    try {
      loaded.push(await loadService(dir, options));
    } catch (error) {
      if (!isConfigError(error)) throw error;
      issues.push(...error.issues);
    }
  }
  const seen = new Map<string, LoadedService>();
  for (const service of loaded) {
    const first = seen.get(service.service);
    if (first !== undefined) {
      issues.push({
        file: service.configFile,
        path: 'service',
        message: `service ${JSON.stringify(service.service)} is already declared in ${first.configFile}; expected a unique service name`,
      });
    } else seen.set(service.service, service);
  }
  if (issues.length > 0) throw new ConfigError(issues);
  return loaded;
}

function checkStage(options: LoadOptions): void {
  const problem = options.stage === undefined ? undefined : stageNameProblem(options.stage);
  if (problem !== undefined) throw new ConfigError([{ file: '--stage', path: '', message: problem }]);
}
