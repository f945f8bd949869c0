/**
 * A registry from a fixed map: for tests, scripts and special cases.
 */
import { aliasName, isQualified, parseAliasName, parseFriendlyName } from '../names.js';
import { FunctionNotRegisteredError } from './errors.js';
import type { Registry, ResolvedFunction } from './types.js';

/**
 * Friendly name → function name or ARN. A key `records.get:v2` applies to version 2 only and wins over `records.get`.
 * An unqualified value is invoked with `Qualifier: 'v<N>'`; a qualified one (`my-fn:live`, an alias ARN) as is.
 *
 * @example
 * const registry = staticRegistry({ 'records.get': 'arn:aws:lambda:us-east-1:000000000000:function:dev-records-get-1a2b3c' });
 */
export function staticRegistry(map: Readonly<Record<string, string>>): Registry {
  if (typeof map !== 'object' || map === null) throw new TypeError('staticRegistry: expected an object');
  for (const [key, value] of Object.entries(map)) {
    const colon = key.indexOf(':');
    if (colon !== -1 && parseAliasName(key.slice(colon + 1)) === undefined) {
      throw new TypeError(
        `staticRegistry: key ${JSON.stringify(key)}: expected "<service>.<function>" or "<service>.<function>:v<N>"`,
      );
    }
    parseFriendlyName(colon === -1 ? key : key.slice(0, colon));
    if (typeof value !== 'string' || value === '') {
      throw new TypeError(`staticRegistry: the value of ${JSON.stringify(key)} must be a function name or ARN`);
    }
  }
  const cache = new Map<string, ResolvedFunction>();
  return {
    resolve(name: string, version: number) {
      const key = `${name}:${aliasName(version)}`;
      const hit = cache.get(key);
      if (hit) return hit;
      const parameter = map[key] !== undefined ? key : name;
      const value = map[parameter];
      if (value === undefined) {
        throw new FunctionNotRegisteredError(name, version, `static map key "${name}"`, 'staticRegistry');
      }
      const resolved: ResolvedFunction = Object.freeze({
        name,
        version,
        functionName: value,
        qualifier: isQualified(value) ? undefined : aliasName(version),
        source: 'static' as const,
        parameter,
      });
      cache.set(key, resolved);
      return resolved;
    },
  };
}
