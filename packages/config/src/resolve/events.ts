/**
 * The event keys resolved to what every tool creates: the service's events on its bus `<stage>-<service>`, a
 * function's subscriptions as EventBridge rules (names, ARNs, full patterns) and its queue with a dead-letter queue.
 */
import { CONFIG_DEFAULTS } from 'lambdaport/config';
import { parseFriendlyEvent } from 'lambdaport/names';
import type { ValidConfig, ValidFunction } from '../schema/index.js';
import type { LocalEvent, ResolvedQueue, ResolvedSubscription } from '../types.js';
import { contractRef } from './contract-ref.js';
import { busArn, busName, cutName, QUEUE_NAME_MAX, queueArn, RULE_NAME_MAX, ruleArn } from './event-names.js';
import type { ReferenceScope } from './references.js';

/** Where events are resolved: the service (and the services loaded with it). */
export interface EventScope extends ReferenceScope {
  readonly region: string;
  readonly accountId: string;
  readonly dir: string;
}

/**
 * The events of a service, in config order, each on the service's bus.
 *
 * @example
 * resolveEvents(config, scope)[0]?.busArn; // 'arn:aws:events:us-east-1:000000000000:event-bus/dev-orders'
 */
export function resolveEvents(config: ValidConfig, scope: EventScope): LocalEvent[] {
  const bus = busName(scope.stage, scope.service);
  return Object.entries(config.events ?? {}).map(([name, event]) => ({
    name,
    service: scope.service,
    busName: bus,
    busArn: busArn(scope.region, scope.accountId, bus),
    description: event.description ?? '',
    contract: contractRef(event.contract, scope.dir),
    keyPath: `events.${name}`,
  }));
}

/** The events of its own service a function publishes (its `publishes`, in that order). */
export function publishedEvents(fn: ValidFunction, events: readonly LocalEvent[]): LocalEvent[] {
  return (fn.publishes ?? []).flatMap((name) => events.filter((event) => event.name === name));
}

/**
 * A function's `subscribe` entries as rules: `<stage>-<service>-<function>-<n>` (cut to 64 characters with a hash
 * when longer) on the event's service bus (in that service's stage when it is loaded alongside, else this one) or
 * on the entry's `bus` (default `default`).
 *
 * @example
 * resolveSubscriptions('notify', fn, scope)[0]?.pattern; // { source: ['orders'], 'detail-type': ['OrderCreated'] }
 */
export function resolveSubscriptions(name: string, fn: ValidFunction, scope: EventScope): ResolvedSubscription[] {
  return (fn.subscribe ?? []).map((entry, index): ResolvedSubscription => {
    const ruleName = cutName(`${scope.stage}-${scope.service}-${name}-${index}`, RULE_NAME_MAX);
    const keyPath = `functions.${name}.subscribe[${index}]`;
    if (typeof entry !== 'string' && 'pattern' in entry) {
      const bus = entry.bus ?? 'default';
      return {
        keyPath,
        event: undefined,
        busName: bus,
        busArn: busArn(scope.region, scope.accountId, bus),
        pattern: entry.pattern,
        ruleName,
        ruleArn: ruleArn(scope.region, scope.accountId, bus, ruleName),
      };
    }
    const { service, event } = parseFriendlyEvent(typeof entry === 'string' ? entry : entry.event);
    const detail = typeof entry === 'string' ? undefined : entry.detail;
    const publisher = scope.directory.get(service);
    const region = publisher?.region ?? scope.region;
    const accountId = publisher?.accountId ?? scope.accountId;
    const bus = busName(publisher?.stage ?? scope.stage, service);
    return {
      keyPath,
      event: { service, name: event },
      busName: bus,
      busArn: busArn(region, accountId, bus),
      pattern: { source: [service], 'detail-type': [event], ...(detail === undefined ? {} : { detail }) },
      ruleName,
      ruleArn: ruleArn(region, accountId, bus, ruleName),
    };
  });
}

/**
 * A function's `queue`: `<stage>-<service>-<function>` and its dead-letter queue `...-dlq` (each cut to 80
 * characters with a hash when longer), the defaults filled in (visibility timeout: 6 × the function's timeout).
 *
 * @example
 * resolveQueue('notify', fn, scope)?.deadLetter.queueName; // 'dev-notifications-notify-dlq'
 */
export function resolveQueue(name: string, fn: ValidFunction, scope: EventScope): ResolvedQueue | undefined {
  if (fn.queue === undefined) return undefined;
  const full = `${scope.stage}-${scope.service}-${name}`;
  const queueName = cutName(full, QUEUE_NAME_MAX);
  const deadLetterName = cutName(`${full}-dlq`, QUEUE_NAME_MAX);
  return {
    keyPath: `functions.${name}.queue`,
    queueName,
    queueArn: queueArn(scope.region, scope.accountId, queueName),
    deadLetter: { queueName: deadLetterName, queueArn: queueArn(scope.region, scope.accountId, deadLetterName) },
    batchSize: fn.queue.batchSize,
    maximumBatchingWindowInSeconds: fn.queue.maximumBatchingWindowInSeconds,
    visibilityTimeout: fn.queue.visibilityTimeout ?? CONFIG_DEFAULTS.queueVisibilityTimeoutPerTimeout * fn.timeout,
    maxReceiveCount: fn.queue.maxReceiveCount,
  };
}
