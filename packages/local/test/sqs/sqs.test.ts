/**
 * SQS on the front door with the SDK v3 (AWS JSON 1.0): queues, send and receive with the SDK's MD5 checks,
 * visibility, long polling, redrive to a dead-letter queue, FIFO order and deduplication, SQS's limits and errors,
 * and a queue as an EventBridge rule target.
 */

import { EventBridgeClient, PutEventsCommand, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import {
  ChangeMessageVisibilityBatchCommand,
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  PurgeQueueCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEventBridgeService } from '../../src/events/index.js';
import { type AsyncEvents, createAsyncEvents } from '../../src/lambda/async/index.js';
import { type FrontDoor, startFrontDoor } from '../../src/server.js';
import { createSqsService } from '../../src/sqs/index.js';
import { InProcessInvoker } from '../lambda/api/support/in-process-invoker.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

let door: FrontDoor;
let events: AsyncEvents;
let sqs: SQSClient;
const where = { region: 'us-east-1', accountId: '000000000000', say: () => {} };
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

beforeEach(async () => {
  const invoker = new InProcessInvoker({});
  const queues = createSqsService(where);
  events = createAsyncEvents({
    functions: [],
    invoker,
    dir: undefined,
    moreDestinations: [queues.destinations],
    ...where,
  });
  const eventBridge = createEventBridgeService({ file: undefined, destinations: events.destinations, ...where });
  door = await startFrontDoor({
    functions: [],
    invoker,
    events,
    services: { sqs: queues, eventBridge },
    log: () => {},
  });
  sqs = new SQSClient({ endpoint: door.url, region: 'us-east-1', credentials, maxAttempts: 1 });
});

afterEach(async () => {
  sqs.destroy();
  await door.close();
  await events.queue.close();
});

async function queue(name: string, Attributes?: Record<string, string>): Promise<string> {
  return (await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes }))).QueueUrl!;
}

describe('standard queues', () => {
  it('create, find, list, send, receive (MD5s checked by the SDK), delete, counts, purge, delete the queue', async () => {
    const url = await queue('orders');
    expect(url).toBe(`${door.url}/000000000000/orders`);
    expect(await queue('orders')).toBe(url);
    expect((await sqs.send(new GetQueueUrlCommand({ QueueName: 'orders' }))).QueueUrl).toBe(url);
    expect((await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'ord' }))).QueueUrls).toEqual([url]);
    const sent = await sqs.send(
      new SendMessageCommand({
        QueueUrl: url,
        MessageBody: '{"orderId":"o-1"}',
        MessageAttributes: { correlationId: { DataType: 'String', StringValue: 'c-1' } },
      }),
    );
    const got = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        MaxNumberOfMessages: 10,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: ['ApproximateReceiveCount'],
      }),
    );
    expect(got.Messages).toHaveLength(1);
    expect(got.Messages?.[0]).toMatchObject({
      MessageId: sent.MessageId,
      Body: '{"orderId":"o-1"}',
      Attributes: { ApproximateReceiveCount: '1' },
      MessageAttributes: { correlationId: { DataType: 'String', StringValue: 'c-1' } },
    });
    const attributes = async () =>
      (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }))).Attributes;
    expect(await attributes()).toMatchObject({
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesNotVisible: '1',
      QueueArn: 'arn:aws:sqs:us-east-1:000000000000:orders',
    });
    await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: got.Messages?.[0]?.ReceiptHandle }));
    expect(await attributes()).toMatchObject({ ApproximateNumberOfMessagesNotVisible: '0' });
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x' }));
    await sqs.send(new PurgeQueueCommand({ QueueUrl: url }));
    expect((await attributes())?.ApproximateNumberOfMessages).toBe('0');
    await sqs.send(new DeleteQueueCommand({ QueueUrl: url }));
    await expect(sqs.send(new GetQueueUrlCommand({ QueueName: 'orders' }))).rejects.toMatchObject({
      name: 'QueueDoesNotExist',
    });
  });

  it('a received message is hidden for its visibility timeout; ChangeMessageVisibility 0 shows it again', async () => {
    const url = await queue('work');
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'job' }));
    const first = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, VisibilityTimeout: 60 }));
    expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl: url }))).Messages).toBeUndefined();
    await sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: url,
        ReceiptHandle: first.Messages?.[0]?.ReceiptHandle,
        VisibilityTimeout: 0,
      }),
    );
    const again = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }),
    );
    expect(again.Messages?.[0]).toMatchObject({ Body: 'job', Attributes: { ApproximateReceiveCount: '2' } });
  });

  it('ChangeMessageVisibilityBatch: each entry alone (an unknown receipt handle fails its entry, the others apply)', async () => {
    const url = await queue('batch-visibility');
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: 'a', MessageBody: 'a' },
          { Id: 'b', MessageBody: 'b' },
        ],
      }),
    );
    const got = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, VisibilityTimeout: 60 }),
    );
    expect(got.Messages).toHaveLength(2);
    const changed = await sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: 'first', ReceiptHandle: got.Messages?.[0]?.ReceiptHandle, VisibilityTimeout: 0 },
          { Id: 'bad', ReceiptHandle: 'not-a-receipt-handle', VisibilityTimeout: 0 },
        ],
      }),
    );
    expect(changed.Successful?.map((e) => e.Id)).toEqual(['first']);
    expect(changed.Failed).toEqual([expect.objectContaining({ Id: 'bad', SenderFault: true })]);
    const again = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));
    expect(again.Messages?.map((m) => m.Body)).toEqual([got.Messages?.[0]?.Body]);
  });

  it('long polling: a waiting ReceiveMessage returns as soon as a message is sent', async () => {
    const url = await queue('slow');
    const started = Date.now();
    const waiting = sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 10 }));
    const sending = new Promise((resolve) => setTimeout(resolve, 200)).then(() =>
      sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'late' })),
    );
    const got = await waiting;
    expect(got.Messages?.[0]?.Body).toBe('late');
    expect(Date.now() - started).toBeLessThan(5_000);
    // the send answers too (not cut off by the end of the test)
    expect((await sending).MessageId).toBe(got.Messages?.[0]?.MessageId);
  });

  it('redrive: after maxReceiveCount receives the message moves to the dead-letter queue', async () => {
    const dlqUrl = await queue('orders-dlq');
    const url = await queue('orders-main');
    await sqs.send(
      new SetQueueAttributesCommand({
        QueueUrl: url,
        Attributes: {
          RedrivePolicy: JSON.stringify({
            deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:orders-dlq',
            maxReceiveCount: 2,
          }),
        },
      }),
    );
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'poison' }));
    for (let i = 0; i < 2; i++) {
      const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, VisibilityTimeout: 0 }));
      expect(got.Messages?.[0]?.Body).toBe('poison');
    }
    expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl: url }))).Messages).toBeUndefined();
    expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlqUrl }))).Messages?.[0]?.Body).toBe('poison');
  });

  it('batches: send 3, delete them in one batch; a bad entry fails alone', async () => {
    const url = await queue('batched');
    const sent = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: 'a', MessageBody: '1' },
          { Id: 'b', MessageBody: '2' },
          { Id: 'c', MessageBody: '3', DelaySeconds: 901 },
        ],
      }),
    );
    expect(sent.Successful?.map((s) => s.Id)).toEqual(['a', 'b']);
    expect(sent.Failed).toEqual([
      { Id: 'c', SenderFault: true, Code: 'InvalidParameterValue', Message: expect.stringMatching(/DelaySeconds/) },
    ]);
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));
    const deleted = await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: url,
        Entries: (got.Messages ?? []).map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle })),
      }),
    );
    expect(deleted.Successful).toHaveLength(2);
  });
});

