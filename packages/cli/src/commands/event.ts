/**
 * `lambdaport event <kind> [--function NAME] [--dir DIR]`: prints a sample event of one kind (a Function URL or API
 * Gateway request, an SQS batch, an EventBridge event) carrying a function's input, taken from the first example of
 * its contract (loaded as `lambdaport docs` loads it: `loadContracts`). Without an example, it says so on stderr and
 * prints the event with a placeholder input: the shape of the contract's input schema, each value naming its type.
 * The event goes to stdout alone, ready for `> event.json` or `lambdaport invoke ... --payload @event.json`.
 */
import { formatIssue, isConfigError, type LoadedService, type LocalFunction, loadServices } from '@lambdaport/config';
import { formatContractProblem, loadContracts } from '@lambdaport/governance';
import { friendlyName } from 'lambdaport/names';
import pc from 'picocolors';
import { placeholderOf, UNKNOWN_INPUT } from '../events/placeholder.js';
import { EVENT_KINDS, type EventKind, sampleEvent } from '../events/shapes.js';
import type { Output } from './invoke.js';

/** Options of the event command. */
export interface EventOptions {
  /** `get` or `records.get`; default the first function of the config. */
  readonly function?: string | undefined;
  /** The service dir; default the current folder. */
  readonly dir?: string | undefined;
}

const processOutput: Output = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/**
 * Prints the sample event; resolves with the exit code: 0 printed, 1 bad input (an unknown kind or function, an
 * invalid config, a contract that does not load).
 *
 * @example
 * process.exitCode = await eventCommand('sqs', { function: 'records.get', dir: 'examples/records' });
 */
export async function eventCommand(
  kind: string,
  options: EventOptions,
  output: Output = processOutput,
): Promise<number> {
  const fail = (message: string): number => {
    output.err(`${pc.red('error')} ${message}\n`);
    return 1;
  };
  if (!(EVENT_KINDS as readonly string[]).includes(kind)) {
    return fail(`unknown event kind ${JSON.stringify(kind)}; expected one of ${EVENT_KINDS.join(', ')}`);
  }
  let services: LoadedService[];
  let functions: LocalFunction[];
  try {
    services = await loadServices([options.dir ?? '.']);
    functions = services.flatMap((service) => service.functions.filter((fn) => fn.current));
  } catch (error) {
    if (!isConfigError(error)) throw error;
    return fail(`invalid config:\n${error.issues.map((issue) => `  ${formatIssue(issue)}`).join('\n')}`);
  }
  const fn = pick(functions, options.function);
  if (fn === undefined) {
    const known = functions.map((f) => friendlyName(f.service, f.name)).join(', ');
    return fail(`no function ${JSON.stringify(options.function)} in this service; its functions: ${known || '(none)'}`);
  }
  const name = friendlyName(fn.service, fn.name);
  let input: unknown = UNKNOWN_INPUT;
  const { contracts, problems } = await loadContracts(services.filter((service) => service.service === fn.service));
  const contract = contracts.find((c) => c.function === fn.name && c.current);
  if (contract === undefined) {
    const problem = problems.find((p) => p.function === fn.name && p.major === fn.major);
    const why = problem === undefined ? 'its contract did not load' : formatContractProblem(problem);
    output.err(`${pc.yellow('note')} no example for ${name}, so the input is a placeholder: ${why}\n`);
  } else if (contract.examples[0] === undefined) {
    input = placeholderOf(contract.inputSchema);
    output.err(
      `${pc.yellow('note')} the contract of ${name} has no examples (examples: [{ input: {...} }] in its defineFunction), so the input is a placeholder of its shape\n`,
    );
  } else {
    input = contract.examples[0].input;
  }
  const event = sampleEvent(kind as EventKind, input, {
    service: fn.service,
    friendlyName: name,
    region: fn.region,
    accountId: fn.accountId,
  });
  output.out(`${JSON.stringify(event, null, 2)}\n`);
  return 0;
}

/** The function named `get` or `records.get`; the first one when no name is given. */
function pick(functions: readonly LocalFunction[], name: string | undefined): LocalFunction | undefined {
  if (name === undefined) return functions[0];
  return functions.find((fn) => fn.name === name || friendlyName(fn.service, fn.name) === name);
}
