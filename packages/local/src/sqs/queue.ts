/**
 * One queue: its attributes and messages (in memory, every change also written to its log: `store/`); sending,
 * receiving with a visibility timeout, deleting by receipt handle, changing visibility, purging; long-polling waiters
 * woken by a send; redrive to a dead-letter queue after `maxReceiveCount` receives; FIFO queues: one message group
 * in flight at a time, in order, and deduplication within 5 minutes.
 */
import { createHash, randomUUID } from 'node:crypto';
import { type Message, messageOf, type SendRequest } from './message.js';
import { memoryQueueLog, type QueueLog } from './store/queue-log.js';
import { encodeSqsRecord, type SentRecord, type SqsRecord } from './store/records.js';
import type { ReplayedQueue } from './store/replay.js';

export type { Message, SendRequest } from './message.js';

/** How long a FIFO queue remembers a deduplication id (ms). */
export const DEDUPLICATION_WINDOW_MS = 5 * 60_000;
/** A log is compacted once it is over this size and its live messages are under half of it. */
export const COMPACT_ABOVE_BYTES = 1024 * 1024;

/** A dead-letter queue and after how many receives a message moves to it. */
export interface Redrive {
  readonly target: LocalQueue;
  readonly maxReceiveCount: number;
}

/** Where a queue keeps its messages, and what it found there. */
export interface QueueStorage {
  /** Its log (in memory when not given). */
  readonly log?: QueueLog | undefined;
  /** What the log held at start. */
  readonly replayed?: ReplayedQueue | undefined;
  /** When the queue was created (epoch s; now when not given). */
  readonly createdAt?: number | undefined;
  /** The log's compaction threshold (default {@link COMPACT_ABOVE_BYTES}). */
  readonly compactAboveBytes?: number | undefined;
}

/**
 * A queue.
 *
 * @example
 * const queue = new LocalQueue('orders', 'arn:aws:sqs:us-east-1:000000000000:orders', 'http://127.0.0.1:9000/000000000000/orders');
 * queue.send({ body: '{"orderId":"o-1"}' });
 * await queue.synced(); // on disk, when the queue has a log
 * const [message] = queue.receive(1, 30);
 */
export class LocalQueue {
  readonly attributes = new Map<string, string>([
    ['VisibilityTimeout', '30'],
    ['MessageRetentionPeriod', '345600'],
    ['DelaySeconds', '0'],
    ['ReceiveMessageWaitTimeSeconds', '0'],
    ['MaximumMessageSize', '262144'],
  ]);
  readonly createdAt: number;
  lastModifiedAt: number;
  redrive: Redrive | undefined;
  readonly log: QueueLog;
  private messages: Message[];
  private readonly deduplicated: Map<string, { message: Message; at: number }>;
  private readonly waiters = new Set<() => void>();
  private sequence: bigint;
  /** Bytes of the `sent` records of the live messages: the log is compacted when they are under half of it. */
  private readonly sizes = new WeakMap<Message, number>();
  private liveBytes = 0;
  private readonly compactAboveBytes: number;

  constructor(
    readonly name: string,
    readonly arn: string,
    readonly url: string,
    private readonly now: () => number = Date.now,
    storage: QueueStorage = {},
  ) {
    this.log = storage.log ?? memoryQueueLog();
    this.createdAt = storage.createdAt ?? Math.floor(now() / 1000);
    this.lastModifiedAt = this.createdAt;
    this.compactAboveBytes = storage.compactAboveBytes ?? COMPACT_ABOVE_BYTES;
    this.messages = storage.replayed?.messages ?? [];
    this.deduplicated = storage.replayed?.deduplicated ?? new Map();
    this.sequence = storage.replayed?.sequence ?? 0n;
    for (const message of this.messages) this.count(message, this.log.durable ? recordBytes(message) : 0);
    this.compactIfMostlyDead();
  }

  get fifo(): boolean {
    return this.name.endsWith('.fifo');
  }

