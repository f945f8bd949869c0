/**
 * What an EventBridge or SQS request asks of IAM: `events:<Operation>` on the bus or rule it names, `sqs:<Action>` on
 * the queue (the batch operations are authorized as their single forms, as IAM does: `SendMessageBatch` asks
 * `sqs:SendMessage`). Listing operations and bodies that do not parse ask on `*`.
 */
import { decodeQuery } from '../sqs/query-protocol.js';
import type { Access } from './guard.js';
import { type ArnScope, parseBody } from './service-accesses.js';

const DEFAULT_BUS = 'default';

/** A bus given by name or ARN (`EventBusName`, `Name`); the default bus when absent. */
function busOf(value: unknown): string {
  if (typeof value !== 'string' || value === '') return DEFAULT_BUS;
  const at = value.indexOf(':event-bus/');
  return value.startsWith('arn:') && at >= 0 ? value.slice(at + ':event-bus/'.length) : value;
}

/**
 * The accesses of an EventBridge request (`x-amz-target: AWSEvents.<Operation>`).
 *
 * @example
 * eventBridgeAccesses('PutEvents', Buffer.from('{"Entries":[{"EventBusName":"dev-orders"}]}'), scope);
 * // [{ action: 'events:PutEvents', resource: 'arn:aws:events:us-east-1:000000000000:event-bus/dev-orders' }]
 */
export function eventBridgeAccesses(operation: string, body: Buffer, scope: ArnScope): Access[] {
  const action = `events:${operation}`;
  const input = parseBody(body);
  const prefix = `arn:${scope.partition ?? 'aws'}:events:${scope.region}:${scope.accountId}`;
  const bus = (name: string) => `${prefix}:event-bus/${name}`;
  const rule = (busName: string, name: string) =>
    `${prefix}:rule/${busName === DEFAULT_BUS ? '' : `${busName}/`}${name}`;
  let resources: string[] = [];
  if (input !== undefined) {
    if (operation === 'PutEvents') {
      const entries = Array.isArray(input.Entries) ? (input.Entries as unknown[]) : [];
      const buses = new Set(entries.map((entry) => busOf((entry as { EventBusName?: unknown } | null)?.EventBusName)));
      resources = [...buses].map(bus);
    } else if (['CreateEventBus', 'DeleteEventBus', 'DescribeEventBus', 'UpdateEventBus'].includes(operation)) {
      resources = [bus(busOf(input.Name))];
    } else if (typeof input.Rule === 'string' || typeof input.Name === 'string') {
      // PutRule, DescribeRule, DeleteRule, EnableRule, DisableRule name it `Name`; the target operations `Rule`
      const name = typeof input.Rule === 'string' ? input.Rule : String(input.Name);
      resources = [rule(busOf(input.EventBusName), name)];
    }
  }
  return (resources.length > 0 ? resources : ['*']).map((resource) => ({ action, resource }));
}

const SQS_BATCH_ACTIONS: Readonly<Record<string, string>> = {
  SendMessageBatch: 'SendMessage',
  DeleteMessageBatch: 'DeleteMessage',
  ChangeMessageVisibilityBatch: 'ChangeMessageVisibility',
};

/**
 * The accesses of an SQS request, on either protocol: JSON 1.0 (`x-amz-target: AmazonSQS.<Operation>`, `target`
 * given) or the query protocol (`Action=<Operation>` in the form body, `target` undefined).
 *
 * @example
 * sqsAccesses('AmazonSQS.SendMessageBatch', Buffer.from('{"QueueUrl":"http://127.0.0.1:9000/000000000000/q"}'), scope);
 * // [{ action: 'sqs:SendMessage', resource: 'arn:aws:sqs:us-east-1:000000000000:q' }]
 */
export function sqsAccesses(target: string | undefined, body: Buffer, scope: ArnScope): Access[] {
  let operation: string;
  let input: Record<string, unknown> | undefined;
  if (target === undefined) {
    const decoded = decodeQuery(body);
    operation = decoded.action;
    input = decoded.input as Record<string, unknown>;
  } else {
    operation = target.slice(target.indexOf('.') + 1);
    input = parseBody(body);
  }
  const action = `sqs:${SQS_BATCH_ACTIONS[operation] ?? operation}`;
  const url = input?.QueueUrl;
  const name =
    typeof url === 'string'
      ? url.slice(url.lastIndexOf('/') + 1)
      : typeof input?.QueueName === 'string'
        ? input.QueueName
        : undefined;
  const resource =
    name === undefined || name === ''
      ? '*'
      : `arn:${scope.partition ?? 'aws'}:sqs:${scope.region}:${scope.accountId}:${name}`;
  return [{ action, resource }];
}
