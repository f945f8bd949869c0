/**
 * How `lambdaport check` reports: text for people (each difference with the function, the major, the schema path,
 * the rule, why, and for a breaking one the fix) and JSON for machines (`--json`).
 */
import { displayFile } from '@lambdaport/config';
import { formatContractProblem } from '../contracts/problems.js';
import type { CheckResult } from './check-services.js';
import type { Difference } from './difference.js';
import { lockFilePath } from './lock/lock-file.js';
import { ruleById } from './rules.js';

/** How the check was run, for the words of its report. */
export interface ReportOptions {
  /** `--update`: the locks were rewritten. */
  readonly updated?: boolean;
}

/** Where a difference is: `input /properties/id/maximum`, `errors.RecordNotFound`, or nothing for a function. */
export function placeOf(d: Difference): string {
  if (d.part === '') return '';
  return d.pointer === '' ? d.part : `${d.part} ${d.pointer}`;
}

/**
 * The report as text, one block per service.
 *
 * @example
 * process.stdout.write(renderCheckText(result));
 */
export function renderCheckText(result: CheckResult, options: ReportOptions = {}): string {
  const lines: string[] = [];
  if (result.problems.length > 0) {
    lines.push(`contracts that could not be loaded (not compared):`);
    for (const problem of result.problems) lines.push(`  ${formatContractProblem(problem)}`);
    lines.push('');
  }
  for (const check of result.services) {
    const against = check.hadLock
      ? `compared with ${check.baseline}`
      : `no lock at ${check.baseline}: every function is new`;
    if (check.differences.length === 0) {
      lines.push(`${check.service}: ${against}: no change`);
      continue;
    }
    lines.push(`${check.service}: ${against}`);
    for (const d of check.differences) {
      const place = placeOf(d);
      const head = `  ${d.verdict === 'breaking' ? 'BREAKING' : 'safe    '}  ${d.service}.${d.function} v${d.major}${place === '' ? '' : `  ${place}`}: ${d.detail} [${d.rule}]`;
      lines.push(head);
      lines.push(`            ${ruleById(d.rule).why}`);
      if (d.fix !== undefined) lines.push(`            fix: ${d.fix}`);
    }
  }
  lines.push('');
  lines.push(summary(result, options));
  return `${lines.join('\n')}\n`;
}

function summary(result: CheckResult, options: ReportOptions): string {
  const majors = [...new Set(result.breaking.map((d) => `${d.service}.${d.function} v${d.major}`))];
  const count = result.breaking.length;
  const breaking = `${count} breaking change${count === 1 ? '' : 's'}`;
  if (options.updated) {
    const written = result.services.map((s) => displayFile(lockFilePath(s.dir))).join(', ');
    return count > 0
      ? `locks rewritten (${written}), accepting ${breaking} (${majors.join(', ')}): callers of those majors break`
      : `locks rewritten: ${written}`;
  }
  if (result.problems.length > 0) {
    return `check incomplete: ${result.problems.length} contract problem${result.problems.length === 1 ? '' : 's'}${count > 0 ? `, and ${breaking}` : ''}`;
  }
  if (count > 0) return `check failed: ${breaking} under the same major (${majors.join(', ')})`;
  return 'check passed: no breaking change';
}

/** The report as JSON data (`--json`). */
export interface CheckJson {
  /** True when nothing breaks and every contract loaded. */
  readonly ok: boolean;
  readonly updated: boolean;
  readonly breaking: number;
  readonly services: readonly {
    readonly service: string;
    readonly baseline: string;
    readonly hadLock: boolean;
    readonly differences: readonly (Difference & { readonly why: string })[];
  }[];
  readonly problems: readonly {
    readonly kind: string;
    readonly service: string;
    readonly function: string;
    readonly major: number;
    readonly file: string;
    readonly keyPath: string;
    readonly message: string;
  }[];
}

/**
 * The report as JSON data.
 *
 * @example
 * process.stdout.write(`${JSON.stringify(checkJson(result), null, 2)}\n`);
 */
export function checkJson(result: CheckResult, options: ReportOptions = {}): CheckJson {
  return {
    ok: result.problems.length === 0 && (options.updated === true || result.breaking.length === 0),
    updated: options.updated === true,
    breaking: result.breaking.length,
    services: result.services.map((s) => ({
      service: s.service,
      baseline: s.baseline,
      hadLock: s.hadLock,
      differences: s.differences.map((d) => ({ ...d, why: ruleById(d.rule).why })),
    })),
    problems: result.problems.map((p) => ({
      kind: p.kind,
      service: p.service,
      function: p.function,
      major: p.major,
      file: displayFile(p.configFile),
      keyPath: p.keyPath,
      message: p.message,
    })),
  };
}