  /**
   * Adds a message (or, on a FIFO queue, answers the earlier one with the same deduplication id, deleted or not);
   * its record is written, durable once {@link synced} resolves.
   */
  send(request: SendRequest): Message {
    const t = this.now();
    let deduplicationId = request.deduplicationId;
    if (this.fifo) {
      if (deduplicationId === undefined && this.attributes.get('ContentBasedDeduplication') === 'true') {
        deduplicationId = createHash('sha256').update(request.body, 'utf8').digest('hex');
      }
      for (const [key, seen] of this.deduplicated)
        if (t - seen.at > DEDUPLICATION_WINDOW_MS) this.deduplicated.delete(key);
      const earlier = deduplicationId === undefined ? undefined : this.deduplicated.get(deduplicationId);
      if (earlier !== undefined) return earlier.message;
    }
    const delay = request.delaySeconds ?? Number(this.attributes.get('DelaySeconds'));
    const message = messageOf({
      id: randomUUID(),
      body: request.body,
      attributes: request.attributes,
      sentAt: t,
      groupId: request.groupId,
      deduplicationId,
      sequenceNumber: this.fifo ? String(++this.sequence).padStart(20, '0') : undefined,
      visibleAt: t + delay * 1000,
      receiveCount: 0,
      firstReceivedAt: undefined,
      receipt: undefined,
    });
    this.count(message, this.log.write(sentRecordOf(message)));
    this.messages.push(message);
    if (this.fifo && deduplicationId !== undefined) this.deduplicated.set(deduplicationId, { message, at: t });
    for (const wake of this.waiters) wake();
    return message;
  }

  /** Resolves once every message sent so far is on disk (at once in memory): SendMessage answers after it. */
  synced(): Promise<void> {
    return this.log.sync();
  }

  /**
   * Takes up to `max` visible messages (in order; on a FIFO queue, not from a group with a message in flight),
   * hides each for `visibilitySeconds`, and moves those over the redrive's receive count to the dead-letter queue.
   */
  receive(max: number, visibilitySeconds?: number): Message[] {
    const t = this.now();
    this.expire(t);
    const hide = (visibilitySeconds ?? Number(this.attributes.get('VisibilityTimeout'))) * 1000;
    const busyGroups = new Set<string>();
    if (this.fifo) {
      for (const m of this.messages) if (m.visibleAt > t && m.receiveCount > 0 && m.groupId) busyGroups.add(m.groupId);
    }
    const taken: Message[] = [];
    for (const message of [...this.messages]) {
      if (taken.length >= max) break;
      if (message.visibleAt > t) {
        if (this.fifo && message.groupId !== undefined) busyGroups.add(message.groupId);
        continue;
      }
      if (this.fifo && message.groupId !== undefined && busyGroups.has(message.groupId)) continue;
      if (this.redrive !== undefined && message.receiveCount >= this.redrive.maxReceiveCount) {
        this.moveTo(this.redrive.target, message);
        continue;
      }
      message.receiveCount++;
      message.firstReceivedAt ??= t;
      message.visibleAt = t + hide;
      message.receipt = `${message.id}#${randomUUID()}`;
      this.log.write({
        type: 'received',
        id: message.id,
        receipt: message.receipt,
        count: message.receiveCount,
        visibleAt: message.visibleAt,
        first: message.firstReceivedAt,
      });
      taken.push(message);
    }
    return taken;
  }

  /** Deletes the message of a receipt handle; false when none has it (already deleted: AWS answers success too). */
  delete(receipt: string): boolean {
    const message = this.messages.find((m) => m.receipt === receipt);
    if (message === undefined) return false;
    this.remove(message);
    this.log.write({ type: 'deleted', id: message.id });
    this.compactIfMostlyDead();
    return true;
  }

  /** The message whose latest receipt this is, if it is still in the queue. */
  byReceipt(receipt: string): Message | undefined {
    return this.messages.find((m) => m.receipt === receipt);
  }

  changeVisibility(message: Message, seconds: number): void {
    message.visibleAt = this.now() + seconds * 1000;
    this.log.write({ type: 'visibility', id: message.id, visibleAt: message.visibleAt });
    if (seconds === 0) for (const wake of this.waiters) wake();
  }

  purge(): void {
    this.messages = [];
    this.liveBytes = 0;
    this.log.write({ type: 'purged', at: this.now() });
    this.compactIfMostlyDead();
  }

