/**
 * `lambdaport synth`: the CloudFormation template of each service (one stack per service, `<stage>-<service>`) and
 * its assets, written offline, and a summary of what they declare. Also the pieces `deploy`, `diff` and `destroy`
 * share: loading `@lambdaport/cdk` (an optional peer: only these commands need it) and printing a config that
 * cannot deploy.
 */
import type { StackSummary } from '@lambdaport/cdk';
import { displayFile, formatIssue, isConfigError } from '@lambdaport/config';
import { type Command, Option } from 'commander';
import pc from 'picocolors';
import type { Output } from './invoke.js';

/** Options of the synth command (as commander parses them). */
export interface SynthCommandOptions {
  readonly dir: readonly string[];
  readonly stage?: string | undefined;
  readonly out: string;
  /** CDK's built-in template validation (`--no-validation` turns it off). */
  readonly validation: boolean;
}

const processOutput: Output = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** The default assembly folder, as the CDK's. */
export const DEFAULT_OUT = 'cdk.out';

/** `@lambdaport/cdk`, loaded on use; a one-line error saying how to install it when it is missing. */
export async function loadCdk(command: string): Promise<typeof import('@lambdaport/cdk')> {
  try {
    return await import('@lambdaport/cdk');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new Error(
      `lambdaport ${command} needs @lambdaport/cdk (the CDK construct and toolkit): npm install --save-dev @lambdaport/cdk`,
    );
  }
}

/**
 * Prints a failure of synth, deploy, diff or destroy: each config problem with its file and key path, or one line.
 * Returns the exit code (1).
 */
export function reportFailure(command: string, error: unknown, output: Output): number {
  if (isConfigError(error)) {
    const count = error.issues.length;
    output.err(
      `${pc.red(pc.bold('Cannot deploy'))} (${count} ${count === 1 ? 'problem' : 'problems'}); nothing was written:\n`,
    );
    for (const issue of error.issues) output.err(`  ${formatIssue(issue)}\n`);
    return 1;
  }
  output.err(`${pc.red('error')} lambdaport ${command}: ${error instanceof Error ? error.message : String(error)}\n`);
  return 1;
}

/**
 * Runs `lambdaport synth`; resolves with the exit code (1 when a config cannot deploy: then `--out` is untouched).
 *
 * @example
 * process.exitCode = await synthCommand({ dir: ['examples/records', 'examples/orders'], out: 'cdk.out', validation: true });
 */
export async function synthCommand(options: SynthCommandOptions, output: Output = processOutput): Promise<number> {
  try {
    const { synthServices } = await loadCdk('synth');
    const result = await synthServices({
      dirs: options.dir.length === 0 ? ['.'] : [...options.dir],
      stage: options.stage,
      outdir: options.out,
      validation: options.validation,
    });
    const shown = displayFile(result.outdir) || '.';
    output.out(
      `Synthesized ${result.stacks.length} ${result.stacks.length === 1 ? 'stack' : 'stacks'} into ${shown} (offline: no AWS account used)\n`,
    );
    for (const stack of result.stacks) {
      output.out(`\n${pc.bold(stack.stackName)}  ${displayFile(stack.templateFile)}\n`);
      output.out(renderSummary(stack));
    }
    output.out(
      `\nDeploy with: lambdaport deploy${options.dir.map((d) => ` --dir ${d}`).join('')}${options.stage ? ` --stage ${options.stage}` : ''}\n`,
    );
    return 0;
  } catch (error) {
    return reportFailure('synth', error, output);
  }
}

/** A stack's summary as indented lines. */
export function renderSummary(stack: StackSummary): string {
  const lines: string[] = ['  functions'];
  const width = Math.max(...stack.functions.map((fn) => fn.label.length));
  const nameWidth = Math.max(...stack.functions.map((fn) => fn.deployedName.length));
  for (const fn of stack.functions) {
    const url = fn.url === undefined ? '' : `  Function URL (auth ${fn.url})`;
    lines.push(
      `    ${fn.label.padEnd(width)}  ${fn.deployedName.padEnd(nameWidth)}  ${fn.runtime}  ${fn.memorySize} MB  ${fn.timeoutSeconds} s  alias ${fn.alias}${url}`,
    );
  }
  lines.push(
    `  tables      ${stack.tables.length === 0 ? '(none)' : stack.tables.map((t) => `${t} (on demand, point-in-time recovery, retained)`).join(', ')}`,
  );
  lines.push('  parameters');
  for (const parameter of stack.parameters) lines.push(`    ${parameter}`);
  if (stack.bus !== undefined) lines.push(`  bus         ${stack.bus}`);
  if (stack.queues.length > 0) lines.push('  queues', ...stack.queues.map((queue) => `    ${queue}`));
  if (stack.rules.length > 0) lines.push('  rules', ...stack.rules.map((rule) => `    ${rule}`));
  lines.push('  roles (one per function, inline policy only)');
  for (const fn of stack.functions) {
    lines.push(`    ${fn.label}`);
    for (const permission of fn.permissions) lines.push(`      ${permission}`);
  }
  return `${lines.join('\n')}\n`;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** The `--dir` and `--stage` options of synth, deploy, diff and destroy. */
export function serviceOptions(command: Command): Command {
  return command
    .addOption(
      new Option('-d, --dir <dir>', 'a service dir holding lambdaport.config.{ts,mts,js,mjs,json}; repeat for several')
        .argParser(collect)
        .default([], 'the current folder'),
    )
    .option('--stage <stage>', "the stage deployed (names, tables, SSM paths; default: the config's stage, else dev)")
    .option('--no-validation', "skip the CDK's built-in CloudFormation template validation (faster)");
}

/**
 * Adds `lambdaport synth` to the program.
 *
 * @example
 * registerSynth(program);
 */
export function registerSynth(program: Command): void {
  serviceOptions(
    program
      .command('synth')
      .description(
        'Write the CloudFormation template of each service (one stack per service, <stage>-<service>) and its ' +
          'bundled code, offline: no AWS account needed. Prints what each stack declares.',
      ),
  )
    .option('-o, --out <dir>', 'the cloud assembly folder (templates and assets)', DEFAULT_OUT)
    .addHelpText(
      'after',
      `
Examples:
  $ lambdaport synth
  $ lambdaport synth --dir examples/records --dir examples/orders --stage qa --out /tmp/cdk.out

Writes <out>/<stage>-<service>.template.json and the assets. Exit code 1 when a config cannot deploy (each problem
is printed with its file and key path); <out> is then left as it was.
`,
    )
    .action(async (options: SynthCommandOptions) => {
      process.exitCode = await synthCommand(options);
    });
}
