/**
 * `lambdaport dev`: loads and validates the configs, starts the local runtime, serves the services' docs on its port,
 * prints the banner, streams function logs, and stops everything on Ctrl-C or SIGTERM.
 */
import path from 'node:path';
import { formatIssue, functionLabel, isConfigError, type LocalFunction } from '@lambdaport/config';
import { formatContractProblem, type LoadedContracts } from '@lambdaport/governance';
import { type IamMode, type LocalRuntime, localNodeRuntime, NodeRuntimeError, startLocal } from '@lambdaport/local';
import pc from 'picocolors';
import { type BannerFunction, type BannerInfo, renderBanner } from '../banner.js';
import { createDocsSite, DOCS_PATH, type DocsSite } from '../internal/docs-site.js';

/** Options of the dev command (as commander parses them). */
export interface DevOptions {
  readonly dir: readonly string[];
  readonly port: number;
  readonly host: string;
  /** IAM mode (default `enforce`): docs/design/iam.md. */
  readonly iam?: IamMode | undefined;
  readonly stage?: string | undefined;
  readonly state?: string | undefined;
  readonly ephemeral?: boolean | undefined;
  readonly watch: boolean;
  /** The environments' memory budget in MB (default: a quarter of the machine's memory). */
  readonly maxMemory?: number | undefined;
  /** Delays before the retries of a failed Event invocation (ms). Default `[1000, 2000]`. */
  readonly retryDelays?: readonly number[] | undefined;
}

/** The default port of `lambdaport dev`. */
export const DEFAULT_PORT = 3000;

/**
 * Runs `lambdaport dev`; resolves with the exit code once stopped (0 after Ctrl-C / SIGTERM, 1 when the config
 * is invalid or the runtime cannot start: then nothing is left running).
 *
 * @example
 * process.exitCode = await devCommand({ dir: ['examples/records'], port: 3000, host: '127.0.0.1', watch: true });
 */
