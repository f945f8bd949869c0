/**
 * The event Lambda gives a function for a batch of SQS messages (`{ Records: [...] }`, docs/reference/sqs.md), built
 * from ReceiveMessage's output, and the function's answer read as AWS reads it with `ReportBatchItemFailures`.
 */

/** A message as ReceiveMessage answers it (asked for all attributes). */
export interface ReceivedMessage {
  readonly MessageId: string;
  readonly ReceiptHandle: string;
  readonly MD5OfBody: string;
  readonly Body: string;
  readonly Attributes?: Readonly<Record<string, string>>;
  readonly MessageAttributes?: Readonly<
    Record<string, { DataType?: string; StringValue?: string; BinaryValue?: string | Uint8Array }>
  >;
}

/** One record of the event. */
export interface SqsRecord {
  readonly messageId: string;
  readonly receiptHandle: string;
  readonly body: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly messageAttributes: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly md5OfBody: string;
  readonly eventSource: 'aws:sqs';
  readonly eventSourceARN: string;
  readonly awsRegion: string;
}

/**
 * The record of one message.
 *
 * @example
 * sqsRecord(message, 'arn:aws:sqs:us-east-1:000000000000:orders', 'us-east-1').eventSource; // 'aws:sqs'
 */
export function sqsRecord(message: ReceivedMessage, queueArn: string, region: string): SqsRecord {
  const messageAttributes: Record<string, Record<string, unknown>> = {};
  for (const [name, value] of Object.entries(message.MessageAttributes ?? {})) {
    const binary = value.BinaryValue;
    messageAttributes[name] = {
      ...(value.StringValue !== undefined ? { stringValue: value.StringValue } : {}),
      ...(binary !== undefined
        ? { binaryValue: typeof binary === 'string' ? binary : Buffer.from(binary).toString('base64') }
        : {}),
      stringListValues: [],
      binaryListValues: [],
      dataType: value.DataType,
    };
  }
  return {
    messageId: message.MessageId,
    receiptHandle: message.ReceiptHandle,
    body: message.Body,
    attributes: { ...message.Attributes },
    messageAttributes,
    md5OfBody: message.MD5OfBody,
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  };
}

/** What a batch's invocation came to: every message done, some failed (by message id), or all failed. */
export type BatchOutcome =
  | { readonly kind: 'success' }
  | { readonly kind: 'partial'; readonly failed: ReadonlySet<string> }
  | { readonly kind: 'failure'; readonly reason: string };

/**
 * Reads a successful invocation's answer. Without `ReportBatchItemFailures` any answer is a success. With it, as AWS
 * reads it: no answer, `null`, `{}`, or an empty or `null` `batchItemFailures` is a success; a list of
 * `{ itemIdentifier }` naming messages of the batch fails those; anything else (not JSON, an item without a string
 * identifier or with an empty one, an identifier not in the batch) fails the whole batch.
 *
 * @example
 * batchOutcome(Buffer.from('{"batchItemFailures":[{"itemIdentifier":"m-2"}]}'), ['m-1', 'm-2'], true);
 * // { kind: 'partial', failed: Set { 'm-2' } }
 */
export function batchOutcome(payload: Buffer, messageIds: readonly string[], reportFailures: boolean): BatchOutcome {
  if (!reportFailures) return { kind: 'success' };
  const text = payload.toString('utf8').trim();
  if (text === '') return { kind: 'success' };
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    return { kind: 'failure', reason: 'the function answered something that is not JSON' };
  }
  if (answer === null) return { kind: 'success' };
  if (typeof answer !== 'object' || Array.isArray(answer)) {
    return { kind: 'failure', reason: 'the function answered something that is not a batch response object' };
  }
  const items = (answer as { batchItemFailures?: unknown }).batchItemFailures;
  if (items === undefined || items === null) return { kind: 'success' };
  if (!Array.isArray(items)) return { kind: 'failure', reason: 'batchItemFailures is not a list' };
  const known = new Set(messageIds);
  const failed = new Set<string>();
  for (const item of items) {
    const id = (item as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== 'string' || id === '') {
      return { kind: 'failure', reason: 'a batchItemFailures entry has no itemIdentifier (or an empty one)' };
    }
    if (!known.has(id)) {
      return { kind: 'failure', reason: `batchItemFailures names ${id}, which is not a message of the batch` };
    }
    failed.add(id);
  }
  return failed.size === 0 ? { kind: 'success' } : { kind: 'partial', failed };
}
