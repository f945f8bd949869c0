/**
 * The queues' folder (`<state>/sqs`) read back by a new directory, as a restart does: a compaction rewrites a log
 * that is mostly dead to exactly its live messages (with their receive state, a FIFO queue's deduplication ids and
 * sequence), and appends after it land in the new file; DeleteQueue removes the queue's log and its line in
 * `queues.json`; SetQueueAttributes is kept; a `queues.json` that is not ours is refused, naming it.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../../../test-support/async.js';
import type { LocalQueue } from '../../src/sqs/queue.js';
import { QueueDirectory } from '../../src/sqs/queues.js';

let dir: string;
const lines: string[] = [];
const open: QueueDirectory[] = [];

beforeEach(() => {
  dir = path.join(mkdtempSync(path.join(tmpdir(), 'lambdaport-sqs-store-')), 'sqs');
  lines.length = 0;
});
afterEach(async () => {
  for (const queues of open.splice(0)) await queues.close();
  rmSync(path.dirname(dir), { recursive: true, force: true });
});

/** A directory on the folder, read back (what a start does). */
function directory(compactAboveBytes = 16 * 1024): QueueDirectory {
  const queues = new QueueDirectory('us-east-1', '000000000000', {
    dir,
    say: (line) => lines.push(line),
    compactAboveBytes,
  });
  queues.restore();
  open.push(queues);
  return queues;
}

async function reopen(queues: QueueDirectory, compactAboveBytes?: number): Promise<QueueDirectory> {
  await queues.close();
  open.splice(open.indexOf(queues), 1);
  return directory(compactAboveBytes);
}

const logSize = (name: string): number => statSync(path.join(dir, `${name}.log`)).size;
const bodies = (queue: LocalQueue): string[] => queue.receive(10, 600).map((m) => m.body);