describe('FIFO queues', () => {
  it('one group in flight at a time, in order; deduplication within 5 minutes', async () => {
    const url = await queue('orders.fifo', { FifoQueue: 'true' });
    const put = (body: string, group: string, dedup = body) =>
      sqs.send(
        new SendMessageCommand({
          QueueUrl: url,
          MessageBody: body,
          MessageGroupId: group,
          MessageDeduplicationId: dedup,
        }),
      );
    const a1 = await put('a1', 'A');
    await put('a2', 'A');
    await put('b1', 'B');
    expect((await put('a1', 'A')).MessageId).toBe(a1.MessageId);
    const first = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 1 }));
    expect(first.Messages?.map((m) => m.Body)).toEqual(['a1']);
    const second = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));
    expect(second.Messages?.map((m) => m.Body)).toEqual(['b1']);
    await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: first.Messages?.[0]?.ReceiptHandle }));
    const third = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));
    expect(third.Messages?.map((m) => m.Body)).toEqual(['a2']);
    await expect(sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x' }))).rejects.toMatchObject({
      name: 'MissingParameter',
    });
  });
});

describe("SQS's limits and errors", () => {
  it('MaxNumberOfMessages 11, a message over 256 KB, an unknown queue URL, 11 batch entries', async () => {
    const url = await queue('limits');
    await expect(sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 11 }))).rejects.toMatchObject(
      { name: 'InvalidParameterValue', message: expect.stringMatching(/MaxNumberOfMessages/) },
    );
    await expect(
      sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x'.repeat(262_145) })),
    ).rejects.toMatchObject({ message: expect.stringMatching(/shorter than 262144 bytes/) });
    await expect(
      sqs.send(new SendMessageCommand({ QueueUrl: `${door.url}/000000000000/nope`, MessageBody: 'x' })),
    ).rejects.toMatchObject({ name: 'QueueDoesNotExist', $metadata: { httpStatusCode: 400 } });
    const eleven = Array.from({ length: 11 }, (_, i) => ({ Id: `m${i}`, MessageBody: 'x' }));
    await expect(sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: eleven }))).rejects.toMatchObject({
      name: 'TooManyEntriesInBatchRequest',
    });
  });
});

describe('a queue as an EventBridge rule target', () => {
  it('a matching event lands in the queue as AWS’s envelope', async () => {
    const url = await queue('notifications');
    const eventBridge = new EventBridgeClient({ endpoint: door.url, region: 'us-east-1', credentials, maxAttempts: 1 });
    await eventBridge.send(new PutRuleCommand({ Name: 'to-queue', EventPattern: '{"source":["orders"]}' }));
    await eventBridge.send(
      new PutTargetsCommand({
        Rule: 'to-queue',
        Targets: [{ Id: 'q', Arn: 'arn:aws:sqs:us-east-1:000000000000:notifications' }],
      }),
    );
    await eventBridge.send(
      new PutEventsCommand({
        Entries: [{ Source: 'orders', DetailType: 'OrderCreated', Detail: '{"orderId":"o-9"}' }],
      }),
    );
    eventBridge.destroy();
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url }));
    expect(JSON.parse(got.Messages?.[0]?.Body ?? '{}')).toMatchObject({
      source: 'orders',
      'detail-type': 'OrderCreated',
      detail: { orderId: 'o-9' },
    });
  });
});
