/**
 * `checkServices`: the whole comparison of `lambdaport check`: each service's current contracts (as a lock) against
 * its baseline, with the callers found in the `calls` of every service given, and the functions whose contract could
 * not be loaded left out (their problems are the caller's to report).
 */
import type { LoadedService } from '@lambdaport/config';
import { functionLabel } from '@lambdaport/config';
import type { ContractProblem, LoadedContract } from '../contracts/types.js';
import type { Baseline } from './baselines.js';
import { type CallerEntry, compareLocks } from './compare-locks.js';
import type { Difference } from './difference.js';
import { LOCKFILE_VERSION, lockOf, type ServiceLock } from './lock/lock-file.js';

/** The outcome for one service. */
export interface ServiceCheck {
  readonly service: string;
  /** Absolute path of the service dir. */
  readonly dir: string;
  /** Where the baseline was read, or would be (a missing lock file). */
  readonly baseline: string;
  /** False when there was no lock to compare with (every function then counts as added). */
  readonly hadLock: boolean;
  /** The current contracts as a lock (what `--update` writes). */
  readonly current: ServiceLock;
  readonly differences: readonly Difference[];
}

/** The outcome of a check. */
export interface CheckResult {
  readonly services: readonly ServiceCheck[];
  /** Functions whose contract could not be loaded (not compared). */
  readonly problems: readonly ContractProblem[];
  /** The breaking differences of every service. */
  readonly breaking: readonly Difference[];
}

/**
 * Compares every service with its baseline.
 *
 * @example
 * const services = await loadServices(dirs);
 * const { contracts, problems } = await loadContracts(services);
 * const result = checkServices(services, contracts, problems, await readBaselines(services, { kind: 'lock' }));
 * if (result.breaking.length > 0) process.exitCode = 1;
 */
export function checkServices(
  services: readonly LoadedService[],
  contracts: readonly LoadedContract[],
  problems: readonly ContractProblem[],
  baselines: readonly Baseline[],
): CheckResult {
  const checks: ServiceCheck[] = [];
  for (const service of services) {
    const baseline = baselines.find((b) => b.service === service.service);
    const current = lockOf(service.service, contracts);
    const locked = baseline?.lock ?? { lockfileVersion: LOCKFILE_VERSION, service: service.service, functions: {} };
    const differences = compareLocks(locked, current, {
      callers: callersOf(services, service.service),
      unknown: unknownOf(problems, service.service),
    });
    checks.push({
      service: service.service,
      dir: service.dir,
      baseline: baseline?.source ?? '',
      hadLock: baseline?.lock !== undefined,
      current,
      differences,
    });
  }
  return {
    services: checks,
    problems,
    breaking: checks.flatMap((c) => c.differences.filter((d) => d.verdict === 'breaking')),
  };
}

/** The `calls` entries of every function of `services` that name a function of `service`. */
function callersOf(services: readonly LoadedService[], service: string): CallerEntry[] {
  return services.flatMap((s) =>
    s.functions.flatMap((fn) =>
      fn.calls
        .filter((call) => call.service === service)
        .map((call) => ({
          caller: functionLabel(fn),
          function: call.function,
          entry: call.entry,
          pinnedMajor: call.pinned ? call.major : undefined,
        })),
    ),
  );
}

function unknownOf(problems: readonly ContractProblem[], service: string): Map<string, Set<number>> {
  const unknown = new Map<string, Set<number>>();
  for (const problem of problems) {
    if (problem.service !== service) continue;
    const majors = unknown.get(problem.function) ?? new Set<number>();
    majors.add(problem.major);
    unknown.set(problem.function, majors);
  }
  return unknown;
}
