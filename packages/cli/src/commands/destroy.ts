/**
 * `lambdaport destroy`: deletes each service's stack. Tables are retained (their data stays), as are no other
 * resources: functions, aliases, URLs, roles, log groups and SSM names go.
 */
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { type AwsCommandOptions, awsOptions, CREDENTIALS_HELP, toolkitOptions } from './deploy.js';
import type { Output } from './invoke.js';
import { loadCdk, reportFailure } from './synth.js';

const processOutput: Output = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** Asks on the terminal; no terminal (a script, CI) means no: pass --yes there. */
async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} `)).trim());
  } finally {
    rl.close();
  }
}

/**
 * Runs `lambdaport destroy`; resolves with the exit code.
 *
 * @example
 * process.exitCode = await destroyCommand({ dir: ['examples/records'], stage: 'pr-42', yes: true, validation: false });
 */
export async function destroyCommand(options: AwsCommandOptions, output: Output = processOutput): Promise<number> {
  try {
    const { destroyServices } = await loadCdk('destroy');
    await destroyServices({ ...toolkitOptions(options, output), confirm });
    return 0;
  } catch (error) {
    return reportFailure('destroy', error, output);
  }
}

/**
 * Adds `lambdaport destroy` to the program.
 *
 * @example
 * registerDestroy(program);
 */
export function registerDestroy(program: Command): void {
  awsOptions(
    program
      .command('destroy')
      .description(
        "Delete each service's stack from AWS. Tables are kept (retained, with their data); everything else goes.",
      ),
  )
    .option('-y, --yes', 'delete without asking (needed when not run in a terminal)')
    .addHelpText(
      'after',
      `
Examples:
  $ lambdaport destroy --dir examples/records --stage pr-42
  $ lambdaport destroy --dir examples/records --stage pr-42 --yes
${CREDENTIALS_HELP}`,
    )
    .action(async (options: AwsCommandOptions) => {
      process.exitCode = await destroyCommand(options);
    });
}
