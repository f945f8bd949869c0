/**
 * The message operations: SendMessage(Batch), ReceiveMessage (long polling, visibility, attributes),
 * DeleteMessage(Batch), ChangeMessageVisibility(Batch), with SQS's limits.
 */
import { invalidParameter, missingParameter, SqsError } from './errors.js';
import { type MessageAttribute, md5OfAttributes } from './md5.js';
import type { LocalQueue, Message } from './queue.js';
import type { QueueDirectory } from './queues.js';

type Input = Record<string, unknown>;

/** A message (body and attributes) may be at most this long. */
export const MAX_MESSAGE_BYTES = 262_144;
const MAX_BATCH = 10;
const BATCH_ID = /^[A-Za-z0-9_-]{1,80}$/;

function integer(input: Input, name: string, min: number, max: number): number | undefined {
  const value = input[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalidParameter(name, value, `Must be between ${min} and ${max}, if provided.`);
  }
  return value;
}

function sizeOf(body: string, attributes: Record<string, MessageAttribute> | undefined): number {
  let size = Buffer.byteLength(body, 'utf8');
  for (const [name, a] of Object.entries(attributes ?? {})) {
    size += Buffer.byteLength(name) + Buffer.byteLength(a.DataType ?? '');
    size +=
      a.StringValue !== undefined
        ? Buffer.byteLength(a.StringValue)
        : Buffer.from(a.BinaryValue ?? '', 'base64').length;
  }
  return size;
}

function sendOne(queue: LocalQueue, entry: Input): Record<string, unknown> {
  const body = entry.MessageBody;
  if (typeof body !== 'string' || body === '') throw missingParameter('MessageBody');
  const attributes = entry.MessageAttributes as Record<string, MessageAttribute> | undefined;
  const size = sizeOf(body, attributes);
  const limit = Number(queue.attributes.get('MaximumMessageSize') ?? MAX_MESSAGE_BYTES);
  if (size > limit) {
    throw new SqsError(
      'InvalidParameterValueException',
      'InvalidParameterValue',
      `One or more parameters are invalid. Reason: Message must be shorter than ${limit} bytes.`,
    );
  }
  const delaySeconds = integer(entry, 'DelaySeconds', 0, 900);
  const groupId = entry.MessageGroupId as string | undefined;
  const deduplicationId = entry.MessageDeduplicationId as string | undefined;
  if (queue.fifo) {
    if (groupId === undefined) throw missingParameter('MessageGroupId');
    if (deduplicationId === undefined && queue.attributes.get('ContentBasedDeduplication') !== 'true') {
      throw invalidParameter(
        'MessageDeduplicationId',
        deduplicationId,
        'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
      );
    }
    if (delaySeconds !== undefined && delaySeconds > 0) {
      throw invalidParameter(
        'DelaySeconds',
        delaySeconds,
        'The request include parameter that is not valid for this queue type',
      );
    }
  }
  const message = queue.send({ body, attributes, delaySeconds, groupId, deduplicationId });
  return {
    MessageId: message.id,
    MD5OfMessageBody: message.md5OfBody,
    ...(message.md5OfAttributes === undefined ? {} : { MD5OfMessageAttributes: message.md5OfAttributes }),
    ...(message.sequenceNumber === undefined ? {} : { SequenceNumber: message.sequenceNumber }),
  };
}

/** Answers once the message's record is on disk (its fsync shared with the sends of the same tick). */
export async function sendMessage(queues: QueueDirectory, input: Input): Promise<unknown> {
  const queue = queues.byUrl(input.QueueUrl);
  const sent = sendOne(queue, input);
  await queue.synced();
  return sent;
}

/** Checks a batch request's entries: 1 to 10, distinct ids of the allowed characters. */
function batchEntries(input: Input): Input[] {
  const entries = input.Entries;
  if (!Array.isArray(entries) || entries.length === 0) {
    throw new SqsError(
      'EmptyBatchRequest',
      'AWS.SimpleQueueService.EmptyBatchRequest',
      'There should be at least one entry in the request.',
    );
  }
  if (entries.length > MAX_BATCH) {
    throw new SqsError(
      'TooManyEntriesInBatchRequest',
      'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
      `Maximum number of entries per request are ${MAX_BATCH}. You have sent ${entries.length}.`,
    );
  }
  const ids = new Set<unknown>();
  for (const entry of entries as Input[]) {
    if (typeof entry?.Id !== 'string' || !BATCH_ID.test(entry.Id)) {
      throw new SqsError(
        'InvalidBatchEntryId',
        'AWS.SimpleQueueService.InvalidBatchEntryId',
        'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
      );
    }
    if (ids.has(entry.Id)) {
      throw new SqsError(
        'BatchEntryIdsNotDistinct',
        'AWS.SimpleQueueService.BatchEntryIdsNotDistinct',
        `Id ${entry.Id} repeated.`,
      );
    }
    ids.add(entry.Id);
  }
  return entries as Input[];
}

/** Runs each entry; an entry's SqsError fails it alone. */
function eachEntry(entries: Input[], run: (entry: Input) => Record<string, unknown>): unknown {
  const Successful: Record<string, unknown>[] = [];
  const Failed: Record<string, unknown>[] = [];
  for (const entry of entries) {
    try {
      Successful.push({ Id: entry.Id, ...run(entry) });
    } catch (error) {
      if (!(error instanceof SqsError)) throw error;
      Failed.push({ Id: entry.Id, SenderFault: true, Code: error.queryCode, Message: error.message });
    }
  }
  return { Successful, Failed };
}

