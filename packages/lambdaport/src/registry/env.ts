/**
 * Environment variable overrides: `LAMBDAPORT_FUNCTION_<SERVICE>_<FUNCTION>[_V<N>]` = a function name or ARN.
 */
import { aliasName, envOverrideName, isQualified, parseFriendlyName } from '../names.js';
import type { Registry, ResolvedFunction, ResolveOptions } from './types.js';

/**
 * Wraps a registry so that an environment variable, when set, wins: `LAMBDAPORT_FUNCTION_RECORDS_GET_V2` for one
 * version, `LAMBDAPORT_FUNCTION_RECORDS_GET` for all.
 *
 * @example
 * // LAMBDAPORT_FUNCTION_RECORDS_GET=arn:aws:lambda:us-east-1:000000000000:function:my-records
 * const registry = envOverrides(ssmRegistry());
 */
export function envOverrides(inner: Registry, env: NodeJS.ProcessEnv = process.env): Registry {
  const names = new Map<string, { versioned: string; plain: string }>();
  return {
    invalidate(name: string) {
      inner.invalidate?.(name);
    },
    resolve(name: string, version: number, options?: ResolveOptions) {
      const key = `${name}:${version}`;
      let vars = names.get(key);
      if (!vars) {
        const parsed = parseFriendlyName(name);
        vars = { versioned: envOverrideName(parsed, version), plain: envOverrideName(parsed) };
        names.set(key, vars);
      }
      const versioned = env[vars.versioned];
      const value = versioned || env[vars.plain];
      if (!value) return inner.resolve(name, version, options);
      const resolved: ResolvedFunction = {
        name,
        version,
        functionName: value,
        qualifier: isQualified(value) ? undefined : aliasName(version),
        source: 'env',
        parameter: versioned ? vars.versioned : vars.plain,
      };
      return resolved;
    },
  };
}
