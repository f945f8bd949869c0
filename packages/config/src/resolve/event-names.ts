/**
 * Names and ARNs of the EventBridge and SQS resources a config makes: buses `<stage>-<service>`, rules, queues.
 * A rule or queue name longer than AWS allows is cut and ends in `-<hash6>` of the full name, so it stays unique.
 */
import { createHash } from 'node:crypto';

/** EventBridge's limit on a rule name. */
export const RULE_NAME_MAX = 64;
/** SQS's limit on a queue name. */
export const QUEUE_NAME_MAX = 80;

/**
 * `name` when it fits `max` characters; else its first `max - 7` characters, `-` and the first 6 hex characters of
 * sha256(`name`).
 *
 * @example
 * cutName('dev-orders-create-0', 64); // 'dev-orders-create-0'
 */
export function cutName(name: string, max: number): string {
  if (name.length <= max) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 6);
  return `${name.slice(0, max - 7)}-${hash}`;
}

/**
 * The bus of a service's events.
 *
 * @example
 * busName('dev', 'orders'); // 'dev-orders'
 */
export function busName(stage: string, service: string): string {
  return `${stage}-${service}`;
}

/**
 * @example
 * busArn('us-east-1', '000000000000', 'dev-orders'); // 'arn:aws:events:us-east-1:000000000000:event-bus/dev-orders'
 */
export function busArn(region: string, accountId: string, bus: string): string {
  return `arn:aws:events:${region}:${accountId}:event-bus/${bus}`;
}

/**
 * A rule's ARN: `rule/<rule>` on the default bus, `rule/<bus>/<rule>` on another.
 *
 * @example
 * ruleArn('us-east-1', '000000000000', 'dev-orders', 'dev-notifications-notify-0');
 * // 'arn:aws:events:us-east-1:000000000000:rule/dev-orders/dev-notifications-notify-0'
 */
export function ruleArn(region: string, accountId: string, bus: string, rule: string): string {
  const path = bus === 'default' ? rule : `${bus}/${rule}`;
  return `arn:aws:events:${region}:${accountId}:rule/${path}`;
}

/**
 * @example
 * queueArn('us-east-1', '000000000000', 'dev-notifications-notify'); // 'arn:aws:sqs:us-east-1:000000000000:dev-notifications-notify'
 */
export function queueArn(region: string, accountId: string, queue: string): string {
  return `arn:aws:sqs:${region}:${accountId}:${queue}`;
}
