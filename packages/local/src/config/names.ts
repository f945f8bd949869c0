/**
 * Names as in the cloud: deployed function names, ARNs, table names and SSM parameter names.
 */
import { createHash } from 'node:crypto';

/**
 * The deployed name of a function: `<stage>-<service>-<function>-<hash6>`, where `hash6` is the first 6 hex
 * characters of sha256(`<stage>/<service>/<function>`). Stable across restarts and machines.
 *
 * @example
 * deployedName('dev', 'records', 'get'); // 'dev-records-get-' + 6 hex characters
 */
export function deployedName(stage: string, service: string, fn: string): string {
  const hash = createHash('sha256').update(`${stage}/${service}/${fn}`).digest('hex').slice(0, 6);
  return `${stage}-${service}-${fn}-${hash}`;
}

/**
 * The ARN of a function (unqualified).
 *
 * @example
 * functionArn('us-east-1', '000000000000', 'dev-records-get-1a2b3c');
 * // 'arn:aws:lambda:us-east-1:000000000000:function:dev-records-get-1a2b3c'
 */
export function functionArn(region: string, accountId: string, name: string): string {
  return `arn:aws:lambda:${region}:${accountId}:function:${name}`;
}

/**
 * The DynamoDB table name of a config table: `<stage>-<service>-<table>`.
 *
 * @example
 * tableName('dev', 'records', 'records'); // 'dev-records-records'
 */
export function tableName(stage: string, service: string, table: string): string {
  return `${stage}-${service}-${table}`;
}

/**
 * The SSM parameter that maps a friendly function name to its ARN: `/lambdaport/<stage>/<service>/<function>`.
 *
 * @example
 * parameterName('dev', 'records', 'get'); // '/lambdaport/dev/records/get'
 */
export function parameterName(stage: string, service: string, fn: string): string {
  return `/lambdaport/${stage}/${service}/${fn}`;
}
