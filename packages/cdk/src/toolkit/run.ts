/**
 * `deployServices`, `diffServices`, `destroyServices`: synthesize the services (as `synthServices`), then run the CDK
 * toolkit library on that assembly with the user's AWS credentials, found as the AWS CLI finds them (`--profile`,
 * `AWS_PROFILE`, the environment, `~/.aws`), and the region (`--region`, `AWS_REGION`, the profile's).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type SynthOptions, type SynthResult, synthServices } from '../app/synth.js';
import { DeployError, explainToolkitFailure, type ToolkitFailure } from './errors.js';
import { type IoHostOptions, printingIoHost } from './io-host.js';

/** Options of the toolkit actions. */
export interface ToolkitActionOptions extends Omit<SynthOptions, 'outdir'>, Partial<IoHostOptions> {
  /** Where the assembly is written; default a temporary folder, removed afterwards. */
  readonly outdir?: string | undefined;
  /** The AWS profile (default `AWS_PROFILE`, else the default profile). */
  readonly profile?: string | undefined;
  /** The region (default `AWS_REGION`, else the profile's). */
  readonly region?: string | undefined;
  /** Answer yes to the toolkit's confirmations (destroy). Default: ask through `confirm`, else no. */
  readonly yes?: boolean | undefined;
}

/** What an action did. */
export interface ToolkitActionResult {
  readonly synth: SynthResult;
  /** The stacks the action ran on. */
  readonly stacks: readonly string[];
}

type Action = 'deploy' | 'diff' | 'destroy';

/**
 * Deploys one stack per service (`<stage>-<service>`). Rejects with a DeployError of one line (no credentials, an
 * environment to bootstrap, the toolkit's failure) or a ConfigError (a config that cannot deploy: nothing was sent).
 *
 * @example
 * await deployServices({ dirs: ['examples/records', 'examples/orders'], stage: 'prod', profile: 'work' });
 */
export function deployServices(options: ToolkitActionOptions): Promise<ToolkitActionResult> {
  return run('deploy', options);
}

/**
 * Compares the stacks with what is deployed, printing the differences.
 *
 * @example
 * await diffServices({ dirs: ['examples/records'], stage: 'prod' });
 */
export function diffServices(options: ToolkitActionOptions): Promise<ToolkitActionResult> {
  return run('diff', options);
}

/**
 * Deletes the stacks. Tables are retained (their removal policy), so the data stays.
 *
 * @example
 * await destroyServices({ dirs: ['examples/records'], stage: 'pr-42', yes: true });
 */
export function destroyServices(options: ToolkitActionOptions): Promise<ToolkitActionResult> {
  return run('destroy', options);
}

async function run(action: Action, options: ToolkitActionOptions): Promise<ToolkitActionResult> {
  const temporary = options.outdir === undefined ? mkdtempSync(path.join(tmpdir(), 'lambdaport-cdk-')) : undefined;
  const outdir = options.outdir ?? path.join(temporary!, 'cdk.out');
  try {
    const synth = await synthServices({ ...options, outdir });
    const stacks = synth.stacks.map((stack) => stack.stackName);
    // loaded only here: the toolkit brings the AWS SDK clients of every service it may call
    const { BaseCredentials, StackSelectionStrategy, Toolkit, ToolkitError } = await import('@aws-cdk/toolkit-lib');
    const ioHost = printingIoHost({
      out: options.out ?? ((text) => process.stdout.write(text)),
      err: options.err ?? ((text) => process.stderr.write(text)),
      confirm: options.yes ? async () => true : (options.confirm ?? (async () => false)),
    });
    const toolkit = new Toolkit({
      ioHost,
      color: false,
      sdkConfig: {
        baseCredentials: BaseCredentials.awsCliCompatible({
          ...(options.profile === undefined ? {} : { profile: options.profile }),
          ...(options.region === undefined ? {} : { defaultRegion: options.region }),
        }),
      },
    });
    const source = await toolkit.fromAssemblyDirectory(synth.outdir);
    const selection = { stacks: { strategy: StackSelectionStrategy.PATTERN_MUST_MATCH, patterns: stacks } };
    try {
      if (action === 'deploy') await toolkit.deploy(source, selection);
      else if (action === 'diff') await toolkit.diff(source, selection);
      else await toolkit.destroy(source, selection);
    } catch (error) {
      const failure: ToolkitFailure = {
        kind: ToolkitError.isBootstrapError(error)
          ? 'bootstrap'
          : ToolkitError.isAuthenticationError(error)
            ? 'authentication'
            : 'other',
        message: error instanceof Error ? error.message : String(error),
        environment: ToolkitError.isBootstrapError(error) ? error.environment : undefined,
      };
      throw new DeployError(explainToolkitFailure(failure, { accountLookup: ioHost.accountLookup }), { cause: error });
    }
    return { synth, stacks };
  } finally {
    if (temporary !== undefined) rmSync(temporary, { recursive: true, force: true });
  }
}
