/**
 * What the docs are generated from: the services as the config resolves them, their contracts as loaded, the problems
 * of those that did not load (the HTML pages of `lambdaport dev` show them; `lambdaport docs` refuses them), and what
 * other tools add.
 */
import type { LoadedService, LocalFunction } from '@lambdaport/config';
import type { ContractProblem, LoadedContract } from '../contracts/types.js';

/** The input of {@link generateDocs}. */
export interface DocsInput {
  readonly services: readonly LoadedService[];
  readonly contracts: readonly LoadedContract[];
  readonly problems: readonly ContractProblem[];
  /** The command that regenerates the Markdown (said at the top of every page). */
  readonly regenerate: string;
  /** The call graph as SVG (drawn by `lambdaport graph`): shown on the index when given. */
  readonly graph?: { readonly svg: string } | undefined;
}

/** A caller of a function major, from the `calls` of the services given. */
export interface Caller {
  /** `orders.create` (`@vN` for an older major's function). */
  readonly label: string;
  readonly service: string;
  readonly function: string;
  /** As its config writes it: `records.get@v1`. */
  readonly entry: string;
}

/**
 * The callers of `callee` among `services`: every function whose `calls` reach the major it serves (an entry without
 * `@vN` reaches the current major).
 *
 * @example
 * callersOf(records.functions[0], services); // [{ label: 'orders.create', entry: 'records.get@v1', ... }]
 */
export function callersOf(callee: LocalFunction, services: readonly LoadedService[]): Caller[] {
  const callers: Caller[] = [];
  for (const service of services) {
    for (const fn of service.functions) {
      for (const call of fn.calls) {
        if (call.service !== callee.service || call.function !== callee.name) continue;
        const major = call.pinned ? call.major : undefined;
        if (major === undefined ? !callee.current : major !== callee.major) continue;
        callers.push({
          label: fn.current ? `${fn.service}.${fn.name}` : `${fn.service}.${fn.name}@v${fn.major}`,
          service: fn.service,
          function: fn.name,
          entry: call.entry,
        });
      }
    }
  }
  return callers;
}

/** The page of a service: its name, unless that is the index's. */
export function servicePageName(service: string): string {
  return service === 'index' ? 'service-index' : service;
}

/** The JSON Schema file of a function major's input or output, relative to the docs folder. */
export function schemaFile(contract: LoadedContract, side: 'input' | 'output'): string {
  return `schemas/${contract.service}/${contract.function}.v${contract.major}.${side}.json`;
}