export async function devCommand(options: DevOptions): Promise<number> {
  const err = (text: string) => process.stderr.write(text);
  if (options.state !== undefined && options.ephemeral) {
    err(`${pc.red('error')} --state and --ephemeral cannot be used together\n`);
    return 1;
  }
  const dirs = options.dir.length === 0 ? ['.'] : [...options.dir];
  // Listen for the stop signal from the start: a Ctrl-C while starting stops cleanly once started.
  const stopSignal = new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  let runtime: LocalRuntime;
  // the docs pages answer once the contracts are loaded (just after the start)
  let docs: DocsSite | undefined;
  try {
    // startLocal validates every config before it starts anything.
    runtime = await startLocal({
      dirs,
      port: options.port,
      host: options.host,
      iam: options.iam ?? 'enforce',
      stage: options.stage,
      state: options.state,
      ephemeral: options.ephemeral ?? false,
      watch: options.watch,
      maxMemoryMb: options.maxMemory,
      ...(options.retryDelays !== undefined ? { asyncRetryDelaysMs: options.retryDelays } : {}),
      onLog: (entry) => process.stdout.write(`${pc.cyan(`[${functionLabel(entry.fn)}]`)} ${entry.line}\n`),
      log: (line) => err(`${pc.yellow('lambdaport')} ${line}\n`),
      pages: (pagePath) =>
        docs?.page(pagePath) ?? {
          status: 503,
          type: 'text/plain; charset=utf-8',
          body: 'The docs are being made; reload in a moment.\n',
          headers: { 'retry-after': '1' },
        },
    });
  } catch (error) {
    if (isConfigError(error)) {
      const count = error.issues.length;
      err(
        `${pc.red(pc.bold('Invalid config'))} (${count} ${count === 1 ? 'problem' : 'problems'}); nothing was started:\n`,
      );
      for (const issue of error.issues) err(`  ${formatIssue(issue)}\n`);
      return 1;
    }
    if (error instanceof NodeRuntimeError) {
      err(`${pc.red(pc.bold('Node runtime not available'))}; nothing was started:\n`);
      for (const problem of error.problems) err(`  ${problem.message}\n`);
      return 1;
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      err(
        `${pc.red('error')} port ${options.port} on ${options.host} is already in use; choose another with --port N (--port 0 picks a free one)\n`,
      );
    } else if (code === 'EACCES') {
      err(
        `${pc.red('error')} not allowed to listen on ${options.host}:${options.port}; choose a port above 1023 with --port N\n`,
      );
    } else {
      err(`${pc.red('error')} could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    }
    return 1;
  }

  const services = runtime.services;
  const first = services[0]!;
  const regenerate = ['lambdaport docs', ...dirs.map((dir) => `--dir ${dir}`)].join(' ');
  try {
    docs = await createDocsSite(services, { watch: options.watch, regenerate });
    for (const problem of [...docs.loaded.problems, ...docs.loaded.eventProblems]) {
      err(`${pc.yellow('lambdaport')} contract: ${formatContractProblem(problem)}\n`);
    }
  } catch (error) {
    // the functions run without docs
    err(`${pc.yellow('lambdaport')} docs unavailable: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  const info: BannerInfo = {
    url: runtime.url,
    stage: options.stage ?? first.stage,
    region: first.region,
    state: options.ephemeral ? undefined : path.resolve(options.state ?? path.join(dirs[0]!, '.lambdaport')),
    watch: options.watch,
    host: options.host,
    iam: options.iam ?? 'enforce',
    hostNode: process.versions.node,
    memory: { limitMb: runtime.maxMemoryMb, source: options.maxMemory === undefined ? 'default' : 'given' },
    events: {
      durable: runtime.events.durable,
      file: runtime.events.file,
      retryDelaysMs: runtime.events.retryDelaysMs,
    },
    functions: services.flatMap((service) =>
      service.functions.map(
        (fn): BannerFunction => ({
          service: fn.service,
          // an older major's function shows as `get@v1` (the banner prints `records.get@v1`)
          name: fn.current ? fn.name : `${fn.name}@v${fn.major}`,
          deployedName: fn.deployedName,
          url: fn.url === undefined ? undefined : runtime.functionUrl(fn),
          // said for the Node functions whose config names their runtime (the others run on the host's Node)
          node: localNodeRuntime(fn) === undefined ? undefined : runtime.nodeOf(fn),
          ...sampleOf(fn, docs?.loaded),
          queue:
            fn.queue === undefined
              ? undefined
              : {
                  name: fn.queue.queueName,
                  subscribes: fn.subscriptions.map((s) =>
                    s.event === undefined ? `a pattern on ${s.busName}` : `${s.event.service}.${s.event.name}`,
                  ),
                },
        }),
      ),
    ),
    tables: services.flatMap((service) =>
      service.tables.map((table) => ({
        service: table.service,
        name: table.name,
        tableName: table.tableName,
        seedFile: table.seedFile === undefined ? undefined : path.relative(process.cwd(), table.seedFile),
      })),
    ),
    docsUrl: docs === undefined ? undefined : `${runtime.url}${DOCS_PATH}`,
  };
  process.stdout.write(renderBanner(info));

  const signal = await stopSignal;
  err(pc.dim(`\n${signal}: stopping...\n`));
  // A second signal while stopping: leave at once.
  const force = () => process.exit(1);
  process.once('SIGINT', force);
  process.once('SIGTERM', force);
  await runtime.stop();
  err(pc.dim('stopped\n'));
  // Nothing of ours is left; do not let a stray handle keep the process alive.
  setTimeout(() => process.exit(0), 1000).unref();
  return 0;
}

/** The banner's sample of a function: its contract's first example input, or why there is none. */
function sampleOf(fn: LocalFunction, loaded: LoadedContracts | undefined): Pick<BannerFunction, 'sample' | 'noSample'> {
  const contract = loaded?.contracts.find((c) => c.fn === fn);
  const example = contract?.examples[0];
  if (example !== undefined) return { sample: { input: example.input } };
  if (contract !== undefined) return { sample: undefined, noSample: 'its contract has no example' };
  if (fn.contract === undefined) return { sample: undefined, noSample: 'it has no contract' };
  return { sample: undefined, noSample: 'its contract did not load' };
}
