/**
 * How a contract problem is said: `<config file>: <key path>: <message>`, like a config issue.
 */
import { displayFile } from '@lambdaport/config';
import type { ContractProblem } from './types.js';

/**
 * One line per problem, naming the config file (relative to the working directory when below it) and the key.
 *
 * @example
 * for (const problem of problems) console.error(formatContractProblem(problem));
 * // examples/records/lambdaport.config.ts: functions.get.contract: src/contract.ts has no export getRecrd (...)
 */
export function formatContractProblem(problem: ContractProblem): string {
  return `${displayFile(problem.configFile)}: ${problem.keyPath}: ${problem.message}`;
}
