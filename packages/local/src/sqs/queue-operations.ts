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

/** Answers once `queues.json` holds the queue (when queues are kept in a folder). */
export async function createQueue(queues: QueueDirectory, input: Input, host: string): Promise<unknown> {
  const queue = queues.create(input.QueueName, attributesOf(input.Attributes), host);
  await queues.settled();
  return { QueueUrl: queues.urlOf(queue, host) };
}

export function getQueueUrl(queues: QueueDirectory, input: Input, host: string): unknown {
  const queue = typeof input.QueueName === 'string' ? queues.byName(input.QueueName) : undefined;
  if (queue === undefined) throw queueDoesNotExist();
  return { QueueUrl: queues.urlOf(queue, host) };
}

export function listQueues(queues: QueueDirectory, input: Input, host: string): unknown {
  const prefix = typeof input.QueueNamePrefix === 'string' ? input.QueueNamePrefix : '';
  const urls = queues.list(prefix).map((q) => queues.urlOf(q, host));
  return urls.length === 0 ? {} : { QueueUrls: urls };
}

/** Answers once the queue's log and its line in `queues.json` are gone. */
export async function deleteQueue(queues: QueueDirectory, input: Input): Promise<unknown> {
  await queues.delete(queues.byUrl(input.QueueUrl));
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
    LastModifiedTimestamp: String(queue.lastModifiedAt),
  };
  const names = Array.isArray(input.AttributeNames) ? (input.AttributeNames as string[]) : [];
  const chosen = names.includes('All')
    ? all
    : Object.fromEntries(Object.entries(all).filter(([k]) => names.includes(k)));
  return Object.keys(chosen).length === 0 ? {} : { Attributes: chosen };
}

export async function setQueueAttributes(queues: QueueDirectory, input: Input): Promise<unknown> {
  queues.setAttributes(queues.byUrl(input.QueueUrl), attributesOf(input.Attributes));
  await queues.settled();
  return {};
}

/** Answers once the `purged` record is on disk. */
export async function purgeQueue(queues: QueueDirectory, input: Input): Promise<unknown> {
  const queue = queues.byUrl(input.QueueUrl);
  queue.purge();
  await queue.synced();
  return {};
}
