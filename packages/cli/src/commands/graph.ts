/**
 * `lambdaport graph`: the watch on the distributed monolith. Draws the services given, their functions and the calls
 * between them (declared in `calls`; observed by a running `lambdaport dev`, with counts), as Mermaid, DOT, JSON or
 * SVG, and flags the shapes the article warns of (a cycle of synchronous calls, a deep chain, a large fan-in or
 * fan-out, a mutation called synchronously across services, an undeclared call). `--strict` fails on any flag.
 */
import { formatIssue, isConfigError, type LoadedService, loadServices } from '@lambdaport/config';
import {
  buildGraph,
  DEFAULT_GRAPH_LIMITS,
  fetchObservedCalls,
  flagLines,
  formatContractProblem,
  loadContracts,
  type ObservedCallInput,
  ObservedCallsError,
  renderGraphDot,
  renderGraphMermaid,
  renderGraphSvg,
} from '@lambdaport/governance';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_PORT } from './dev.js';
import type { Output } from './invoke.js';

/** The formats of `--format`. */
export const GRAPH_FORMATS = ['mermaid', 'dot', 'json', 'svg'] as const;

/** Options of the graph command (as commander parses them). */
export interface GraphCommandOptions {
  readonly dir: readonly string[];
  readonly format: (typeof GRAPH_FORMATS)[number];
  readonly strict?: boolean | undefined;
  /** The runtime to ask for observed calls; undefined: the default one, if running. */
  readonly url?: string | undefined;
  /** False with `--no-observed`. */
  readonly observed: boolean;
  readonly maxFan: number;
  readonly maxDepth: number;
}

/** Exit codes of `lambdaport graph`. */
export const GRAPH_EXIT = {
  ok: 0,
  /** `--strict` and a flag raised. */
  flagged: 1,
  /** Bad input: invalid config, a runtime at `--url` that does not answer, a usage error; under `--strict`, a contract that does not load. */
  bad: 2,
} as const;

/** The runtime asked for observed calls when `--url` is not given. */
export const DEFAULT_RUNTIME_URL = `http://127.0.0.1:${DEFAULT_PORT}`;

const processOutput: Output = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/**
 * Draws the graph; resolves with the exit code ({@link GRAPH_EXIT}). The drawing goes to stdout; the flags, notes and
 * problems to stderr too (so they show when stdout is a file).
 *
 * @example
 * process.exitCode = await graphCommand({ dir: ['examples/records'], format: 'mermaid', observed: true, maxFan: 5, maxDepth: 3 });
 */
export async function graphCommand(options: GraphCommandOptions, output: Output = processOutput): Promise<number> {
  const fail = (message: string): number => {
    output.err(`lambdaport graph: ${message}\n`);
    return GRAPH_EXIT.bad;
  };
  let services: LoadedService[];
  try {
    services = await loadServices(options.dir.length === 0 ? ['.'] : options.dir);
  } catch (error) {
    if (!isConfigError(error)) throw error;
    return fail(`invalid config:\n${error.issues.map((i) => `  ${formatIssue(i)}`).join('\n')}`);
  }
  const { contracts, problems } = await loadContracts(services);

  let observed: ObservedCallInput[] | undefined;
  if (options.observed) {
    const url = options.url ?? DEFAULT_RUNTIME_URL;
    try {
      observed = await fetchObservedCalls(url);
    } catch (error) {
      if (!(error instanceof ObservedCallsError)) throw error;
      // the default runtime not running: the declared graph; a runtime named with --url must answer
      if (options.url !== undefined || !error.unreachable) return fail(error.message);
      output.err(`lambdaport graph: ${error.message}; drawing the declared calls only\n`);
    }
  }

  const graph = buildGraph(services, {
    contracts,
    ...(observed !== undefined && { observed }),
    limits: { maxFan: options.maxFan, maxDepth: options.maxDepth },
  });
  switch (options.format) {
    case 'json':
      output.out(`${JSON.stringify({ ...graph, problems: problems.map(formatContractProblem) }, null, 2)}\n`);
      break;
    case 'dot':
      output.out(renderGraphDot(graph));
      break;
    case 'svg':
      output.out(renderGraphSvg(graph));
      break;
    default:
      output.out(renderGraphMermaid(graph));
  }

  const lines = flagLines(graph);
  for (const problem of problems) {
    lines.push(`contract not loaded, idempotency unknown: ${formatContractProblem(problem)}`);
  }
  const count = graph.flags.length;
  const events = graph.services.reduce((n, service) => n + service.events.length, 0);
  lines.push(
    count === 0
      ? `no flag (${plural(graph.services.length, 'service')}, ${plural(graph.edges.length, 'call')}${events === 0 ? '' : `, ${plural(events, 'event')}`}${graph.observed ? ', observed calls included' : ''})`
      : `${count} flag${count === 1 ? '' : 's'}`,
  );
  output.err(`${lines.join('\n')}\n`);
  if (options.strict && count > 0) return GRAPH_EXIT.flagged;
  if (options.strict && problems.length > 0) return GRAPH_EXIT.bad;
  return GRAPH_EXIT.ok;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function count(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number');
  return Number(value);
}

/**
 * Adds `lambdaport graph` to the program.
 *
 * @example
 * registerGraphCommand(new Command('lambdaport'));
 */
export function registerGraphCommand(program: Command): void {
  program
    .command('graph')
    .description(
      'Draw the services, their functions and the calls between them (declared in calls, and observed by a running ' +
        'lambdaport dev), and flag a distributed monolith: cycles, deep chains, fan-in/out, synchronous mutations.',
    )
    .addOption(
      new Option('-d, --dir <dir>', 'a service dir holding lambdaport.config.{ts,mts,js,mjs,json}; repeat for several')
        .argParser(collect)
        .default([], 'the current folder'),
    )
    .addOption(new Option('-f, --format <format>', 'what to print').choices(GRAPH_FORMATS).default('mermaid'))
    .option('--strict', 'exit 1 when a flag is raised (for CI)')
    .option('--url <url>', `the lambdaport dev to ask for observed calls (default ${DEFAULT_RUNTIME_URL}, if running)`)
    .option('--no-observed', 'draw the declared calls only (ask no running lambdaport dev)')
    .option(
      '--max-fan <n>',
      'flag a service with more synchronous callers or callees (services) than this',
      count,
      DEFAULT_GRAPH_LIMITS.maxFan,
    )
    .option('--max-depth <n>', 'flag a chain of more synchronous hops than this', count, DEFAULT_GRAPH_LIMITS.maxDepth)
    // a usage error exits 2, not commander's 1, which CI would read as a flag
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : GRAPH_EXIT.bad))
    .addHelpText(
      'after',
      `
Examples:
  $ lambdaport graph --dir services/records --dir services/orders
  $ lambdaport graph --dir services/records --dir services/orders --format svg > graph.svg
  $ lambdaport graph --dir services/records --dir services/orders --no-observed --strict   (in CI)

Edges: call (synchronous; a calls entry never observed counts as one), send (only Event invocations observed).
Flags and notes are printed to stderr (and as comments in mermaid and dot, under the drawing in svg).
Exit codes: 0 drawn; 1 --strict and a flag raised; 2 bad input (an invalid config, no lambdaport dev answering at
--url, a usage error; under --strict, a contract that does not load).
`,
    )
    .action(async (options: GraphCommandOptions) => {
      process.exitCode = await graphCommand(options);
    });
}
