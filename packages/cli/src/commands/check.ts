/**
 * `lambdaport check`: the breaking-change gate. Loads the services and their contracts, compares each with its lock
 * file (`lambdaport.lock.json`, or a lock given with `--against`, or the lock at a git ref with `--against-git`),
 * prints each difference classified by the rules of docs/compatibility.md, and fails on a breaking change under the
 * same major. `--update` rewrites the locks.
 */
import { writeFile } from 'node:fs/promises';
import { formatIssue, isConfigError, type LoadedService, loadServices } from '@lambdaport/config';
import {
  type BaselineSource,
  checkJson,
  checkServices,
  GitRefError,
  LockFileError,
  loadContracts,
  lockFilePath,
  readBaselines,
  renderCheckText,
  serializeLock,
} from '@lambdaport/governance';
import { type Command, Option } from 'commander';
import type { Output } from './invoke.js';

/** Options of the check command (as commander parses them). */
export interface CheckOptions {
  readonly dir: readonly string[];
  readonly against: readonly string[];
  readonly againstGit?: string | undefined;
  readonly update?: boolean | undefined;
  readonly json?: boolean | undefined;
}

/** Exit codes of `lambdaport check`. */
export const CHECK_EXIT = {
  /** No breaking change (or `--update` wrote the locks). */
  passed: 0,
  /** A breaking change under the same major, or a major removed while called. */
  breaking: 1,
  /** Could not check: an invalid config, a contract that does not load, a bad or missing lock, an unknown git ref. */
  unchecked: 2,
} as const;

const processOutput: Output = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/**
 * Runs the check; resolves with the exit code ({@link CHECK_EXIT}).
 *
 * @example
 * process.exitCode = await checkCommand({ dir: ['examples/records'], against: [] });
 */
export async function checkCommand(options: CheckOptions, output: Output = processOutput): Promise<number> {
  const fail = (message: string): number => {
    if (options.json) output.out(`${JSON.stringify({ ok: false, error: message }, null, 2)}\n`);
    else output.err(`lambdaport check: ${message}\n`);
    return CHECK_EXIT.unchecked;
  };
  if (options.against.length > 0 && options.againstGit !== undefined) {
    return fail('--against and --against-git cannot be used together');
  }
  let services: LoadedService[];
  try {
    services = await loadServices(options.dir.length === 0 ? ['.'] : options.dir);
  } catch (error) {
    if (!isConfigError(error)) throw error;
    return fail(`invalid config; nothing was compared:\n${error.issues.map((i) => `  ${formatIssue(i)}`).join('\n')}`);
  }
  const source: BaselineSource =
    options.againstGit !== undefined
      ? { kind: 'git', ref: options.againstGit }
      : options.against.length > 0
        ? { kind: 'files', files: options.against }
        : { kind: 'lock' };
  const { contracts, problems } = await loadContracts(services);
  let baselines: Awaited<ReturnType<typeof readBaselines>>;
  try {
    baselines = await readBaselines(services, source);
  } catch (error) {
    if (error instanceof LockFileError || error instanceof GitRefError) return fail(error.message);
    throw error;
  }
  if (!options.update && source.kind !== 'git') {
    const missing = baselines.filter((b) => b.lock === undefined).map((b) => b.source);
    if (missing.length > 0) {
      return fail(
        `no lock file: ${missing.join(', ')}; create ${missing.length === 1 ? 'it' : 'them'} with \`lambdaport check --update\` and commit ${missing.length === 1 ? 'it' : 'them'}`,
      );
    }
  }
  const result = checkServices(services, contracts, problems, baselines);
  if (options.update) {
    if (problems.length > 0) {
      output.err(renderCheckText(result));
      return fail('the locks were not rewritten: every contract must load first (see the problems above)');
    }
    for (const check of result.services) await writeFile(lockFilePath(check.dir), serializeLock(check.current));
  }
  const updated = options.update === true;
  if (options.json) output.out(`${JSON.stringify(checkJson(result, { updated }), null, 2)}\n`);
  else output.out(renderCheckText(result, { updated }));
  if (problems.length > 0) return CHECK_EXIT.unchecked;
  return result.breaking.length > 0 && !updated ? CHECK_EXIT.breaking : CHECK_EXIT.passed;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/**
 * Adds `lambdaport check` to the program.
 *
 * @example
 * registerCheckCommand(new Command('lambdaport'));
 */
export function registerCheckCommand(program: Command): void {
  program
    .command('check')
    .description(
      'Compare the contracts of the services with their lock files (lambdaport.lock.json) and fail on a breaking ' +
        'change under the same major version (the rules: docs/compatibility.md).',
    )
    .addOption(
      new Option('-d, --dir <dir>', 'a service dir holding lambdaport.config.{ts,mts,js,mjs,json}; repeat for several')
        .argParser(collect)
        .default([], 'the current folder'),
    )
    .addOption(
      new Option('--against <file>', 'compare with this lock file instead of the committed one (matched by service)')
        .argParser(collect)
        .default([]),
    )
    .addOption(
      new Option('--against-git <ref>', 'compare with the lock files as they are at this git ref').conflicts('against'),
    )
    // a usage error exits 2 ("could not check"), not commander's 1, which CI would read as a breaking change
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : CHECK_EXIT.unchecked))
    .option('--update', 'rewrite the lock files with the current contracts (accepting every difference)')
    .option('--json', 'print the report as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ lambdaport check --dir examples/records --dir examples/orders
  $ lambdaport check --dir examples/records --against-git main
  $ lambdaport check --dir examples/records --update          (then commit lambdaport.lock.json)

Exit codes: 0 no breaking change (or locks rewritten), 1 a breaking change under the same major, 2 could not check
(a usage error, an invalid config, a contract that does not load, a lock file that is missing or not JSON, an unknown
git ref).
`,
    )
    .action(async (options: CheckOptions) => {
      process.exitCode = await checkCommand(options);
    });
}
