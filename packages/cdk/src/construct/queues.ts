/**
 * A function's `queue`: the queue in front of it, its dead-letter queue, and the event source mapping from the queue
 * to the function's alias. Nothing here grants the function anything: reading the queue is the `ConsumeQueue`
 * statement of the policy generator, already on the function's role.
 */
import type { ResolvedQueue } from '@lambdaport/config';
import { type Alias, CfnEventSourceMapping } from 'aws-cdk-lib/aws-lambda';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Duration } from 'aws-cdk-lib/core';
import { Construct } from 'constructs';

/** How long a message stays in a dead-letter queue: SQS's maximum, so a failure can be looked at for two weeks. */
const DEAD_LETTER_RETENTION = Duration.days(14);

/** Props of {@link FunctionQueue}. */
export interface FunctionQueueProps {
  /** The function's resolved `queue` (names, settings). */
  readonly queue: ResolvedQueue;
  /** The alias of the function's current major: what the mapping invokes. */
  readonly alias: Alias;
}

/**
 * The queue `<stage>-<service>-<function>` (its `visibilityTimeout`, SSE with SQS-managed keys, TLS required), its
 * dead-letter queue `<...>-dlq` (same encryption and TLS rule, messages kept 14 days) receiving a message after
 * `maxReceiveCount` receives, and the event source mapping to the alias (`batchSize`,
 * `maximumBatchingWindowInSeconds`, `ReportBatchItemFailures`: only the failed messages of a batch return).
 *
 * @example
 * new FunctionQueue(notifyFunction, 'Queue', { queue: notify.queue!, alias: notifyFunction.alias });
 */
export class FunctionQueue extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly mapping: CfnEventSourceMapping;

  constructor(scope: Construct, id: string, props: FunctionQueueProps) {
    super(scope, id);
    const { queue } = props;
    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      queueName: queue.deadLetter.queueName,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: DEAD_LETTER_RETENTION,
    });
    this.queue = new Queue(this, 'Queue', {
      queueName: queue.queueName,
      visibilityTimeout: Duration.seconds(queue.visibilityTimeout),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: queue.maxReceiveCount },
    });
    // the L1 mapping: the L2 event sources would add a grant of their own to the role
    this.mapping = new CfnEventSourceMapping(this, 'Mapping', {
      eventSourceArn: this.queue.queueArn,
      functionName: props.alias.functionArn,
      batchSize: queue.batchSize,
      maximumBatchingWindowInSeconds: queue.maximumBatchingWindowInSeconds,
      functionResponseTypes: ['ReportBatchItemFailures'],
      enabled: true,
    });
  }
}
