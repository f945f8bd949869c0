/** How a resolved function is named to a person: its friendly name, with the major for an older one. */
import { friendlyName } from 'lambdaport/names';
import type { LocalFunction } from './types.js';

/**
 * `records.get` for the function serving the current major; `records.get@v1` for an older major's.
 *
 * @example
 * functionLabel(fn); // 'records.get@v1'
 */
export function functionLabel(fn: Pick<LocalFunction, 'service' | 'name' | 'major' | 'current'>): string {
  const name = friendlyName(fn.service, fn.name);
  return fn.current ? name : `${name}@v${fn.major}`;
}
