/**
 * A function's `subscribe` entries as EventBridge rules: one rule per entry, on the bus the entry names, with the
 * resolved pattern and name, delivering to the function's queue when it has one, else to the alias of its current
 * major. EventBridge may deliver from that rule only: the queue's policy and the function's permission both name the
 * rule's ARN as `aws:SourceArn` / `SourceArn`.
 */
import type { ResolvedSubscription } from '@lambdaport/config';
import { CfnRule } from 'aws-cdk-lib/aws-events';
import { Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { type Alias, CfnPermission } from 'aws-cdk-lib/aws-lambda';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { ServiceBus } from './events.js';

const EVENTS_PRINCIPAL = 'events.amazonaws.com';

/** Props of {@link FunctionSubscriptions}. */
export interface FunctionSubscriptionsProps {
  /** The function's resolved `subscribe` entries (its current major's). */
  readonly subscriptions: readonly ResolvedSubscription[];
  /** `functions.<f>`-level label for descriptions: `notifications.notify`. */
  readonly friendlyName: string;
  /** The alias of the function's current major. */
  readonly alias: Alias;
  /** The function's queue, when it has one: the rules deliver there instead of to the alias. */
  readonly queue: Queue | undefined;
  /** The service's own bus, when it has one: a rule on it refers to it, so CloudFormation creates the bus first. */
  readonly ownBus: ServiceBus | undefined;
}

/**
 * Rules `Rule0`, `Rule1`... (construct ids by the entry's index), each with one target (`Id` `queue` or `function`)
 * and, for a queue, a statement of the queue's policy letting `events.amazonaws.com` `sqs:SendMessage` from that rule;
 * for the alias, a `lambda:InvokeFunction` permission for `events.amazonaws.com` from that rule. A rule on another
 * service's bus names the bus: that service's stack owns it and must be deployed first.
 *
 * @example
 * new FunctionSubscriptions(notify, 'Subscriptions', { subscriptions: fn.subscriptions, friendlyName: 'notifications.notify', alias, queue: undefined, ownBus: undefined });
 */
export class FunctionSubscriptions extends Construct {
  readonly rules: readonly CfnRule[];

  constructor(scope: Construct, id: string, props: FunctionSubscriptionsProps) {
    super(scope, id);
    const rules: CfnRule[] = [];
    props.subscriptions.forEach((subscription, index) => {
      const target =
        props.queue === undefined
          ? { id: 'function', arn: props.alias.functionArn }
          : { id: 'queue', arn: props.queue.queueArn };
      const description = `lambdaport: ${subscription.keyPath} of ${props.friendlyName} (${what(subscription)})`;
      const rule = new CfnRule(this, `Rule${index}`, {
        name: subscription.ruleName,
        eventBusName: busName(subscription, props.ownBus),
        eventPattern: subscription.pattern,
        state: 'ENABLED',
        description: description.slice(0, 512), // EventBridge's limit
        targets: [{ id: target.id, arn: target.arn }],
      });
      if (props.queue === undefined) {
        new CfnPermission(this, `Permission${index}`, {
          action: 'lambda:InvokeFunction',
          functionName: props.alias.functionArn,
          principal: EVENTS_PRINCIPAL,
          sourceArn: rule.attrArn,
        });
      } else {
        props.queue.addToResourcePolicy(
          new PolicyStatement({
            sid: `FromRule${index}`,
            effect: Effect.ALLOW,
            principals: [new ServicePrincipal(EVENTS_PRINCIPAL)],
            actions: ['sqs:SendMessage'],
            resources: [props.queue.queueArn],
            conditions: { ArnEquals: { 'aws:SourceArn': rule.attrArn } },
          }),
        );
      }
      rules.push(rule);
    });
    this.rules = rules;
  }
}

/** The bus by name; the service's own bus by reference (same value). */
function busName(subscription: ResolvedSubscription, ownBus: ServiceBus | undefined): string {
  return subscription.busName === ownBus?.name ? ownBus.bus.eventBusName : subscription.busName;
}

/** `orders.OrderCreated on dev-orders`, or `a pattern on default`. */
function what(subscription: ResolvedSubscription): string {
  const event = subscription.event;
  return `${event === undefined ? 'a pattern' : `${event.service}.${event.name}`} on ${subscription.busName}`;
}
