/**
 * What the configs ask of EventBridge and SQS locally: the buses (each service's own bus when it has `events`, and
 * the bus of each subscription), one rule per `subscribe` entry of a current major (its target: the function's
 * queue when it has one, else its alias `v<major>`, invoked asynchronously), and per `queue` key the queue, its
 * dead-letter queue and the event source mapping that consumes it (ReportBatchItemFailures always on).
 */
import { functionLabel, type LoadedService } from '@lambdaport/config';
import type { LocalFunction } from '../lambda/types.js';

/** Marks the rules a config made (their Description): rules without it are the API's and are left alone. */
export const CONFIG_RULE_MARK = 'lambdaport config:';

/** A rule to put, with its one target. */
export interface PlannedRule {
  readonly bus: string;
  readonly name: string;
  readonly pattern: string;
  readonly targetArn: string;
  /** `lambdaport config: <file> <key path>`. */
  readonly description: string;
  /** One line for the log: `notifications.notify ← orders.OrderCreated (rule … on …)`. */
  readonly line: string;
}

/** A queue and its attributes. */
export interface PlannedQueue {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
}

/** A mapping from a config's queue to its function's current major. */
export interface PlannedMapping {
  readonly configFile: string;
  readonly keyPath: string;
  readonly queueArn: string;
  /** `<deployed name>:v<major>`. */
  readonly functionName: string;
  readonly batchSize: number;
  readonly maximumBatchingWindowInSeconds: number;
}

/** Everything the configs ask for. */
export interface ConfigPlan {
  readonly buses: readonly string[];
  /** Dead-letter queues first (a redrive policy names an existing queue). */
  readonly queues: readonly PlannedQueue[];
  readonly mappings: readonly PlannedMapping[];
  readonly rules: readonly PlannedRule[];
}

/** The target id of a config-made rule's one target. */
export const CONFIG_TARGET_ID = 'lambdaport';

/**
 * Plans the resources of the served configs.
 *
 * @example
 * const plan = planConfigEvents(served.services, served.functions);
 * plan.rules.map((r) => r.name); // ['dev-notifications-notify-0']
 */
export function planConfigEvents(services: readonly LoadedService[], functions: readonly LocalFunction[]): ConfigPlan {
  const buses = new Set<string>();
  for (const service of services) for (const event of service.events) buses.add(event.busName);
  const queues: PlannedQueue[] = [];
  const mappings: PlannedMapping[] = [];
  const rules: PlannedRule[] = [];
  for (const fn of functions) {
    if (!fn.current) continue; // older majors neither subscribe nor consume
    const queue = fn.queue;
    if (queue !== undefined) {
      queues.push({ name: queue.deadLetter.queueName, attributes: {} });
      queues.push({
        name: queue.queueName,
        attributes: {
          VisibilityTimeout: String(queue.visibilityTimeout),
          RedrivePolicy: JSON.stringify({
            deadLetterTargetArn: queue.deadLetter.queueArn,
            maxReceiveCount: queue.maxReceiveCount,
          }),
        },
      });
      mappings.push({
        configFile: fn.configFile,
        keyPath: queue.keyPath,
        queueArn: queue.queueArn,
        functionName: `${fn.deployedName}:v${fn.major}`,
        batchSize: queue.batchSize,
        maximumBatchingWindowInSeconds: queue.maximumBatchingWindowInSeconds,
      });
    }
    for (const subscription of fn.subscriptions) {
      if (subscription.busName !== 'default') buses.add(subscription.busName);
      const what =
        subscription.event === undefined
          ? JSON.stringify(subscription.pattern)
          : `${subscription.event.service}.${subscription.event.name}`;
      const through = queue === undefined ? '' : `, through queue ${queue.queueName}`;
      rules.push({
        bus: subscription.busName,
        name: subscription.ruleName,
        pattern: JSON.stringify(subscription.pattern),
        targetArn: queue === undefined ? fn.aliasArn : queue.queueArn,
        description: `${CONFIG_RULE_MARK} ${fn.configFile} ${subscription.keyPath}`,
        line: `events: ${functionLabel(fn)} ← ${what} (rule ${subscription.ruleName} on ${subscription.busName}${through})`,
      });
    }
  }
  return { buses: [...buses], queues, mappings, rules };
}
