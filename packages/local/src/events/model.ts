/**
 * What the local EventBridge keeps: buses, their rules, the rules' targets; and their ARNs.
 */
import type { EventMatcher } from './pattern/index.js';

/** The bus every account has. */
export const DEFAULT_BUS = 'default';

/** A rule's target: where matching events go (a function now; a queue or another bus later). */
export interface Target {
  readonly Id: string;
  readonly Arn: string;
  /** Constant JSON sent instead of the event. */
  readonly Input?: string | undefined;
}

/** A rule on a bus. */
export interface Rule {
  readonly name: string;
  readonly bus: string;
  readonly eventPattern: string | undefined;
  readonly state: 'ENABLED' | 'DISABLED';
  readonly description: string | undefined;
  /** The compiled pattern (undefined for a rule without one, which matches nothing here: schedules are not run). */
  readonly matcher: EventMatcher | undefined;
  readonly targets: Map<string, Target>;
}

/** A bus and its rules by name. */
export interface Bus {
  readonly name: string;
  readonly rules: Map<string, Rule>;
}

/** ARNs in one region and account. */
export interface EventsArns {
  readonly region: string;
  readonly accountId: string;
}

/** `arn:aws:events:<region>:<account>:event-bus/<name>`. */
export function busArn(where: EventsArns, bus: string): string {
  return `arn:aws:events:${where.region}:${where.accountId}:event-bus/${bus}`;
}

/** `arn:aws:events:<region>:<account>:rule/<name>` on the default bus, `rule/<bus>/<name>` on another. */
export function ruleArn(where: EventsArns, bus: string, rule: string): string {
  const path = bus === DEFAULT_BUS ? rule : `${bus}/${rule}`;
  return `arn:aws:events:${where.region}:${where.accountId}:rule/${path}`;
}

/** A bus named by name or ARN (`EventBusName` takes either); the default bus when none. */
export function busName(value: unknown): string {
  if (typeof value !== 'string' || value === '') return DEFAULT_BUS;
  const marker = ':event-bus/';
  const at = value.indexOf(marker);
  return value.startsWith('arn:') && at >= 0 ? value.slice(at + marker.length) : value;
}
