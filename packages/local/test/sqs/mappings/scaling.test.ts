/**
 * How many batches of a mapping run at once: one poller at first, more while batches come back full, never more than
 * `ScalingConfig.MaximumConcurrency` nor the function's reserved concurrency; and a stop of the runtime lets the
 * batch under way finish (no invocation is cut short by the stop).
 */
import { rmSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CreateEventSourceMappingCommand, InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { CreateQueueCommand, SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../../../../test-support/async.js';
import { type LocalRuntime, startLocal } from '../../../src/index.js';
import { clients, ends, type Seen, seen, writeService } from './support.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

let dir: string;
let local: LocalRuntime;
let lambda: LambdaClient;
let sqs: SQSClient;
const arnOf = (queue: string) => `arn:aws:sqs:us-east-1:000000000000:${queue}`;

const logs: string[] = [];
const start = () =>
  startLocal({ dirs: [dir], ephemeral: true, iam: 'off', prebootSpares: false, log: (line) => logs.push(line) });

beforeAll(async () => {
  dir = writeService();
  local = await start();
  ({ lambda, sqs } = clients(local.url));
});
afterAll(async () => {
  lambda?.destroy();
  sqs?.destroy();
  await local?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A queue whose mapping to `fn` takes one message per batch; `count` held messages sent to it. */
async function flood(fn: string, name: string, count: number, settings: Record<string, unknown> = {}): Promise<void> {
  const url = (await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: { VisibilityTimeout: '60' } })))
    .QueueUrl!;
  const functionName = local.functions.find((f) => f.name === fn)!.deployedName;
  await lambda.send(
    new CreateEventSourceMappingCommand({
      FunctionName: functionName,
      EventSourceArn: arnOf(name),
      BatchSize: 1,
      ...settings,
    }),
  );
  const entries = Array.from({ length: count }, (_, n) => ({
    Id: `m${n}`,
    MessageBody: JSON.stringify({ n, hold: true }),
  }));
  await sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: entries }));
}

const of = (name: string): Seen[] =>
  seen(dir).filter((s) => s.records[0]?.eventSourceARN === (name === 'direct' ? 'direct' : arnOf(name)));

/** The most invocations of a queue's mapping that ran at the same time. */
function mostAtOnce(name: string): number {
  const done = ends(dir);
  const spans = of(name).map((s) => [s.at, done.get(s.records[0]!.messageId) ?? Number.POSITIVE_INFINITY] as const);
  return Math.max(...spans.map(([at]) => spans.filter(([from, to]) => from <= at && at < to).length));
}

const release = () => writeFileSync(path.join(dir, 'release'), '');
const hold = () => rmSync(path.join(dir, 'release'), { force: true });

describe('scaling of the pollers', () => {
  it('scales up while batches are full, up to ScalingConfig.MaximumConcurrency', async () => {
    hold();
    await flood('consume', 'busy', 6, { ScalingConfig: { MaximumConcurrency: 2 } });
    await waitFor(() => of('busy').length === 2, { what: 'a second batch at once', timeoutMs: 20_000 });
    release();
    await waitFor(() => ends(dir).size >= 6, { what: 'every message processed', timeoutMs: 30_000 });
    expect(
      of('busy')
        .map((s) => JSON.parse(s.records[0]!.body).n)
        .sort(),
    ).toEqual([0, 1, 2, 3, 4, 5]);
    expect(mostAtOnce('busy')).toBe(2);
  });

  it("stays within the function's reserved concurrency", async () => {
    hold();
    await flood('held', 'reserved', 3);
    await waitFor(() => of('reserved').length === 1, { what: 'the first batch', timeoutMs: 20_000 });
    release();
    await waitFor(() => of('reserved').length === 3 && ends(dir).size >= 9, {
      what: 'every message processed',
      timeoutMs: 30_000,
    });
    expect(mostAtOnce('reserved')).toBe(1);
  });
});

describe('a throttle', () => {
  it('puts the batch back at once: it is delivered when the function is free, before its visibility timeout', async () => {
    hold();
    const held = local.functions.find((f) => f.name === 'held')!.deployedName;
    const direct = { Records: [{ messageId: 'direct', body: '{"hold":true}', eventSourceARN: 'direct' }] };
    // the function's one environment is taken by a direct call until released
    const busy = lambda.send(new InvokeCommand({ FunctionName: held, Payload: JSON.stringify(direct) }));
    await waitFor(() => of('direct').length === 1, { what: 'the direct call running', timeoutMs: 20_000 });
    const url = (
      await sqs.send(new CreateQueueCommand({ QueueName: 'throttled', Attributes: { VisibilityTimeout: '60' } }))
    ).QueueUrl!;
    await lambda.send(new CreateEventSourceMappingCommand({ FunctionName: held, EventSourceArn: arnOf('throttled') }));
    await sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: [{ Id: 'm', MessageBody: '{"n":1}' }] }));
    await waitFor(() => logs.some((l) => l.includes('throttled (the reserved')), {
      what: 'a throttled batch',
      timeoutMs: 20_000,
    });
    const releasedAt = Date.now();
    release();
    await busy;
    await waitFor(() => of('throttled').length === 1, { what: 'the batch after the throttle', timeoutMs: 30_000 });
    const attributes = of('throttled')[0]!.records[0]!.attributes as Record<string, string>;
    expect(Number(attributes.ApproximateReceiveCount)).toBeGreaterThan(1);
    expect(of('throttled')[0]!.at - releasedAt).toBeLessThan(30_000); // not after the 60 s visibility timeout
  });
});

describe('a stop of the runtime', () => {
  it('lets the batch under way finish before it resolves', async () => {
    hold();
    await flood('consume', 'stopping', 1);
    await waitFor(() => of('stopping').length === 1, { what: 'the held batch', timeoutMs: 20_000 });
    const first = of('stopping')[0]!.records[0]!.messageId;
    let stoppedAt: number | undefined;
    const stopping = local.stop().then(() => {
      stoppedAt = Date.now();
    });
    // the public port closes first; a stop that did not wait for the batch would then stop its environment
    await waitFor(
      () =>
        fetch(local.url).then(
          () => false,
          () => true,
        ),
      { what: 'the public port closed' },
    );
    expect(stoppedAt).toBeUndefined();
    release();
    await stopping;
    const endedAt = ends(dir).get(first);
    expect(endedAt).toBeDefined();
    expect(endedAt!).toBeLessThanOrEqual(stoppedAt!);
    unlinkSync(path.join(dir, 'release'));
  });
});
