/**
 * The queues of the runtime by name, their URLs (`http://<host>/<account>/<name>`, the host the client reached) and
 * ARNs, and the checks of their names and attributes.
 */
import { invalidParameter, queueDoesNotExist, SqsError } from './errors.js';
import { LocalQueue } from './queue.js';

const NAME = /^[A-Za-z0-9_-]{1,80}$/;
const SETTABLE = new Set([
  'VisibilityTimeout',
  'MessageRetentionPeriod',
  'DelaySeconds',
  'ReceiveMessageWaitTimeSeconds',
  'MaximumMessageSize',
  'RedrivePolicy',
  'FifoQueue',
  'ContentBasedDeduplication',
  'Policy',
  'KmsMasterKeyId',
  'SqsManagedSseEnabled',
]);
const RANGES: Readonly<Record<string, readonly [number, number]>> = {
  VisibilityTimeout: [0, 43_200],
  MessageRetentionPeriod: [60, 1_209_600],
  DelaySeconds: [0, 900],
  ReceiveMessageWaitTimeSeconds: [0, 20],
  MaximumMessageSize: [1_024, 262_144],
};

/** The queues. */
export class QueueDirectory {
  private readonly queues = new Map<string, LocalQueue>();

  constructor(
    readonly region: string,
    readonly accountId: string,
  ) {}

  arnOf(name: string): string {
    return `arn:aws:sqs:${this.region}:${this.accountId}:${name}`;
  }

  /** The queue a URL names (its last path segment), or QueueDoesNotExist. */
  byUrl(url: unknown): LocalQueue {
    if (typeof url !== 'string' || url === '') throw queueDoesNotExist();
    const name = url.replace(/\/+$/, '').split('/').pop() ?? '';
    const queue = this.queues.get(name);
    if (queue === undefined) throw queueDoesNotExist();
    return queue;
  }

  byName(name: string): LocalQueue | undefined {
    return this.queues.get(name);
  }

  byArn(arn: string): LocalQueue | undefined {
    const name = arn.split(':').pop() ?? '';
    const queue = this.queues.get(name);
    return queue !== undefined && queue.arn === arn ? queue : undefined;
  }

  list(prefix: string): LocalQueue[] {
    return [...this.queues.values()].filter((q) => q.name.startsWith(prefix));
  }

  /** Creates a queue, or answers the existing one when its attributes are the same (QueueNameExists otherwise). */
  create(name: unknown, attributes: Record<string, string>, host: string): LocalQueue {
    if (typeof name !== 'string') throw invalidParameter('QueueName', name, 'Must be specified.');
    const base = name.endsWith('.fifo') ? name.slice(0, -'.fifo'.length) : name;
    if (!NAME.test(base) || name.length > 80) {
      throw invalidParameter(
        'QueueName',
        name,
        'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length',
      );
    }
    const fifo = attributes.FifoQueue === 'true';
    if (fifo !== name.endsWith('.fifo')) {
      throw invalidParameter(
        'QueueName',
        name,
        'The name of a FIFO queue can only end in .fifo, and must with FifoQueue',
      );
    }
    const existing = this.queues.get(name);
    if (existing !== undefined) {
      for (const [key, value] of Object.entries(attributes)) {
        if (existing.attributes.get(key) !== value) {
          throw new SqsError(
            'QueueNameExists',
            'QueueAlreadyExists',
            `A queue already exists with the same name and a different value for attribute ${key}`,
          );
        }
      }
      return existing;
    }
    const queue = new LocalQueue(name, this.arnOf(name), `http://${host}/${this.accountId}/${name}`);
    this.setAttributes(queue, attributes);
    this.queues.set(name, queue);
    return queue;
  }

  delete(queue: LocalQueue): void {
    this.queues.delete(queue.name);
    queue.wakeAll();
  }

  /** Checks then sets attributes (all or none). */
  setAttributes(queue: LocalQueue, attributes: Record<string, string>): void {
    let redrive: LocalQueue['redrive'];
    for (const [key, value] of Object.entries(attributes)) {
      if (!SETTABLE.has(key)) {
        throw new SqsError('InvalidAttributeName', 'InvalidAttributeName', `Unknown Attribute ${key}.`);
      }
      const range = RANGES[key];
      if (range !== undefined) {
        const n = Number(value);
        if (!/^\d+$/.test(value) || n < range[0] || n > range[1]) {
          throw new SqsError(
            'InvalidAttributeValue',
            'InvalidAttributeValue',
            `Invalid value for the parameter ${key}: must be an integer from ${range[0]} to ${range[1]}.`,
          );
        }
      }
      if (key === 'RedrivePolicy') redrive = this.redriveOf(value);
    }
    for (const [key, value] of Object.entries(attributes)) queue.attributes.set(key, value);
    if (attributes.RedrivePolicy !== undefined) queue.redrive = redrive;
  }

  private redriveOf(value: string): LocalQueue['redrive'] {
    let policy: { deadLetterTargetArn?: unknown; maxReceiveCount?: unknown };
    try {
      policy = JSON.parse(value) as typeof policy;
    } catch {
      throw new SqsError('InvalidAttributeValue', 'InvalidAttributeValue', 'RedrivePolicy is not valid JSON.');
    }
    const target = typeof policy.deadLetterTargetArn === 'string' ? this.byArn(policy.deadLetterTargetArn) : undefined;
    const count = Number(policy.maxReceiveCount);
    if (target === undefined) {
      throw new SqsError(
        'InvalidAttributeValue',
        'InvalidAttributeValue',
        `Value ${value} for parameter RedrivePolicy is invalid. Reason: Dead letter target does not exist.`,
      );
    }
    if (!Number.isInteger(count) || count < 1 || count > 1000) {
      throw new SqsError(
        'InvalidAttributeValue',
        'InvalidAttributeValue',
        `Value ${value} for parameter RedrivePolicy is invalid. Reason: maxReceiveCount must be from 1 to 1000.`,
      );
    }
    return { target, maxReceiveCount: count };
  }
}
