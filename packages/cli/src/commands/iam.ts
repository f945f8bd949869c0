/**
 * `lambdaport iam`: the permissions the services given declare, as the deploy puts them on each function's role and
 * `lambdaport dev` enforces them (one generator: `@lambdaport/config`'s `servicePolicies`). Prints each function's
 * policy (every statement with the config key it comes from), who may call whom, and flags the sprawl the article
 * warns of: a function allowed to call many others, two services that may call each other, and a `calls` entry no
 * call used in the running `lambdaport dev` (when one answers).
 */
import {
  type FunctionPolicy,
  formatIssue,
  isConfigError,
  type LoadedService,
  loadServices,
  servicePolicies,
} from '@lambdaport/config';
import {
  DEFAULT_GRAPH_LIMITS,
  fetchObservedCalls,
  type ObservedCallInput,
  ObservedCallsError,
} from '@lambdaport/governance';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_RUNTIME_URL } from './graph.js';
import type { Output } from './invoke.js';

/** Options of the iam command (as commander parses them). */
export interface IamCommandOptions {
  readonly dir: readonly string[];
  readonly stage?: string | undefined;
  readonly json?: boolean | undefined;
  /** The runtime to ask which calls were made; undefined: the default one, if running. */
  readonly url?: string | undefined;
  /** Flag a function allowed to call more functions than this. */
  readonly maxCalls: number;
}

/** May `caller` call `callee` (deployed names, friendly names, the config key that allows it). */
export interface CallPermission {
  readonly caller: string;
  readonly callerName: string;
  readonly callee: string;
  readonly calleeName: string;
  /** `functions.create.calls[0]`, in `configFile`. */
  readonly keyPath: string;
  readonly configFile: string;
}

/** A sprawl flag. */
export interface IamFlag {
  readonly kind: 'many-calls' | 'mutual-services' | 'unused-permission';
  readonly message: string;
}

const processOutput: Output = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/**
 * Prints the policies, the matrix and the flags; resolves with the exit code (0, or 2 for an invalid config or a
 * runtime at `--url` that does not answer).
 *
 * @example
 * process.exitCode = await iamCommand({ dir: ['examples/records', 'examples/orders'], maxCalls: 5 });
 */
export async function iamCommand(options: IamCommandOptions, output: Output = processOutput): Promise<number> {
  const fail = (message: string): number => {
    output.err(`lambdaport iam: ${message}\n`);
    return 2;
  };
  let services: LoadedService[];
  let policies: FunctionPolicy[];
  try {
    services = await loadServices(
      options.dir.length === 0 ? ['.'] : options.dir,
      options.stage === undefined ? {} : { stage: options.stage },
    );
    policies = services.flatMap((service) => {
      const first = service.functions[0];
      const target = { region: first?.region ?? 'us-east-1', accountId: first?.accountId ?? '000000000000' };
      return servicePolicies(service, target);
    });
  } catch (error) {
    if (!isConfigError(error)) throw error;
    return fail(`invalid config:\n${error.issues.map((i) => `  ${formatIssue(i)}`).join('\n')}`);
  }
  const permissions = callPermissions(services);

  let observed: ObservedCallInput[] | undefined;
  try {
    observed = await fetchObservedCalls(options.url ?? DEFAULT_RUNTIME_URL);
  } catch (error) {
    if (!(error instanceof ObservedCallsError)) throw error;
    if (options.url !== undefined || !error.unreachable) return fail(error.message);
  }
  const flags = sprawlFlags(services, permissions, observed, options.maxCalls);

  if (options.json === true) {
    output.out(`${JSON.stringify({ policies, permissions, flags, observed: observed !== undefined }, null, 2)}\n`);
    return 0;
  }
  output.out(renderPolicies(policies));
  output.out(renderMatrix(services, permissions));
  const lines = flags.map((flag) => `flag (${flag.kind}): ${flag.message}`);
  if (observed === undefined)
    lines.push(`no lambdaport dev answered at ${DEFAULT_RUNTIME_URL}: unused permissions not checked`);
  lines.push(flags.length === 0 ? 'no flag' : `${flags.length} flag${flags.length === 1 ? '' : 's'}`);
  output.out(`\n${lines.join('\n')}\n`);
  return 0;
}

/** Every `calls` permission of the services given, resolved to deployed names. */
export function callPermissions(services: readonly LoadedService[]): CallPermission[] {
  const byDeployed = new Map(services.flatMap((s) => s.functions).map((fn) => [fn.deployedName, fn]));
  const permissions: CallPermission[] = [];
  for (const fn of services.flatMap((s) => s.functions)) {
    fn.calls.forEach((call, index) => {
      const callee = call.deployedName === undefined ? undefined : byDeployed.get(call.deployedName);
      if (callee === undefined) return;
      permissions.push({
        caller: fn.deployedName,
        callerName: labelOf(fn),
        callee: callee.deployedName,
        calleeName: labelOf(callee),
        keyPath: `functions.${fn.name}.calls[${index}]`,
        configFile: fn.configFile,
      });
    });
  }
  return permissions;
}

function labelOf(fn: { service: string; name: string; current: boolean; major: number }): string {
  return fn.current ? `${fn.service}.${fn.name}` : `${fn.service}.${fn.name}@v${fn.major}`;
}

