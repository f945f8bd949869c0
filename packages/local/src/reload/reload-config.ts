/**
 * Reloading the configs while running (`lambdaport dev`'s watch mode): load and validate them again, check the
 * handlers' exports; on any problem keep serving the previous config and say so (once per distinct problem); else
 * hand the new functions and tables to `apply` and print one line per function that changed.
 */
import {
  ConfigError,
  formatIssue,
  isConfigError,
  type LoadedService,
  type LocalFunction,
  type LocalTable,
  loadServices,
  servicePolicies,
} from '@lambdaport/config';
import { handlerExportIssues } from '../build/index.js';
import { subscriptionPatternIssues } from '../event-config/patterns.js';
import { type FunctionChanges, functionChanges, reloadLines } from './changes.js';

/** The configs being served. */
export interface ServedConfig {
  readonly services: readonly LoadedService[];
  readonly functions: readonly LocalFunction[];
  readonly tables: readonly LocalTable[];
}

/** Options of {@link createConfigReload}. */
export interface ConfigReloadOptions {
  readonly dirs: readonly string[];
  /** The `--stage` override, if any. */
  readonly stage: string | undefined;
  /** What is served now. */
  readonly served: () => ServedConfig;
  /** Serves `next` (it validated); `changes` says which functions were added, removed or changed. */
  readonly apply: (next: ServedConfig, changes: FunctionChanges) => Promise<void>;
  readonly log: (line: string) => void;
}

/**
 * Loads a service's configs as {@link ServedConfig}, with the handler export check; throws ConfigError.
 *
 * @example
 * const served = await loadServed(['examples/records'], undefined);
 */
export async function loadServed(dirs: readonly string[], stage: string | undefined): Promise<ServedConfig> {
  const services = await loadServices(dirs, stage === undefined ? {} : { stage });
  // every `calls` entry must name a function of the services given: its policy names the callee's alias ARN
  // (a ConfigError with file and key path otherwise; docs/design/iam.md)
  for (const service of services) servicePolicies(service, { region: 'us-east-1', accountId: '000000000000' });
  const functions = services.flatMap((s) => s.functions);
  // a handler naming an export its module lacks is a config error too
  // and so is a subscription pattern EventBridge would refuse (checked with the rules' own matcher)
  const issues = [...(await handlerExportIssues(functions)), ...subscriptionPatternIssues(functions)];
  if (issues.length > 0) throw new ConfigError(issues);
  return { services, functions, tables: services.flatMap((s) => s.tables) };
}

/**
 * A reload to run when a config file changes.
 *
 * @example
 * const reload = createConfigReload({ dirs, stage, served: () => current, apply, log });
 * watchConfigFiles(files, reload);
 */
export function createConfigReload(options: ConfigReloadOptions): () => Promise<void> {
  let lastProblem: string | undefined;
  return async () => {
    try {
      const next = await loadServed(options.dirs, options.stage);
      const changes = functionChanges(options.served().functions, next.functions);
      await options.apply(next, changes);
      lastProblem = undefined;
      const lines = reloadLines(changes);
      if (lines.length === 0) options.log('config reloaded: no function changed');
      for (const line of lines) options.log(line);
    } catch (error) {
      const problem = isConfigError(error)
        ? error.issues.map((issue) => `  ${formatIssue(issue)}`).join('\n')
        : `  ${error instanceof Error ? error.message : String(error)}`;
      if (problem === lastProblem) return;
      lastProblem = problem;
      options.log(`config not reloaded; still serving the previous one:\n${problem}`);
    }
  };
}