  /** Approximate counts, as GetQueueAttributes answers them. */
  counts(): { visible: number; inFlight: number; delayed: number } {
    const t = this.now();
    let visible = 0;
    let inFlight = 0;
    let delayed = 0;
    for (const m of this.messages) {
      if (m.visibleAt <= t) visible++;
      else if (m.receiveCount > 0) inFlight++;
      else delayed++;
    }
    return { visible, inFlight, delayed };
  }

  /** Resolves when a message may have become receivable, or after `ms`. */
  waitForMessages(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.add(done);
    });
  }

  /** Wakes every waiter (the queue was deleted). */
  wakeAll(): void {
    for (const wake of this.waiters) wake();
  }

  /**
   * Moves a message to the dead-letter queue: visible there at once, its receive count kept. Its `moved` record is
   * written here once the dead-letter queue holds it durably (a crash in between keeps it in both: at least once).
   */
  private moveTo(target: LocalQueue, message: Message): void {
    this.remove(message);
    message.visibleAt = this.now();
    message.receipt = undefined;
    target.count(message, target.log.write(sentRecordOf(message)));
    target.messages.push(message);
    for (const wake of target.waiters) wake();
    target.log.sync().then(
      () => {
        this.log.write({ type: 'moved', id: message.id, to: target.arn });
        this.compactIfMostlyDead();
      },
      () => {}, // the dead-letter queue was deleted meanwhile: the message stays in this log (moved again later)
    );
  }

  private count(message: Message, bytes: number): void {
    this.sizes.set(message, bytes);
    this.liveBytes += bytes;
  }

  private remove(message: Message): void {
    const at = this.messages.indexOf(message);
    if (at >= 0) this.messages.splice(at, 1);
    this.liveBytes -= this.sizes.get(message) ?? 0;
  }

  /** Drops messages older than the retention period (their records go at the next compaction). */
  private expire(t: number): void {
    const retention = Number(this.attributes.get('MessageRetentionPeriod')) * 1000;
    for (const m of this.messages) if (t - m.sentAt > retention) this.liveBytes -= this.sizes.get(m) ?? 0;
    this.messages = this.messages.filter((m) => t - m.sentAt <= retention);
  }

  /** Rewrites the log with the live messages when it is large and they are under half of it. */
  private compactIfMostlyDead(): void {
    const size = this.log.size;
    if (!this.log.durable || size <= this.compactAboveBytes || this.liveBytes * 2 >= size) return;
    this.log
      .compact(() => this.snapshot())
      .then(
        () => {
          // all of the new file counts as live (the deduplication ids kept too): the next compaction comes once
          // deletes have killed half of it
          for (const message of this.messages) this.sizes.set(message, recordBytes(message));
          this.liveBytes = this.log.size;
        },
        () => {}, // the old log stays whole; the next delete tries again
      );
  }

  /** The records that say what this queue holds now: a compaction's new log. */
  private snapshot(): SqsRecord[] {
    const records: SqsRecord[] = [];
    if (this.fifo) records.push({ type: 'sequence', n: String(this.sequence) });
    const live = new Set(this.messages);
    const t = this.now();
    // deduplication ids outlive their messages (5 minutes): a deleted one is kept as sent, then deleted
    for (const { message, at } of this.deduplicated.values()) {
      if (live.has(message) || t - at > DEDUPLICATION_WINDOW_MS) continue;
      records.push({ ...sentRecordOf(message), body: '', md5: message.md5OfBody }, { type: 'deleted', id: message.id });
    }
    for (const message of this.messages) records.push(sentRecordOf(message));
    return records;
  }
}

/** The length of a message's `sent` record in the log. */
function recordBytes(message: Message): number {
  return encodeSqsRecord(sentRecordOf(message)).length;
}

/** A message's `sent` record, with its receive state when it has one. */
function sentRecordOf(message: Message): SentRecord {
  return {
    type: 'sent',
    id: message.id,
    body: message.body,
    attributes: message.attributes,
    sentAt: message.sentAt,
    visibleAt: message.visibleAt,
    group: message.groupId,
    dedup: message.deduplicationId,
    seq: message.sequenceNumber,
    ...(message.receiveCount > 0 ? { count: message.receiveCount, first: message.firstReceivedAt } : {}),
    ...(message.receipt === undefined ? {} : { receipt: message.receipt }),
  };
}
