/**
 * `lambdaport deploy`: synthesizes the services and deploys one stack per service through the CDK toolkit library,
 * with the AWS credentials and region found as the AWS CLI finds them.
 */
import type { ToolkitActionOptions } from '@lambdaport/cdk';
import type { Command } from 'commander';
import type { Output } from './invoke.js';
import { loadCdk, reportFailure, serviceOptions } from './synth.js';

/** Options of deploy, diff and destroy (as commander parses them). */
export interface AwsCommandOptions {
  readonly dir: readonly string[];
  readonly stage?: string | undefined;
  readonly profile?: string | undefined;
  readonly region?: string | undefined;
  readonly out?: string | undefined;
  readonly validation: boolean;
  /** destroy: delete without asking. */
  readonly yes?: boolean | undefined;
}

const processOutput: Output = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** The toolkit action's options from the command's. */
export function toolkitOptions(options: AwsCommandOptions, output: Output): ToolkitActionOptions {
  return {
    dirs: options.dir.length === 0 ? ['.'] : [...options.dir],
    stage: options.stage,
    outdir: options.out,
    validation: options.validation,
    profile: options.profile,
    region: options.region,
    yes: options.yes,
    out: output.out,
    err: output.err,
  };
}

/** The `--profile`, `--region` and `--out` options of deploy, diff and destroy. */
export function awsOptions(command: Command): Command {
  return serviceOptions(command)
    .option('--profile <profile>', 'the AWS profile (default $AWS_PROFILE, else the default profile)')
    .option('--region <region>', "the AWS region (default $AWS_REGION, else the profile's)")
    .option('-o, --out <dir>', 'keep the cloud assembly in this folder (default: a temporary one)');
}

/** The help lines every AWS command shares. */
export const CREDENTIALS_HELP = `
Credentials and region are found as the AWS CLI finds them: the profile given with --profile, else
$AWS_ACCESS_KEY_ID / $AWS_SECRET_ACCESS_KEY, else the profile $AWS_PROFILE names or the default one (profiles of
~/.aws/config, SSO included); --region, $AWS_REGION, else the profile's region.
Without credentials, or in an account and region never bootstrapped for the CDK, it stops with one line saying what
to do (bootstrap: npx aws-cdk bootstrap aws://<account>/<region>). See docs/deploy.md.
`;

/**
 * Runs `lambdaport deploy`; resolves with the exit code.
 *
 * @example
 * process.exitCode = await deployCommand({ dir: ['examples/records'], stage: 'prod', validation: true });
 */
export async function deployCommand(options: AwsCommandOptions, output: Output = processOutput): Promise<number> {
  try {
    const { deployServices } = await loadCdk('deploy');
    const result = await deployServices(toolkitOptions(options, output));
    output.out(`Deployed ${result.stacks.join(', ')}\n`);
    return 0;
  } catch (error) {
    return reportFailure('deploy', error, output);
  }
}

/**
 * Adds `lambdaport deploy` to the program.
 *
 * @example
 * registerDeploy(program);
 */
export function registerDeploy(program: Command): void {
  awsOptions(
    program
      .command('deploy')
      .description(
        'Deploy each service (one CloudFormation stack per service, <stage>-<service>) to AWS with the CDK toolkit: ' +
          'the functions with their aliases and URLs, the tables, the SSM names and one least-privilege role per function.',
      ),
  )
    .addHelpText(
      'after',
      `
Examples:
  $ lambdaport deploy --dir examples/records --dir examples/orders --stage prod --profile work
  $ AWS_PROFILE=work AWS_REGION=eu-west-1 lambdaport deploy
${CREDENTIALS_HELP}`,
    )
    .action(async (options: AwsCommandOptions) => {
      process.exitCode = await deployCommand(options);
    });
}
