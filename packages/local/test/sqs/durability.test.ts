/**
 * SQS queues survive `kill -9` of the runtime (a real child process, SDK v3 against it): 100 messages sent, some
 * received (in flight), some deleted; after a restart on the same state folder the queues, their attributes, the
 * messages, their attributes and receive counts are the same; messages whose visibility ran out are visible again,
 * those still in flight are not (their receipt handles still delete them). FIFO order and deduplication hold across
 * a restart. A torn tail is cut and kept aside; a log damaged inside its committed part is refused, named, with how
 * to recover.
 */
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../../../test-support/async.js';
import { failedStart, ROBUST_SERVICE, type RuntimeProcess, startRuntimeProcess } from '../support/runtime-process.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

let work: string;
let state: string;
let runtime: RuntimeProcess | undefined;
let sqs: SQSClient | undefined;

beforeEach(() => {
  work = mkdtempSync(path.join(tmpdir(), 'lambdaport-sqs-durable-'));
  state = path.join(work, 'state');
});

afterEach(async () => {
  sqs?.destroy();
  if (runtime?.alive()) {
    runtime.child.kill('SIGKILL');
    await runtime.exited;
  }
  rmSync(work, { recursive: true, force: true });
});

async function start(): Promise<SQSClient> {
  sqs?.destroy();
  runtime = await startRuntimeProcess({ dirs: [ROBUST_SERVICE], state });
  sqs = new SQSClient({
    endpoint: runtime.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  return sqs;
}

async function kill9(): Promise<void> {
  runtime!.child.kill('SIGKILL');
  expect((await runtime!.exited).signal).toBe('SIGKILL');
}

/** Receives until `count` messages came back (or the queue answers none). */
async function receiveAll(client: SQSClient, url: string, count: number, visibility = 600): Promise<Message[]> {
  const got: Message[] = [];
  while (got.length < count) {
    const answer = await client.send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        MaxNumberOfMessages: Math.min(10, count - got.length),
        VisibilityTimeout: visibility,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: ['All'],
      }),
    );
    if (answer.Messages === undefined) break;
    got.push(...answer.Messages);
  }
  return got;
}

async function counts(client: SQSClient, url: string): Promise<Record<string, string>> {
  const answer = await client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }));
  return answer.Attributes ?? {};
}

const n = (message: Message): number => Number(message.Body!.split('-')[1]);

