/**
 * What an SSM or DynamoDB request asks of IAM: its action (`ssm:<Operation>`, `dynamodb:<Operation>`) on each resource
 * it names (a parameter's or a table's ARN, an index's; `*` for the listing operations). A body that does not parse
 * asks for the action on `*`: the service itself answers it as malformed afterwards.
 */
import type { Access } from './guard.js';

/** Where the ARNs point. */
export interface ArnScope {
  readonly region: string;
  readonly accountId: string;
  readonly partition?: string;
}

/** A JSON request body as an object; undefined when it is not one. */
export function parseBody(body: Buffer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

const strings = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((v) => typeof v === 'string') : [];

/**
 * The accesses of an SSM request (`x-amz-target: AmazonSSM.<Operation>`).
 *
 * @example
 * ssmAccesses('GetParametersByPath', Buffer.from('{"Path":"/lambdaport/dev/records"}'), scope);
 * // [{ action: 'ssm:GetParametersByPath', resource: 'arn:aws:ssm:us-east-1:000000000000:parameter/lambdaport/dev/records' }]
 */
export function ssmAccesses(operation: string, body: Buffer, scope: ArnScope): Access[] {
  const action = `ssm:${operation}`;
  const input = parseBody(body);
  const arn = (name: string) =>
    `arn:${scope.partition ?? 'aws'}:ssm:${scope.region}:${scope.accountId}:parameter${name.startsWith('/') ? '' : '/'}${name}`;
  const names =
    operation === 'GetParametersByPath'
      ? strings(input?.Path)
      : operation === 'GetParameters' || operation === 'DeleteParameters'
        ? strings(input?.Names)
        : strings(input?.Name);
  // a trailing / or a version or label selector (`/a/b:3`) names the same parameter
  const resources = names.map((name) => arn(name.replace(/:[^/:]*$/, '').replace(/(.)\/+$/, '$1')));
  return (resources.length > 0 ? resources : ['*']).map((resource) => ({ action, resource }));
}

/**
 * The accesses of a DynamoDB request (`x-amz-target: DynamoDB_20120810.<Operation>`).
 *
 * @example
 * dynamodbAccesses('PutItem', Buffer.from('{"TableName":"dev-records-records","Item":{}}'), scope);
 * // [{ action: 'dynamodb:PutItem', resource: 'arn:aws:dynamodb:us-east-1:000000000000:table/dev-records-records' }]
 */
export function dynamodbAccesses(operation: string, body: Buffer, scope: ArnScope): Access[] {
  const input = parseBody(body);
  const table = (name: string, index?: unknown) =>
    `arn:${scope.partition ?? 'aws'}:dynamodb:${scope.region}:${scope.accountId}:table/${name}${typeof index === 'string' ? `/index/${index}` : ''}`;
  const accesses: Access[] = [];
  if (operation === 'BatchGetItem' || operation === 'BatchWriteItem') {
    const items = input?.RequestItems;
    for (const name of items !== null && typeof items === 'object' ? Object.keys(items) : []) {
      accesses.push({ action: `dynamodb:${operation}`, resource: table(name) });
    }
  } else if (operation === 'TransactWriteItems' || operation === 'TransactGetItems') {
    // IAM checks each item's own action: Put → PutItem, Update → UpdateItem, Delete → DeleteItem, ConditionCheck → ConditionCheckItem, Get → GetItem
    const items = Array.isArray(input?.TransactItems) ? (input.TransactItems as unknown[]) : [];
    for (const item of items) {
      if (item === null || typeof item !== 'object') continue;
      for (const [kind, request] of Object.entries(item as Record<string, unknown>)) {
        const name = (request as { TableName?: unknown } | null)?.TableName;
        if (typeof name !== 'string') continue;
        const action = kind === 'ConditionCheck' ? 'ConditionCheckItem' : `${kind}Item`;
        accesses.push({ action: `dynamodb:${action}`, resource: table(name) });
      }
    }
  } else if (typeof input?.TableName === 'string') {
    accesses.push({ action: `dynamodb:${operation}`, resource: table(input.TableName, input.IndexName) });
  }
  return accesses.length > 0 ? accesses : [{ action: `dynamodb:${operation}`, resource: '*' }];
}
