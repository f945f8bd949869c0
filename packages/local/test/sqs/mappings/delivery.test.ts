/**
 * What an event source mapping delivers, against startLocal() with real functions: a batch of 10 in one invocation
 * with AWS's SQS event; a batching window that gathers messages sent one by one (and a batch that goes as soon as it
 * is full); a partial batch failure (only the failed message comes back, then goes to the dead-letter queue after
 * maxReceiveCount receives); an invalid batch response and a function error (the whole batch comes back); a disabled
 * mapping that stops delivering and delivers again once enabled.
 */
import { rmSync } from 'node:fs';
import {
  CreateEventSourceMappingCommand,
  type LambdaClient,
  UpdateEventSourceMappingCommand,
} from '@aws-sdk/client-lambda';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../../../../test-support/async.js';
import { type LocalRuntime, startLocal } from '../../../src/index.js';
import { clients, type Seen, seen, writeService } from './support.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

let dir: string;
let local: LocalRuntime;
let lambda: LambdaClient;
let sqs: SQSClient;
const logs: string[] = [];
const nameOf = (fn: string) => local.functions.find((f) => f.name === fn)!.deployedName;
const arnOf = (queue: string) => `arn:aws:sqs:us-east-1:000000000000:${queue}`;

beforeAll(async () => {
  dir = writeService();
  local = await startLocal({ dirs: [dir], ephemeral: true, iam: 'off', log: (line) => logs.push(line) });
  ({ lambda, sqs } = clients(local.url));
});
afterAll(async () => {
  lambda?.destroy();
  sqs?.destroy();
  await local?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A queue (with a dead-letter queue when `maxReceiveCount` is given); answers its URL. */
async function queue(name: string, visibility: number, maxReceiveCount?: number): Promise<string> {
  const attributes: Record<string, string> = { VisibilityTimeout: String(visibility) };
  if (maxReceiveCount !== undefined) {
    await sqs.send(new CreateQueueCommand({ QueueName: `${name}-dlq` }));
    attributes.RedrivePolicy = JSON.stringify({ deadLetterTargetArn: arnOf(`${name}-dlq`), maxReceiveCount });
  }
  return (await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }))).QueueUrl!;
}

async function map(fn: string, queueName: string, settings: Record<string, unknown> = {}): Promise<string> {
  const out = await lambda.send(
    new CreateEventSourceMappingCommand({ FunctionName: nameOf(fn), EventSourceArn: arnOf(queueName), ...settings }),
  );
  return out.UUID!;
}

/** The invocations of a queue's mapping. */
const of = (queueName: string): Seen[] => seen(dir).filter((s) => s.records[0]?.eventSourceARN === arnOf(queueName));

async function counts(url: string): Promise<{ visible: number; inFlight: number }> {
  const out = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }));
  return {
    visible: Number(out.Attributes?.ApproximateNumberOfMessages),
    inFlight: Number(out.Attributes?.ApproximateNumberOfMessagesNotVisible),
  };
}

/** Every message that reaches a dead-letter queue within `timeoutMs`, until `count` of them did. */
async function deadLetters(name: string, count: number): Promise<Message[]> {
  const url = (await sqs.send(new CreateQueueCommand({ QueueName: `${name}-dlq` }))).QueueUrl!;
  const got: Message[] = [];
  const end = Date.now() + 20_000;
  while (got.length < count && Date.now() < end) {
    const out = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 2, MaxNumberOfMessages: 10 }),
    );
    got.push(...(out.Messages ?? []));
  }
  return got;
}

