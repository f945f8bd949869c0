/**
 * How a friendly name (`records.get`) maps to a service, a function, an SSM parameter and an environment variable.
 * See docs/design/client.md.
 */

/** The two halves of a friendly name: `records.get` → `{ service: 'records', fn: 'get' }`. */
export interface FriendlyName {
  readonly service: string;
  readonly fn: string;
}

const FRIENDLY = /^[a-z][a-z0-9-]*\.[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Splits a friendly name at its first dot; throws a TypeError naming the bad value.
 *
 * @example
 * parseFriendlyName('records.get') // { service: 'records', fn: 'get' }
 */
export function parseFriendlyName(name: string): FriendlyName {
  if (typeof name !== 'string' || !FRIENDLY.test(name)) {
    throw new TypeError(`Not a friendly function name: ${JSON.stringify(name)} (expected "<service>.<function>")`);
  }
  const dot = name.indexOf('.');
  return { service: name.slice(0, dot), fn: name.slice(dot + 1) };
}

/**
 * The alias a contract's major version is published as.
 *
 * @example
 * aliasOf(2) // 'v2'
 */
export function aliasOf(version: number): string {
  return `v${version}`;
}

/**
 * The SSM path holding a service's functions.
 *
 * @example
 * servicePath('/lambdaport', 'dev', 'records') // '/lambdaport/dev/records'
 */
export function servicePath(prefix: string, stage: string, service: string): string {
  return `${prefix}/${stage}/${service}`;
}

/**
 * The environment variable that overrides a name: upper-case, non-alphanumerics as `_`.
 *
 * @example
 * envVarName({ service: 'records', fn: 'get' }, 2) // 'LAMBDAPORT_FUNCTION_RECORDS_GET_V2'
 */
export function envVarName(name: FriendlyName, version?: number): string {
  const base = `LAMBDAPORT_FUNCTION_${name.service}_${name.fn}`.toUpperCase().replace(/[^A-Z0-9]/g, '_');
  return version === undefined ? base : `${base}_V${version}`;
}

/**
 * True when a Lambda function name or ARN already carries a qualifier:
 * `arn:aws:lambda:r:a:function:f:v1`, `a:function:f:v1`, `f:v1`.
 *
 * @example
 * isQualified('my-fn:live') // true
 */
export function isQualified(functionName: string): boolean {
  const parts = functionName.split(':').length;
  if (functionName.startsWith('arn:')) return parts >= 8;
  if (functionName.includes(':function:')) return parts >= 4;
  return parts >= 2;
}
