/**
 * References between services, checked across the services loaded together: each `calls` entry, each `async`
 * destination and each `{ function }` value names a function (and a major) its service serves, and each `subscribe`
 * event an event its service declares, when that service is loaded here. A reference to a service not loaded here is
 * not an error (a later tool warns).
 */
import { parseFriendlyCall, parseFriendlyEvent } from 'lambdaport/names';
import type { ValidConfig } from '../schema/index.js';
import type { PendingIssue } from '../validate/issues.js';
import { majorsOf, type ServiceDirectory } from './directory.js';

/**
 * The issues of one valid config's references against the directory.
 *
 * @example
 * const issues = referenceIssues(config, serviceDirectory(loaded));
 */
export function referenceIssues(config: ValidConfig, directory: ServiceDirectory): PendingIssue[] {
  const issues: PendingIssue[] = [];
  for (const [name, fn] of Object.entries(config.functions)) {
    (fn.calls ?? []).forEach((entry, index) => {
      const problem = problemOf(entry, directory);
      if (problem !== undefined) issues.push({ path: ['functions', name, 'calls', index], message: problem });
    });
    for (const side of ['onSuccess', 'onFailure'] as const) {
      const entry = fn.async?.[side];
      if (entry === undefined) continue;
      const problem = problemOf(entry, directory);
      if (problem !== undefined) issues.push({ path: ['functions', name, 'async', side], message: problem });
    }
    (fn.subscribe ?? []).forEach((entry, index) => {
      const event = typeof entry === 'string' ? entry : 'event' in entry ? entry.event : undefined;
      const problem = event === undefined ? undefined : eventProblemOf(event, directory);
      if (problem !== undefined) issues.push({ path: ['functions', name, 'subscribe', index], message: problem });
    });
    const environments: [PropertyKey[], ValidConfig['functions'][string]['environment']][] = [
      [['functions', name, 'environment'], fn.environment],
      ...Object.entries(fn.versions ?? {}).map(([major, older]): [PropertyKey[], typeof fn.environment] => [
        ['functions', name, 'versions', major, 'environment'],
        older.environment,
      ]),
    ];
    for (const [at, environment] of environments) {
      for (const [variable, value] of Object.entries(environment ?? {})) {
        if (typeof value !== 'object' || !('function' in value)) continue;
        const problem = problemOf(value.function, directory);
        if (problem !== undefined) issues.push({ path: [...at, variable], message: problem });
      }
    }
  }
  return issues;
}

/** Why `entry` (`service.fn` or `service.fn@vN`) names nothing served here, or undefined. */
function problemOf(entry: string, directory: ServiceDirectory): string | undefined {
  const { service, fn, major } = parseFriendlyCall(entry);
  const callee = directory.get(service);
  if (callee === undefined) return undefined;
  const majors = callee.functions.get(fn);
  if (majors === undefined) {
    const known = [...callee.functions.keys()];
    return `${service}.${fn} is not a function of service ${service} (its functions: ${known.join(', ') || 'none'})`;
  }
  if (major === undefined || major === majors.current || majors.older.includes(major)) return undefined;
  const served = majorsOf(majors).map((m) => `v${m}`);
  return `${entry}: ${service}.${fn} does not serve major ${major} (it serves ${served.join(', ')})`;
}

/** Why `entry` (`service.Event`) names no event its service declares, or undefined (also for a service not here). */
function eventProblemOf(entry: string, directory: ServiceDirectory): string | undefined {
  const { service, event } = parseFriendlyEvent(entry);
  const publisher = directory.get(service);
  if (publisher === undefined || publisher.events.includes(event)) return undefined;
  const known = publisher.events.join(', ') || 'none';
  return `${entry} is not an event of service ${service} (its events: ${known})`;
}