describe('SQS queues in the state folder', () => {
  it('100 messages, some in flight, some deleted, kill -9: after a restart the same queues and messages', async () => {
    let client = await start();
    const dlqArn = 'arn:aws:sqs:us-east-1:000000000000:jobs-dlq';
    await client.send(new CreateQueueCommand({ QueueName: 'jobs-dlq' }));
    const url = (
      await client.send(
        new CreateQueueCommand({
          QueueName: 'jobs',
          Attributes: {
            VisibilityTimeout: '120',
            RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 5 }),
          },
        }),
      )
    ).QueueUrl!;
    const attributesOf = (i: number) => ({
      index: { DataType: 'Number', StringValue: String(i) },
      blob: { DataType: 'Binary', BinaryValue: Buffer.from([i, 255 - i]) },
    });
    // 50 one by one (all at once: their fsyncs shared), 50 in batches of 10
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        client.send(
          new SendMessageCommand({ QueueUrl: url, MessageBody: `m-${i}`, MessageAttributes: attributesOf(i) }),
        ),
      ),
    );
    for (let b = 0; b < 5; b++) {
      const sent = await client.send(
        new SendMessageBatchCommand({
          QueueUrl: url,
          Entries: Array.from({ length: 10 }, (_, j) => {
            const i = 50 + b * 10 + j;
            return { Id: `e${i}`, MessageBody: `m-${i}`, MessageAttributes: attributesOf(i) };
          }),
        }),
      );
      expect(sent.Successful).toHaveLength(10);
    }
    // 30 received for 2 s (visible again after the restart), 10 of them deleted; 20 received for 10 minutes
    const short = await receiveAll(client, url, 30, 2);
    const long = await receiveAll(client, url, 20, 600);
    expect(short).toHaveLength(30);
    expect(long).toHaveLength(20);
    for (const message of short.slice(0, 10)) {
      await client.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: message.ReceiptHandle }));
    }
    await kill9();

    client = await start();
    // the same queue on the new port: its attributes from queues.json, its messages from its log
    const restartedUrl = url.replace(/^http:\/\/[^/]+/, runtime!.url);
    expect(await counts(client, restartedUrl)).toMatchObject({
      VisibilityTimeout: '120',
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 5 }),
    });
    await waitFor(async () => (await counts(client, restartedUrl)).ApproximateNumberOfMessages === '70', {
      what: 'the 50 never received and the 20 whose 2 s visibility ran out to be visible',
      timeoutMs: 15_000,
    });
    expect((await counts(client, restartedUrl)).ApproximateNumberOfMessagesNotVisible).toBe('20');
    const again = await receiveAll(client, restartedUrl, 70);
    expect(again).toHaveLength(70);
    const deleted = new Set(short.slice(0, 10).map(n));
    const inFlight = new Set(long.map(n));
    const expected = Array.from({ length: 100 }, (_, i) => i).filter((i) => !deleted.has(i) && !inFlight.has(i));
    expect(again.map(n).sort((a, b) => a - b)).toEqual(expected);
    const receivedBefore = new Set(short.map(n));
    for (const message of again) {
      const i = n(message);
      expect(message.Attributes?.ApproximateReceiveCount).toBe(receivedBefore.has(i) ? '2' : '1');
      expect(message.MessageAttributes?.index?.StringValue).toBe(String(i));
      expect([...(message.MessageAttributes?.blob?.BinaryValue ?? [])]).toEqual([i, 255 - i]);
    }
    // the receipts of before the crash still delete the messages still in flight
    for (const message of long) {
      await client.send(new DeleteMessageCommand({ QueueUrl: restartedUrl, ReceiptHandle: message.ReceiptHandle }));
    }
    expect(await counts(client, restartedUrl)).toMatchObject({
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesNotVisible: '70',
    });
    expect((await counts(client, restartedUrl.replace(/jobs$/, 'jobs-dlq'))).QueueArn).toBe(dlqArn);
  }, 90_000);

  it('FIFO: order within a group and deduplication hold across kill -9; sequence numbers keep growing', async () => {
    let client = await start();
    const url = (
      await client.send(new CreateQueueCommand({ QueueName: 'orders.fifo', Attributes: { FifoQueue: 'true' } }))
    ).QueueUrl!;
    const put = (c: SQSClient, u: string, body: string, group: string) =>
      c.send(
        new SendMessageCommand({ QueueUrl: u, MessageBody: body, MessageGroupId: group, MessageDeduplicationId: body }),
      );
    const first: Record<string, string> = {};
    let lastSequence = 0n;
    for (const [body, group] of [
      ['a1', 'a'],
      ['b1', 'b'],
      ['a2', 'a'],
      ['a3', 'a'],
      ['b2', 'b'],
    ] as const) {
      const sent = await put(client, url, body, group);
      first[body] = sent.MessageId!;
      lastSequence = BigInt(sent.SequenceNumber!);
    }
    // a1 received and deleted (its deduplication id still counts), b1 in flight
    const [a1] = await receiveAll(client, url, 1);
    const [b1] = await receiveAll(client, url, 1); // group a has a1 in flight
    expect([a1?.Body, b1?.Body]).toEqual(['a1', 'b1']);
    await client.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: a1!.ReceiptHandle }));
    await kill9();

    client = await start();
    const restartedUrl = url.replace(/^http:\/\/[^/]+/, runtime!.url);
    // duplicates within 5 minutes: answered with the first MessageId, not queued again (a1 was deleted)
    expect((await put(client, restartedUrl, 'a1', 'a')).MessageId).toBe(first.a1);
    expect((await put(client, restartedUrl, 'a2', 'a')).MessageId).toBe(first.a2);
    const fresh = await put(client, restartedUrl, 'a4', 'a');
    expect(BigInt(fresh.SequenceNumber!)).toBeGreaterThan(lastSequence);
    // group b is blocked by b1 in flight; group a in order
    const order: string[] = [];
    for (let i = 0; i < 3; i++) {
      const [message] = await receiveAll(client, restartedUrl, 1, 0);
      order.push(message!.Body!);
      await client.send(new DeleteMessageCommand({ QueueUrl: restartedUrl, ReceiptHandle: message!.ReceiptHandle }));
    }
    expect(order).toEqual(['a2', 'a3', 'a4']);
    expect(await receiveAll(client, restartedUrl, 1)).toEqual([]);
  }, 90_000);

  it('--ephemeral: queues are in memory, nothing written, gone after a restart', async () => {
    runtime = await startRuntimeProcess({ dirs: [ROBUST_SERVICE], ephemeral: true });
    const client = new SQSClient({
      endpoint: runtime.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
    const url = (await client.send(new CreateQueueCommand({ QueueName: 'passing' }))).QueueUrl!;
    await client.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'gone at stop' }));
    await runtime.stop();
    runtime = await startRuntimeProcess({ dirs: [ROBUST_SERVICE], ephemeral: true });
    const again = new SQSClient({
      endpoint: runtime.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
    await expect(again.send(new GetQueueUrlCommand({ QueueName: 'passing' }))).rejects.toMatchObject({
      name: 'QueueDoesNotExist',
    });
    client.destroy();
    again.destroy();
    expect(existsSync(path.join(ROBUST_SERVICE, '.lambdaport', 'sqs'))).toBe(false);
  }, 90_000);

  it('a torn tail is cut and kept aside; damage inside the committed part is refused, naming the file', async () => {
    let client = await start();
    const url = (await client.send(new CreateQueueCommand({ QueueName: 'torn' }))).QueueUrl!;
    for (let i = 0; i < 5; i++) await client.send(new SendMessageCommand({ QueueUrl: url, MessageBody: `m-${i}` }));
    await kill9();
    const log = path.join(state, 'sqs', 'torn.log');
    // a record cut short by a crash in the middle of its write: the magic and a length, nothing after
    const torn = Buffer.alloc(9);
    torn.writeUInt32LE(0x4c504552, 0);
    torn.writeUInt32LE(200, 4);
    appendFileSync(log, torn);

    client = await start();
    const restartedUrl = url.replace(/^http:\/\/[^/]+/, runtime!.url);
    expect((await receiveAll(client, restartedUrl, 5)).map(n).sort()).toEqual([0, 1, 2, 3, 4]);
    expect(runtime!.stderr()).toMatch(/torn\.log ended with a torn record/);
    expect(readdirSync(path.join(state, 'sqs')).some((name) => name.startsWith('torn.log.torn-'))).toBe(true);
    await runtime!.stop();

    // a byte flipped inside the first record (committed: acknowledged)
    const bytes = readFileSync(log);
    const before = Buffer.from(bytes);
    bytes[40] = bytes[40]! ^ 0xff;
    writeFileSync(log, bytes);
    const failed = await failedStart({ dirs: [ROBUST_SERVICE], state });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(`The SQS queue log ${log} is damaged`);
    expect(failed.stderr).toContain(`mv '${log}' '${log}.damaged'`);
    expect(readFileSync(log)).toEqual(bytes); // nothing changed
    expect(before.equals(bytes)).toBe(false);
  }, 90_000);
});
