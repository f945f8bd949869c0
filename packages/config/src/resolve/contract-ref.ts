/**
 * A config's `path/file.ts#export` reference to a contract (of a function, a major or an event), resolved against the
 * service dir.
 */
import path from 'node:path';
import type { ContractRef } from '../types.js';

/**
 * The module and export a contract reference names, or undefined when the config names none.
 *
 * @example
 * contractRef('src/events.ts#OrderCreated', '/srv/orders'); // { file: '/srv/orders/src/events.ts', exportName: 'OrderCreated' }
 */
export function contractRef(contract: string | undefined, dir: string): ContractRef | undefined {
  if (contract === undefined) return undefined;
  const hash = contract.lastIndexOf('#');
  return { file: path.resolve(dir, contract.slice(0, hash)), exportName: contract.slice(hash + 1) };
}