describe('SQS queues folder', () => {
  it('compacts a mostly dead log to exactly its live messages, their receive state kept; appends after it stay', async () => {
    let queues = directory();
    const queue = queues.create('big', {}, '127.0.0.1:1');
    await queues.settled();
    for (let i = 0; i < 60; i++) queue.send({ body: `${i}:${'x'.repeat(1000)}` });
    await queue.synced();
    const full = logSize('big');
    expect(full).toBeGreaterThan(60_000);
    // 60 received; 50 deleted; of the 10 left, 5 back to visible (visibility 0), 5 in flight
    const received = [...queue.receive(10, 600), ...queue.receive(10, 600), ...queue.receive(10, 600)];
    received.push(...queue.receive(10, 600), ...queue.receive(10, 600), ...queue.receive(10, 600));
    expect(received).toHaveLength(60);
    for (const message of received.slice(10)) queue.delete(message.receipt!);
    for (const message of received.slice(0, 5)) queue.changeVisibility(message, 0);
    await waitFor(() => logSize('big') < full / 4, { what: 'the compaction of big.log' });
    expect(readdirSync(dir).filter((name) => name.includes('compacting'))).toEqual([]);
    queue.send({ body: 'after' });
    await queue.synced();
    const inFlight = received.slice(5, 10).map((m) => ({ id: m.id, receipt: m.receipt, visibleAt: m.visibleAt }));

    queues = await reopen(queues);
    const again = queues.byName('big')!;
    expect(again.counts()).toEqual({ visible: 6, inFlight: 5, delayed: 0 });
    for (const before of inFlight) {
      const message = again.byReceipt(before.receipt!);
      expect(message).toMatchObject({ id: before.id, visibleAt: before.visibleAt, receiveCount: 1 });
    }
    const visible = again.receive(10, 600);
    expect(visible.map((m) => m.body.split(':')[0]).sort()).toEqual(['0', '1', '2', '3', '4', 'after']);
    expect(visible.filter((m) => m.body !== 'after').every((m) => m.receiveCount === 2)).toBe(true);
  });

  it('a FIFO compaction keeps the deduplication ids of deleted messages and the sequence', async () => {
    let queues = directory();
    const queue = queues.create('big.fifo', { FifoQueue: 'true' }, '127.0.0.1:1');
    const sent = Array.from({ length: 40 }, (_, i) =>
      queue.send({ body: 'y'.repeat(1000), groupId: 'g', deduplicationId: `d${i}` }),
    );
    await queue.synced();
    const full = logSize('big.fifo');
    for (let i = 0; i < 39; i++) {
      const [message] = queue.receive(1, 600);
      queue.delete(message!.receipt!);
    }
    await waitFor(() => logSize('big.fifo') < full, { what: 'the compaction of big.fifo.log' });

    queues = await reopen(queues, 1024 * 1024);
    const again = queues.byName('big.fifo')!;
    expect(again.send({ body: 'dup', groupId: 'g', deduplicationId: 'd0' }).id).toBe(sent[0]!.id);
    const next = again.send({ body: 'new', groupId: 'g', deduplicationId: 'd40' });
    expect(BigInt(next.sequenceNumber!)).toBe(BigInt(sent[39]!.sequenceNumber!) + 1n);
    expect(bodies(again).map((b) => b.slice(0, 3))).toEqual(['yyy', 'new']);
  });

  it('many sends waiting at once (their syncs shared) all resolve, and all are read back in order', async () => {
    let queues = directory(1024 * 1024);
    const queue = queues.create('busy', {}, '127.0.0.1:1');
    const waits: Promise<void>[] = [];
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 100; i++) {
        queue.send({ body: String(round * 100 + i) });
        waits.push(queue.synced());
      }
      await new Promise((resolve) => setImmediate(resolve)); // the next ones come while a sync runs
    }
    await Promise.all(waits);

    queues = await reopen(queues);
    const again = queues.byName('busy')!;
    const order: string[] = [];
    for (let got = again.receive(10, 600); got.length > 0; got = again.receive(10, 600)) {
      order.push(...got.map((m) => m.body));
    }
    expect(order).toEqual(Array.from({ length: 500 }, (_, i) => String(i)));
  });

  it('a message redriven to the dead-letter queue is there after a reopen, and gone from its queue', async () => {
    let queues = directory();
    const dlq = queues.create('work-dlq', {}, '127.0.0.1:1');
    const policy = JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 1 });
    const queue = queues.create('work', { RedrivePolicy: policy }, '127.0.0.1:1');
    const poison = queue.send({ body: 'poison' });
    queue.send({ body: 'fine' });
    await queue.synced();
    expect(queue.receive(1, 0).map((m) => m.id)).toEqual([poison.id]);
    // the second receive moves it (received once already), and answers the next one
    expect(queue.receive(1, 600).map((m) => m.body)).toEqual(['fine']);
    await waitFor(() => readFileSync(path.join(dir, 'work.log')).includes('"to":'), { what: 'the moved record' });

    queues = await reopen(queues);
    expect(queues.byName('work')!.redrive?.target).toBe(queues.byName('work-dlq'));
    expect(queues.byName('work')!.counts()).toEqual({ visible: 0, inFlight: 1, delayed: 0 });
    const [moved] = queues.byName('work-dlq')!.receive(1, 600);
    expect(moved).toMatchObject({ id: poison.id, body: 'poison', receiveCount: 2 });
  });

  it('DeleteQueue removes its log and its line; attributes set are kept', async () => {
    let queues = directory();
    const kept = queues.create('kept', { DelaySeconds: '5' }, '127.0.0.1:1');
    const gone = queues.create('gone', {}, '127.0.0.1:1');
    queues.setAttributes(kept, { VisibilityTimeout: '77' });
    gone.send({ body: 'lost with its queue' });
    await gone.synced();
    await queues.delete(gone);
    await queues.settled();
    expect(existsSync(path.join(dir, 'gone.log'))).toBe(false);

    queues = await reopen(queues);
    expect(queues.list('').map((q) => q.name)).toEqual(['kept']);
    expect(Object.fromEntries(queues.byName('kept')!.attributes)).toMatchObject({
      DelaySeconds: '5',
      VisibilityTimeout: '77',
    });
    const file = JSON.parse(readFileSync(path.join(dir, 'queues.json'), 'utf8')) as { queues: { name: string }[] };
    expect(file.queues.map((q) => q.name)).toEqual(['kept']);
    // created again: empty, not the old messages
    expect(queues.create('gone', {}, '127.0.0.1:1').counts()).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
  });

  it('a queues.json that is not ours is refused, naming it, and left as it was', () => {
    directory().create('q', {}, '127.0.0.1:1');
    const file = path.join(dir, 'queues.json');
    writeFileSync(file, '{"format":"something-else","queues":[]}');
    expect(() => directory()).toThrow(`${file}: not a lambdaport-sqs/1 file`);
    expect(readFileSync(file, 'utf8')).toBe('{"format":"something-else","queues":[]}');
  });
});
