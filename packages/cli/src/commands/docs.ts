/**
 * `lambdaport docs`: generates the Markdown docs of the services' contracts into a folder, or (`--check`) fails when
 * the folder differs from what the contracts generate. The work is `@lambdaport/governance`'s; this file reads the
 * options and says the outcome.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { formatIssue, isConfigError, loadServices } from '@lambdaport/config';
import {
  compareDocs,
  type DocsDifference,
  formatContractProblem,
  generateDocs,
  isSame,
  loadContracts,
  writeDocs,
} from '@lambdaport/governance';
import pc from 'picocolors';
import { docsGraph } from '../internal/docs-graph.js';
import type { Output } from './invoke.js';

/** Options of the docs command (as commander parses them). */
export interface DocsOptions {
  readonly dir: readonly string[];
  readonly out: string;
  readonly check?: boolean | undefined;
  readonly stage?: string | undefined;
}

/** The default `--out`. */
export const DEFAULT_DOCS_OUT = 'docs/services';

/** Exit codes of `lambdaport docs`. */
export const DOCS_EXIT = { ok: 0, outOfDate: 1, badInput: 2 } as const;

const processOutput: Output = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/**
 * Runs `lambdaport docs`; resolves with the exit code: 0 written (or up to date with `--check`), 1 `--check` found a
 * difference, 2 bad input (a config or contract problem, a schema with no JSON form, an `--out` that is a file).
 *
 * @example
 * process.exitCode = await docsCommand({ dir: ['examples/records'], out: 'examples/docs', check: true });
 */
export async function docsCommand(options: DocsOptions, output: Output = processOutput): Promise<number> {
  const started = performance.now();
  const dirs = options.dir.length === 0 ? ['.'] : [...options.dir];
  const outInfo = await stat(options.out).catch(() => undefined);
  if (outInfo !== undefined && !outInfo.isDirectory()) {
    output.err(
      `${pc.red('error')} --out ${options.out} is a file; expected a folder for the docs (created if missing)\n`,
    );
    return DOCS_EXIT.badInput;
  }
  let services: Awaited<ReturnType<typeof loadServices>>;
  try {
    services = await loadServices(dirs, options.stage === undefined ? {} : { stage: options.stage });
  } catch (error) {
    if (!isConfigError(error)) throw error;
    output.err(`${pc.red(pc.bold('Invalid config'))}; no docs generated:\n`);
    for (const issue of error.issues) output.err(`  ${formatIssue(issue)}\n`);
    return DOCS_EXIT.badInput;
  }
  const { contracts, problems, events, eventProblems } = await loadContracts(services);
  const all = [...problems, ...eventProblems];
  if (all.length > 0) {
    const count = `${all.length} ${all.length === 1 ? 'problem' : 'problems'}`;
    output.err(`${pc.red(pc.bold('Contracts'))} (${count}); no docs generated:\n`);
    for (const problem of all) output.err(`  ${formatContractProblem(problem)}\n`);
    return DOCS_EXIT.badInput;
  }
  const regenerate = regenerateCommand(dirs, options);
  const graph = docsGraph(services, contracts);
  const files = generateDocs({ services, contracts, problems, events, eventProblems, regenerate, graph }, 'markdown');
  const took = `${Math.round(performance.now() - started)} ms`;
  if (options.check) {
    const difference = await compareDocs(options.out, files);
    if (isSame(difference)) {
      output.out(
        `docs in ${options.out} are up to date (${files.size} files, ${contracts.length} functions, ${took})\n`,
      );
      return DOCS_EXIT.ok;
    }
    output.err(describeDifference(options.out, difference));
    output.err(`regenerate them with:\n  ${regenerate}\n`);
    return DOCS_EXIT.outOfDate;
  }
  const { removed } = await writeDocs(options.out, files);
  const gone = removed.length === 0 ? '' : `; removed ${removed.join(', ')}`;
  output.out(`wrote ${files.size} files to ${options.out} (${contracts.length} functions, ${took})${gone}\n`);
  return DOCS_EXIT.ok;
}

/** The command that writes these docs again: the same dirs, `--out` and `--stage`, as given, without `--check`. */
function regenerateCommand(dirs: readonly string[], options: DocsOptions): string {
  const shown = (p: string) => path.normalize(p).split(path.sep).join('/');
  const parts = ['lambdaport docs', ...dirs.map((dir) => `--dir ${shown(dir)}`), `--out ${shown(options.out)}`];
  if (options.stage !== undefined) parts.push(`--stage ${options.stage}`);
  return parts.join(' ');
}

function describeDifference(out: string, difference: DocsDifference): string {
  const lines = [`${pc.red(pc.bold('docs out of date'))}: ${out} differs from what the contracts generate:`];
  for (const file of difference.missing) lines.push(`  missing  ${path.join(out, file)}`);
  for (const change of difference.changed) {
    lines.push(`  changed  ${path.join(out, change.file)} (first at line ${change.line})`);
    lines.push(`           - ${change.found}`);
    lines.push(`           + ${change.expected}`);
  }
  for (const file of difference.stale) lines.push(`  stale    ${path.join(out, file)} (no longer generated)`);
  return `${lines.join('\n')}\n`;
}
