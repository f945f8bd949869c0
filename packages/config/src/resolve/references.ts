/**
 * References resolved to stage-correct names: environment values (`{ table }`, `{ function }`) and `calls` entries.
 */
import type { EnvironmentValue } from 'lambdaport/config';
import {
  deployedName,
  friendlyName,
  parseFriendlyCall,
  parseFriendlyName,
  ssmServicePath,
  tableName,
} from 'lambdaport/names';
import { calleeOf, type ServiceDirectory } from '../references/directory.js';
import type { ResolvedCall } from '../types.js';

/** The service a reference is resolved from. */
export interface ReferenceScope {
  readonly service: string;
  readonly stage: string;
  readonly directory: ServiceDirectory;
}

/**
 * An environment with its references resolved: `{ table: 'records' }` → `<stage>-<service>-records`;
 * `{ function: 'records.get' }` → the deployed name of that function's current major (in its own stage when it is
 * loaded here, else in this one).
 *
 * @example
 * resolveEnvironment({ TABLE: { table: 'records' } }, scope); // { TABLE: 'dev-records-records' }
 */
export function resolveEnvironment(
  environment: Readonly<Record<string, EnvironmentValue>>,
  scope: ReferenceScope,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(environment)) {
    if (typeof value === 'string') out[key] = value;
    else if ('table' in value) out[key] = tableName(scope.stage, scope.service, value.table);
    else {
      const { service, fn } = parseFriendlyName(value.function);
      out[key] = calleeOf(scope.directory, service, fn)?.deployedName ?? deployedName(scope.stage, service, fn);
    }
  }
  return out;
}

/**
 * `calls` entries resolved to their callees: the alias ARN of the function serving the major called, when the
 * callee's service is loaded here; the SSM path of the callee's service in any case.
 *
 * @example
 * resolveCalls(['records.get@v1'], scope)[0]?.aliasArn; // 'arn:aws:lambda:us-east-1:000000000000:function:dev-records-get-27ab43:v1'
 */
export function resolveCalls(entries: readonly string[], scope: ReferenceScope): ResolvedCall[] {
  return entries.map((entry): ResolvedCall => {
    const { service, fn, major } = parseFriendlyCall(entry);
    const callee = calleeOf(scope.directory, service, fn, major);
    return {
      entry,
      friendlyName: friendlyName(service, fn),
      service,
      function: fn,
      pinned: major !== undefined,
      major: callee?.major ?? major,
      ssmPath: ssmServicePath(scope.stage, service),
      deployedName: callee?.deployedName,
      aliasArn: callee?.aliasArn,
    };
  });
}
