/**
 * The deploy order of stacks whose rules name another service's bus: a rule can only be created on a bus that exists,
 * and the bus belongs to the publisher's stack, so a subscriber's stack depends on the publisher's (the toolkit then
 * deploys the publisher first and destroys it last). Only services synthesized together are ordered; two services
 * subscribing to each other's buses cannot both come first: the edge that would close the cycle is left out and
 * reported.
 */
import type { Stack } from 'aws-cdk-lib/core';
import type { PreparedService } from '../prepare/types.js';

/** A stack and the service it deploys. */
export interface ServiceStack {
  readonly prepared: PreparedService;
  readonly stack: Stack;
}

/** A dependency left out because it would close a cycle: `subscriber` rules on `publisher`'s bus. */
export interface SkippedDependency {
  readonly subscriber: string;
  readonly publisher: string;
  readonly busName: string;
}

/**
 * Makes each stack depend on the stacks owning the buses its rules name. Returns the dependencies left out (cycles).
 *
 * @example
 * orderStacksByBus([{ prepared: orders, stack: ordersStack }, { prepared: notifications, stack: notificationsStack }]);
 * notificationsStack.dependencies; // [ordersStack]
 */
export function orderStacksByBus(stacks: readonly ServiceStack[]): SkippedDependency[] {
  const owners = new Map<string, ServiceStack>();
  for (const entry of stacks) {
    const busName = entry.prepared.service.events[0]?.busName;
    if (busName !== undefined) owners.set(busName, entry);
  }
  const edges = new Map<Stack, Set<Stack>>();
  const skipped: SkippedDependency[] = [];
  for (const entry of stacks) {
    for (const busName of busesNamed(entry.prepared)) {
      const owner = owners.get(busName);
      if (owner === undefined || owner === entry || edges.get(entry.stack)?.has(owner.stack)) continue;
      if (reaches(edges, owner.stack, entry.stack)) {
        skipped.push({
          subscriber: entry.prepared.service.service,
          publisher: owner.prepared.service.service,
          busName,
        });
        continue;
      }
      edges.set(entry.stack, (edges.get(entry.stack) ?? new Set()).add(owner.stack));
      entry.stack.addStackDependency(owner.stack, `rules on the bus ${busName}`);
    }
  }
  return skipped;
}

/** The buses the service's rules are on, each once. */
function busesNamed(prepared: PreparedService): Set<string> {
  return new Set(prepared.service.functions.flatMap((fn) => fn.subscriptions.map((s) => s.busName)));
}

/** Whether `from` already depends, directly or not, on `to`. */
function reaches(edges: ReadonlyMap<Stack, ReadonlySet<Stack>>, from: Stack, to: Stack): boolean {
  const seen = new Set<Stack>();
  const pending = [from];
  while (pending.length > 0) {
    const stack = pending.pop()!;
    if (stack === to) return true;
    if (seen.has(stack)) continue;
    seen.add(stack);
    pending.push(...(edges.get(stack) ?? []));
  }
  return false;
}