/** The sprawl flags: many calls, services calling each other, permissions no observed call used. */
export function sprawlFlags(
  services: readonly LoadedService[],
  permissions: readonly CallPermission[],
  observed: readonly ObservedCallInput[] | undefined,
  maxCalls: number,
): IamFlag[] {
  const flags: IamFlag[] = [];
  const byCaller = new Map<string, CallPermission[]>();
  for (const p of permissions) byCaller.set(p.caller, [...(byCaller.get(p.caller) ?? []), p]);
  for (const list of byCaller.values()) {
    if (list.length > maxCalls) {
      flags.push({
        kind: 'many-calls',
        message: `${list[0]!.callerName} may call ${list.length} functions (more than ${maxCalls}): ${list.map((p) => p.calleeName).join(', ')}`,
      });
    }
  }
  const serviceOf = new Map(services.flatMap((s) => s.functions).map((fn) => [fn.deployedName, fn.service]));
  const pairs = new Set<string>();
  for (const p of permissions) {
    const from = serviceOf.get(p.caller)!;
    const to = serviceOf.get(p.callee)!;
    if (from !== to) pairs.add(`${from}\0${to}`);
  }
  for (const pair of [...pairs].sort()) {
    const [from, to] = pair.split('\0') as [string, string];
    if (from < to && pairs.has(`${to}\0${from}`)) {
      flags.push({ kind: 'mutual-services', message: `services ${from} and ${to} may call each other` });
    }
  }
  if (observed !== undefined) {
    const used = new Set(observed.map((call) => `${call.caller ?? ''}\0${call.function}`));
    for (const p of permissions) {
      if (!used.has(`${p.caller}\0${p.callee}`)) {
        flags.push({
          kind: 'unused-permission',
          message: `${p.callerName} may call ${p.calleeName} (${p.keyPath} in ${p.configFile}) but did not in this lambdaport dev run`,
        });
      }
    }
  }
  return flags;
}

function renderPolicies(policies: readonly FunctionPolicy[]): string {
  const lines = ['Policies'];
  for (const policy of policies) {
    const major = policy.major === 1 ? '' : ` (major ${policy.major})`;
    lines.push('', `  ${policy.friendlyName}${major}  ${policy.deployedName}  ${policy.configFile} ${policy.keyPath}`);
    for (const statement of policy.document.Statement) {
      const origin = policy.origins[statement.Sid];
      lines.push(`    ${statement.Sid}: ${statement.Action.join(', ')}`);
      for (const resource of statement.Resource) lines.push(`      on ${resource}`);
      if (origin !== undefined) lines.push(`      from ${origin.grant} (${origin.paths.join(', ')})`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function renderMatrix(services: readonly LoadedService[], permissions: readonly CallPermission[]): string {
  const functions = services.flatMap((s) => s.functions);
  const lines = ['', 'Who may call whom (rows call columns; x: allowed by calls)'];
  if (permissions.length === 0) return `${[...lines, '  (no function may call another)'].join('\n')}\n`;
  const callers = functions.filter((fn) => permissions.some((p) => p.caller === fn.deployedName));
  const callees = functions.filter((fn) => permissions.some((p) => p.callee === fn.deployedName));
  const width = Math.max(...callers.map((fn) => labelOf(fn).length));
  lines.push(`  ${' '.repeat(width)}  ${callees.map((fn) => labelOf(fn)).join('  ')}`);
  for (const caller of callers) {
    const cells = callees.map((callee) => {
      const allowed = permissions.some((p) => p.caller === caller.deployedName && p.callee === callee.deployedName);
      return (allowed ? 'x' : '.').padEnd(labelOf(callee).length);
    });
    lines.push(`  ${labelOf(caller).padEnd(width)}  ${cells.join('  ')}`);
  }
  return `${lines.join('\n')}\n`;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function count(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number');
  return Number(value);
}

/**
 * Registers `lambdaport iam`.
 *
 * @example
 * registerIamCommand(program);
 */
export function registerIamCommand(program: Command): void {
  program
    .command('iam')
    .description(
      "Show each function's IAM policy (as deployed, and as lambdaport dev enforces it), who may call whom, and flag " +
        'permission sprawl: a function allowed to call many others, services that may call each other, unused calls.',
    )
    .addOption(
      new Option('-d, --dir <dir>', 'a service dir holding lambdaport.config.{ts,mts,js,mjs,json}; repeat for several')
        .argParser(collect)
        .default([], 'the current folder'),
    )
    .option('--stage <stage>', "stage used in deployed names (default: the config's stage, else dev)")
    .option('--json', 'print the policies, the permissions and the flags as JSON')
    .option(
      '--url <url>',
      `the lambdaport dev to ask which calls were made (default ${DEFAULT_RUNTIME_URL}, if running)`,
    )
    .option(
      '--max-calls <n>',
      'flag a function allowed to call more functions than this',
      count,
      DEFAULT_GRAPH_LIMITS.maxFan,
    )
    .addHelpText(
      'after',
      `
Examples:
  $ lambdaport iam --dir services/records --dir services/orders
  $ lambdaport iam --dir services/orders --dir services/records --stage prod --json

A calls entry must name a function of the services given (its policy names that function's alias ARN).
Exit codes: 0 printed (flags do not fail); 2 an invalid config, or no lambdaport dev answering at --url.
`,
    )
    .action(async (options: IamCommandOptions) => {
      process.exitCode = await iamCommand(options);
    });
}
