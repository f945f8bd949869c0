/**
 * How a contract problem is said: `<config file>: <key path>: <message>`, like a config issue.
 */
import { displayFile } from '@lambdaport/config';
import type { ContractProblem, EventContractProblem } from './types.js';

/**
 * One line per problem (of a function's contract or an event's), naming the config file (relative to the working
 * directory when below it) and the key.
 *
 * @example
 * for (const problem of problems) console.error(formatContractProblem(problem));
 * // examples/records/lambdaport.config.ts: functions.get.contract: src/contract.ts has no export getRecrd (...)
 * // examples/orders/lambdaport.config.ts: events.OrderCreated.contract: the event contract src/events.ts#OrderCreated has source "shop", ...
 */
export function formatContractProblem(problem: ContractProblem | EventContractProblem): string {
  return `${displayFile(problem.configFile)}: ${problem.keyPath}: ${problem.message}`;
}
