/**
 * `lambdaport events`: the queue of asynchronous (`Event`) invocations of a running `lambdaport dev` (depth, oldest
 * age, in flight, waiting for a retry, throttled, per function), read from its `GET /_lambdaport/events`.
 */
import pc from 'picocolors';
import { defaultEndpoint, type Output } from './invoke.js';

/** Options of the events command. */
export interface EventsOptions {
  readonly endpoint?: string | undefined;
  /** Print the summary as JSON. */
  readonly json?: boolean | undefined;
}

/** The summary as the runtime sends it. */
interface Summary {
  readonly durable: boolean;
  readonly file: string | undefined;
  readonly depth: number;
  readonly inFlight: number;
  readonly waitingRetry: number;
  readonly throttled: number;
  readonly oldestAgeMs: number;
  readonly retries: number;
  readonly delivered: number;
  readonly retried: number;
  readonly discarded: number;
  readonly functions: readonly {
    readonly function: string;
    readonly depth: number;
    readonly inFlight: number;
    readonly waitingRetry: number;
    readonly throttled: number;
    readonly oldestAgeMs: number;
    readonly retries: number;
  }[];
}

const processOutput: Output = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/**
 * Runs the events command; resolves with the exit code (0, or 1 when the runtime cannot be read).
 *
 * @example
 * process.exitCode = await eventsCommand({ endpoint: 'http://127.0.0.1:3000', json: true });
 */
export async function eventsCommand(options: EventsOptions, output: Output = processOutput): Promise<number> {
  const endpoint = (options.endpoint ?? defaultEndpoint()).replace(/\/+$/, '');
  let summary: Summary;
  try {
    const response = await fetch(`${endpoint}/_lambdaport/events`);
    if (!response.ok) throw new Error(`it answered ${response.status} (is it a lambdaport dev runtime?)`);
    summary = (await response.json()) as Summary;
  } catch (error) {
    output.err(
      `${pc.red('error')} could not read the event queue of ${endpoint}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 1;
  }
  if (options.json) {
    output.out(`${JSON.stringify(summary, null, 2)}\n`);
    return 0;
  }
  const where = summary.durable ? `durable, ${summary.file}` : 'in memory (--ephemeral)';
  output.out(
    `${pc.bold('Event queue')} ${pc.dim(`(${where})`)}\n` +
      `  depth ${summary.depth} · in flight ${summary.inFlight} · waiting for a retry ${summary.waitingRetry} · throttled ${summary.throttled} · oldest ${age(summary.oldestAgeMs)}\n` +
      `  since start: delivered ${summary.delivered} · retried ${summary.retried} · discarded ${summary.discarded}\n`,
  );
  if (summary.functions.length > 0) {
    const width = Math.max(...summary.functions.map((f) => f.function.length));
    output.out(`\n  ${'function'.padEnd(width)}  depth  in flight  retrying  throttled  oldest  retries\n`);
    for (const f of summary.functions) {
      output.out(
        `  ${f.function.padEnd(width)}  ${String(f.depth).padStart(5)}  ${String(f.inFlight).padStart(9)}  ${String(f.waitingRetry).padStart(8)}  ${String(f.throttled).padStart(9)}  ${age(f.oldestAgeMs).padStart(6)}  ${String(f.retries).padStart(7)}\n`,
      );
    }
  }
  return 0;
}

function age(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 120_000) return `${Math.round(ms / 1000)} s`;
  return `${Math.round(ms / 60_000)} min`;
}
