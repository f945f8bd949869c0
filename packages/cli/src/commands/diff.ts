/**
 * `lambdaport diff`: what a deploy would change, stack by stack, against what is deployed.
 */
import type { Command } from 'commander';
import { type AwsCommandOptions, awsOptions, CREDENTIALS_HELP, toolkitOptions } from './deploy.js';
import type { Output } from './invoke.js';
import { loadCdk, reportFailure } from './synth.js';

const processOutput: Output = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/**
 * Runs `lambdaport diff`; resolves with the exit code.
 *
 * @example
 * process.exitCode = await diffCommand({ dir: ['examples/records'], stage: 'prod', validation: true });
 */
export async function diffCommand(options: AwsCommandOptions, output: Output = processOutput): Promise<number> {
  try {
    const { diffServices } = await loadCdk('diff');
    await diffServices(toolkitOptions(options, output));
    return 0;
  } catch (error) {
    return reportFailure('diff', error, output);
  }
}

/**
 * Adds `lambdaport diff` to the program.
 *
 * @example
 * registerDiff(program);
 */
export function registerDiff(program: Command): void {
  awsOptions(
    program.command('diff').description('Show what `lambdaport deploy` would change in each stack, against AWS.'),
  )
    .addHelpText(
      'after',
      `
Examples:
  $ lambdaport diff --dir examples/records --stage prod
${CREDENTIALS_HELP}`,
    )
    .action(async (options: AwsCommandOptions) => {
      process.exitCode = await diffCommand(options);
    });
}
