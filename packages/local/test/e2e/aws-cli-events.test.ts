/**
 * The AWS CLI v2 (`/usr/bin/aws`, from Debian: SQS on the query protocol) against startLocal()'s SQS and
 * EventBridge: a queue, send, receive, delete, SQS's errors; a rule with an invalid pattern; an event put on a queue
 * by a rule.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AWS_CLI, clientEnv, hasAwsCli, runCommand } from './clients.js';
import { type E2e, startE2e } from './support.js';

let e2e: E2e;
let home: string;
beforeAll(async () => {
  if (!hasAwsCli) return;
  e2e = await startE2e();
  home = mkdtempSync(path.join(tmpdir(), 'lambdaport-cli-events-'));
});
afterAll(async () => {
  await e2e?.local.stop();
  if (home) rmSync(home, { recursive: true, force: true });
});

const aws = (...args: string[]) =>
  runCommand(AWS_CLI, [...args, '--endpoint-url', e2e.local.url, '--output', 'json'], clientEnv(home));

describe.skipIf(!hasAwsCli)('aws sqs and aws events (CLI v2) against startLocal', () => {
  it('creates a queue, sends, receives and deletes; AWS-shaped errors', async () => {
    const created = await aws('sqs', 'create-queue', '--queue-name', 'cli-jobs');
    expect(created.stderr).toBe('');
    const url = (JSON.parse(created.stdout) as { QueueUrl: string }).QueueUrl;
    expect(url).toBe(`${e2e.local.url}/000000000000/cli-jobs`);
    const sent = await aws('sqs', 'send-message', '--queue-url', url, '--message-body', '{"n":1}');
    expect(JSON.parse(sent.stdout)).toMatchObject({
      MessageId: expect.any(String),
      MD5OfMessageBody: expect.any(String),
    });
    const received = await aws('sqs', 'receive-message', '--queue-url', url, '--attribute-names', 'All');
    const message = (
      JSON.parse(received.stdout) as {
        Messages: { Body: string; ReceiptHandle: string; Attributes: Record<string, string> }[];
      }
    ).Messages[0]!;
    expect(message.Body).toBe('{"n":1}');
    expect(message.Attributes.ApproximateReceiveCount).toBe('1');
    const deleted = await aws('sqs', 'delete-message', '--queue-url', url, '--receipt-handle', message.ReceiptHandle);
    expect(deleted.code).toBe(0);
    const eleven = await aws('sqs', 'receive-message', '--queue-url', url, '--max-number-of-messages', '11');
    expect(eleven.code).not.toBe(0);
    expect(eleven.stderr).toContain('InvalidParameterValue');
    const missing = await aws('sqs', 'get-queue-url', '--queue-name', 'no-such-queue');
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('AWS.SimpleQueueService.NonExistentQueue');
  });

  it('a rule puts matching events on a queue; an invalid pattern is InvalidEventPatternException', async () => {
    const url = (
      JSON.parse((await aws('sqs', 'create-queue', '--queue-name', 'cli-events')).stdout) as { QueueUrl: string }
    ).QueueUrl;
    const bad = await aws('events', 'put-rule', '--name', 'bad', '--event-pattern', '{"source":"orders"}');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('InvalidEventPatternException');
    expect((await aws('events', 'put-rule', '--name', 'to-q', '--event-pattern', '{"source":["cli"]}')).code).toBe(0);
    const targets = await aws(
      'events',
      'put-targets',
      '--rule',
      'to-q',
      '--targets',
      JSON.stringify([{ Id: 'q', Arn: 'arn:aws:sqs:us-east-1:000000000000:cli-events' }]),
    );
    expect(JSON.parse(targets.stdout)).toMatchObject({ FailedEntryCount: 0 });
    const put = await aws(
      'events',
      'put-events',
      '--entries',
      JSON.stringify([{ Source: 'cli', DetailType: 'Ping', Detail: '{"n":2}' }]),
    );
    expect(JSON.parse(put.stdout)).toMatchObject({ FailedEntryCount: 0 });
    const received = await aws('sqs', 'receive-message', '--queue-url', url);
    const body = (JSON.parse(received.stdout) as { Messages: { Body: string }[] }).Messages[0]!.Body;
    expect(JSON.parse(body)).toMatchObject({ source: 'cli', 'detail-type': 'Ping', detail: { n: 2 } });
  });
});