/** Answers once the records of the messages sent are on disk (one fsync). */
export async function sendMessageBatch(queues: QueueDirectory, input: Input): Promise<unknown> {
  const queue = queues.byUrl(input.QueueUrl);
  const entries = batchEntries(input);
  const total = entries.reduce(
    (sum, e) => sum + sizeOf(String(e.MessageBody ?? ''), e.MessageAttributes as Record<string, MessageAttribute>),
    0,
  );
  if (total > MAX_MESSAGE_BYTES) {
    throw new SqsError(
      'BatchRequestTooLong',
      'AWS.SimpleQueueService.BatchRequestTooLong',
      `Batch requests cannot be longer than ${MAX_MESSAGE_BYTES} bytes. You have sent ${total} bytes.`,
    );
  }
  const result = eachEntry(entries, (entry) => sendOne(queue, entry));
  await queue.synced();
  return result;
}

function wanted(names: unknown, name: string): boolean {
  return Array.isArray(names) && (names.includes('All') || names.includes(name) || names.includes('.*'));
}

function toWire(message: Message, input: Input): Record<string, unknown> {
  const systemNames = [
    ...(Array.isArray(input.AttributeNames) ? input.AttributeNames : []),
    ...(Array.isArray(input.MessageSystemAttributeNames) ? input.MessageSystemAttributeNames : []),
  ];
  const system: Record<string, string> = {
    SenderId: 'AIDAIENQZJOLO23YVJ4VO',
    SentTimestamp: String(message.sentAt),
    ApproximateReceiveCount: String(message.receiveCount),
    ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt ?? message.sentAt),
    ...(message.groupId === undefined ? {} : { MessageGroupId: message.groupId }),
    ...(message.deduplicationId === undefined ? {} : { MessageDeduplicationId: message.deduplicationId }),
    ...(message.sequenceNumber === undefined ? {} : { SequenceNumber: message.sequenceNumber }),
  };
  const attributes = Object.fromEntries(Object.entries(system).filter(([name]) => wanted(systemNames, name)));
  const messageAttributes = Object.fromEntries(
    Object.entries(message.attributes ?? {}).filter(([name]) => wanted(input.MessageAttributeNames, name)),
  );
  const withAttributes = Object.keys(messageAttributes).length > 0;
  return {
    MessageId: message.id,
    ReceiptHandle: message.receipt,
    MD5OfBody: message.md5OfBody,
    Body: message.body,
    ...(Object.keys(attributes).length === 0 ? {} : { Attributes: attributes }),
    ...(withAttributes
      ? { MessageAttributes: messageAttributes, MD5OfMessageAttributes: md5OfAttributes(messageAttributes) }
      : {}),
  };
}

export async function receiveMessage(queues: QueueDirectory, input: Input): Promise<unknown> {
  const queue = queues.byUrl(input.QueueUrl);
  const max = integer(input, 'MaxNumberOfMessages', 1, 10) ?? 1;
  const visibility = integer(input, 'VisibilityTimeout', 0, 43_200);
  const wait =
    integer(input, 'WaitTimeSeconds', 0, 20) ?? Number(queue.attributes.get('ReceiveMessageWaitTimeSeconds'));
  const end = Date.now() + wait * 1000;
  let messages = queue.receive(max, visibility);
  while (messages.length === 0 && Date.now() < end && queues.byName(queue.name) === queue) {
    await queue.waitForMessages(Math.min(end - Date.now(), 1_000));
    messages = queue.receive(max, visibility);
  }
  return messages.length === 0 ? {} : { Messages: messages.map((m) => toWire(m, input)) };
}

/** Our receipt handles are `<message id>#<receive id>`; anything else is not one. */
function receiptOf(value: unknown): string {
  if (typeof value !== 'string' || !/^[0-9a-f-]{36}#[0-9a-f-]{36}$/.test(value)) {
    throw new SqsError(
      'ReceiptHandleIsInvalid',
      'ReceiptHandleIsInvalid',
      `The input receipt handle "${String(value)}" is not a valid receipt handle.`,
      404,
    );
  }
  return value;
}

function deleteOne(queue: LocalQueue, input: Input): Record<string, unknown> {
  queue.delete(receiptOf(input.ReceiptHandle));
  return {};
}

export function deleteMessage(queues: QueueDirectory, input: Input): unknown {
  return deleteOne(queues.byUrl(input.QueueUrl), input);
}

export function deleteMessageBatch(queues: QueueDirectory, input: Input): unknown {
  const queue = queues.byUrl(input.QueueUrl);
  return eachEntry(batchEntries(input), (entry) => deleteOne(queue, entry));
}

function changeOne(queue: LocalQueue, input: Input): Record<string, unknown> {
  const receipt = receiptOf(input.ReceiptHandle);
  const seconds = integer(input, 'VisibilityTimeout', 0, 43_200);
  if (seconds === undefined) throw missingParameter('VisibilityTimeout');
  const message = queue.byReceipt(receipt);
  if (message === undefined || message.visibleAt <= Date.now()) {
    throw new SqsError(
      'MessageNotInflight',
      'AWS.SimpleQueueService.MessageNotInflight',
      'Message does not exist or is not available for visibility timeout change.',
    );
  }
  queue.changeVisibility(message, seconds);
  return {};
}

export function changeMessageVisibility(queues: QueueDirectory, input: Input): unknown {
  return changeOne(queues.byUrl(input.QueueUrl), input);
}

export function changeMessageVisibilityBatch(queues: QueueDirectory, input: Input): unknown {
  const queue = queues.byUrl(input.QueueUrl);
  return eachEntry(batchEntries(input), (entry) => changeOne(queue, entry));
}