describe('delivery through an event source mapping', () => {
  it('invokes once with a batch of 10 in AWS SQS event shape, then deletes the batch', async () => {
    const url = await queue('ten', 30);
    await map('consume', 'ten');
    const sent = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: url,
        Entries: Array.from({ length: 10 }, (_, i) => ({
          Id: `m${i}`,
          MessageBody: JSON.stringify({ n: i }),
          ...(i === 0 ? { MessageAttributes: { correlationId: { DataType: 'String', StringValue: 'c-1' } } } : {}),
        })),
      }),
    );
    await waitFor(() => of('ten').length > 0, { what: 'the invocation', timeoutMs: 20_000 });
    await waitFor(async () => (await counts(url)).inFlight === 0, { what: 'the batch deleted' });
    const invocations = of('ten');
    expect(invocations).toHaveLength(1);
    expect(invocations[0]!.records.map((r) => JSON.parse(r.body).n)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const first = invocations[0]!.records[0]!;
    expect(first).toEqual({
      messageId: sent.Successful?.find((s) => s.Id === 'm0')?.MessageId,
      receiptHandle: expect.any(String),
      body: '{"n":0}',
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: expect.stringMatching(/^\d+$/),
        SenderId: expect.any(String),
        ApproximateFirstReceiveTimestamp: expect.stringMatching(/^\d+$/),
      },
      messageAttributes: {
        correlationId: { stringValue: 'c-1', stringListValues: [], binaryListValues: [], dataType: 'String' },
      },
      md5OfBody: sent.Successful?.find((s) => s.Id === 'm0')?.MD5OfMessageBody,
      eventSource: 'aws:sqs',
      eventSourceARN: arnOf('ten'),
      awsRegion: 'us-east-1',
    });
    expect(await counts(url)).toEqual({ visible: 0, inFlight: 0 });
  });

  it('gathers messages sent one by one within the batching window, and sends a full batch at once', async () => {
    const url = await queue('windowed', 30);
    await map('consume', 'windowed', { BatchSize: 100, MaximumBatchingWindowInSeconds: 2 });
    const firstSent = Date.now();
    for (let n = 0; n < 3; n++) await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: `{"n":${n}}` }));
    await waitFor(() => of('windowed').length > 0, { what: 'the windowed batch', timeoutMs: 20_000 });
    const [batch] = of('windowed');
    expect(batch!.records.map((r) => r.body)).toEqual(['{"n":0}', '{"n":1}', '{"n":2}']);
    expect(batch!.at - firstSent).toBeGreaterThanOrEqual(1_900); // the window ran out

    const fullUrl = await queue('full', 30);
    await map('consume', 'full', { BatchSize: 3, MaximumBatchingWindowInSeconds: 300 });
    const sentAt = Date.now();
    for (let n = 0; n < 3; n++)
      await sqs.send(new SendMessageCommand({ QueueUrl: fullUrl, MessageBody: `{"n":${n}}` }));
    await waitFor(() => of('full').length > 0, { what: 'the full batch', timeoutMs: 20_000 });
    expect(of('full')[0]!.records).toHaveLength(3);
    expect(of('full')[0]!.at - sentAt).toBeLessThan(60_000); // not the 300 s window
  });

  it('with ReportBatchItemFailures, only the failed message comes back, then goes to the DLQ', async () => {
    const url = await queue('partial', 2, 2);
    await map('consume', 'partial', { FunctionResponseTypes: ['ReportBatchItemFailures'] });
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: 'a', MessageBody: '{"n":"a"}' },
          { Id: 'b', MessageBody: '{"n":"b","fail":true}' },
          { Id: 'c', MessageBody: '{"n":"c"}' },
        ],
      }),
    );
    const dead = await deadLetters('partial', 1);
    expect(dead.map((m) => m.Body)).toEqual(['{"n":"b","fail":true}']);
    const bodies = of('partial').map((s) => s.records.map((r) => JSON.parse(r.body).n));
    expect(bodies).toEqual([['a', 'b', 'c'], ['b']]);
    expect(await counts(url)).toEqual({ visible: 0, inFlight: 0 });
  });

  it('an invalid batch response or a function error brings the whole batch back', async () => {
    await queue('invalid', 2, 1);
    await map('unknownItem', 'invalid', { FunctionResponseTypes: ['ReportBatchItemFailures'] });
    const invalidUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'invalid' }))).QueueUrl!;
    await sqs.send(new SendMessageCommand({ QueueUrl: invalidUrl, MessageBody: '{"n":"x"}' }));
    expect((await deadLetters('invalid', 1)).map((m) => m.Body)).toEqual(['{"n":"x"}']);
    expect(logs.some((l) => l.includes('invalid batch response') && l.includes('not a message of the batch'))).toBe(
      true,
    );

    const url = await queue('throwing', 2, 2);
    await map('consume', 'throwing');
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: 'ok', MessageBody: '{"n":"ok"}' },
          { Id: 'boom', MessageBody: '{"n":"boom","throw":true}' },
        ],
      }),
    );
    const dead = await deadLetters('throwing', 2);
    expect(dead.map((m) => m.Body).sort()).toEqual(['{"n":"boom","throw":true}', '{"n":"ok"}']);
    expect(of('throwing').map((s) => s.records.length)).toEqual([2, 2]);
    expect(logs.some((l) => l.includes('the function failed (Error: asked to fail)'))).toBe(true);
  });

  it('a disabled mapping stops delivering; enabled again, it delivers', async () => {
    const url = await queue('pausable', 30);
    const uuid = await map('consume', 'pausable');
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: '{"n":1}' }));
    await waitFor(() => of('pausable').length === 1, { what: 'the first message delivered', timeoutMs: 20_000 });

    await lambda.send(new UpdateEventSourceMappingCommand({ UUID: uuid, Enabled: false }));
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: '{"n":2}' }));
    // the message stays in the queue for any other reader
    const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 5 }));
    expect(out.Messages?.map((m) => m.Body)).toEqual(['{"n":2}']);
    await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: out.Messages![0]!.ReceiptHandle }));
    expect(of('pausable')).toHaveLength(1);

    await lambda.send(new UpdateEventSourceMappingCommand({ UUID: uuid, Enabled: true }));
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: '{"n":3}' }));
    await waitFor(() => of('pausable').length === 2, { what: 'delivery once enabled', timeoutMs: 20_000 });
    expect(of('pausable').map((s) => s.records[0]!.body)).toEqual(['{"n":1}', '{"n":3}']);
  });
});
