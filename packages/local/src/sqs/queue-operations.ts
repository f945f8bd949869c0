/**
 * The queue operations: CreateQueue, GetQueueUrl, ListQueues, DeleteQueue, GetQueueAttributes, SetQueueAttributes,
 * PurgeQueue.
 */
import { queueDoesNotExist } from './errors.js';
import type { QueueDirectory } from './queues.js';

type Input = Record<string, unknown>;

function attributesOf(value: unknown): Record<string, string> {
  if (value === undefined || value === null) return {};
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
}

export function createQueue(queues: QueueDirectory, input: Input, host: string): unknown {
  return { QueueUrl: queues.create(input.QueueName, attributesOf(input.Attributes), host).url };
}

export function getQueueUrl(queues: QueueDirectory, input: Input): unknown {
  const queue = typeof input.QueueName === 'string' ? queues.byName(input.QueueName) : undefined;
  if (queue === undefined) throw queueDoesNotExist();
  return { QueueUrl: queue.url };
}

export function listQueues(queues: QueueDirectory, input: Input): unknown {
  const prefix = typeof input.QueueNamePrefix === 'string' ? input.QueueNamePrefix : '';
  const urls = queues.list(prefix).map((q) => q.url);
  return urls.length === 0 ? {} : { QueueUrls: urls };
}

export function deleteQueue(queues: QueueDirectory, input: Input): unknown {
  queues.delete(queues.byUrl(input.QueueUrl));
  return {};
}

export function getQueueAttributes(queues: QueueDirectory, input: Input): unknown {
  const queue = queues.byUrl(input.QueueUrl);
  const counts = queue.counts();
  const all: Record<string, string> = {
    ...Object.fromEntries(queue.attributes),
    QueueArn: queue.arn,
    ApproximateNumberOfMessages: String(counts.visible),
    ApproximateNumberOfMessagesNotVisible: String(counts.inFlight),
    ApproximateNumberOfMessagesDelayed: String(counts.delayed),
    CreatedTimestamp: String(queue.createdAt),
    LastModifiedTimestamp: String(queue.createdAt),
  };
  const names = Array.isArray(input.AttributeNames) ? (input.AttributeNames as string[]) : [];
  const chosen = names.includes('All')
    ? all
    : Object.fromEntries(Object.entries(all).filter(([k]) => names.includes(k)));
  return Object.keys(chosen).length === 0 ? {} : { Attributes: chosen };
}

export function setQueueAttributes(queues: QueueDirectory, input: Input): unknown {
  queues.setAttributes(queues.byUrl(input.QueueUrl), attributesOf(input.Attributes));
  return {};
}

export function purgeQueue(queues: QueueDirectory, input: Input): unknown {
  queues.byUrl(input.QueueUrl).purge();
  return {};
}
