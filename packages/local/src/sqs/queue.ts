/**
 * One queue in memory: its attributes and messages; sending, receiving with a visibility timeout, deleting by
 * receipt handle, changing visibility, purging; long-polling waiters woken by a send; redrive to a dead-letter
 * queue after `maxReceiveCount` receives; FIFO queues: one message group in flight at a time, in order, and
 * deduplication within 5 minutes.
 */
import { createHash, randomUUID } from 'node:crypto';
import { type MessageAttribute, md5OfAttributes, md5OfBody } from './md5.js';

/** How long a FIFO queue remembers a deduplication id (ms). */
export const DEDUPLICATION_WINDOW_MS = 5 * 60_000;

/** One message. */
export interface Message {
  readonly id: string;
  readonly body: string;
  readonly attributes: Readonly<Record<string, MessageAttribute>> | undefined;
  readonly md5OfBody: string;
  readonly md5OfAttributes: string | undefined;
  readonly sentAt: number;
  readonly groupId: string | undefined;
  readonly deduplicationId: string | undefined;
  readonly sequenceNumber: string | undefined;
  /** Not receivable before this time (delay, then each visibility timeout). */
  visibleAt: number;
  receiveCount: number;
  firstReceivedAt: number | undefined;
  /** The receipt handle of the latest receive; undefined when never received. */
  receipt: string | undefined;
}

/** What a send gives. */
export interface SendRequest {
  readonly body: string;
  readonly attributes?: Readonly<Record<string, MessageAttribute>> | undefined;
  readonly delaySeconds?: number | undefined;
  readonly groupId?: string | undefined;
  readonly deduplicationId?: string | undefined;
}

/** A dead-letter queue and after how many receives a message moves to it. */
export interface Redrive {
  readonly target: LocalQueue;
  readonly maxReceiveCount: number;
}

/**
 * A queue.
 *
 * @example
 * const queue = new LocalQueue('orders', 'arn:aws:sqs:us-east-1:000000000000:orders', 'http://127.0.0.1:9000/000000000000/orders');
 * queue.send({ body: '{"orderId":"o-1"}' });
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
  readonly createdAt = Math.floor(Date.now() / 1000);
  redrive: Redrive | undefined;
  private messages: Message[] = [];
  private readonly deduplicated = new Map<string, { id: string; at: number }>();
  private readonly waiters = new Set<() => void>();
  private sequence = 0n;

  constructor(
    readonly name: string,
    readonly arn: string,
    readonly url: string,
    private readonly now: () => number = Date.now,
  ) {}

  get fifo(): boolean {
    return this.name.endsWith('.fifo');
  }

  /** Adds a message (or, on a FIFO queue, answers the earlier one with the same deduplication id). */
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
      const kept = earlier === undefined ? undefined : this.messages.find((m) => m.id === earlier.id);
      if (kept !== undefined) return kept;
    }
    const delay = request.delaySeconds ?? Number(this.attributes.get('DelaySeconds'));
    const message: Message = {
      id: randomUUID(),
      body: request.body,
      attributes: request.attributes,
      md5OfBody: md5OfBody(request.body),
      md5OfAttributes: md5OfAttributes(request.attributes),
      sentAt: t,
      groupId: request.groupId,
      deduplicationId,
      sequenceNumber: this.fifo ? String(++this.sequence).padStart(20, '0') : undefined,
      visibleAt: t + delay * 1000,
      receiveCount: 0,
      firstReceivedAt: undefined,
      receipt: undefined,
    };
    this.messages.push(message);
    if (this.fifo && deduplicationId !== undefined) this.deduplicated.set(deduplicationId, { id: message.id, at: t });
    for (const wake of this.waiters) wake();
    return message;
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
        this.remove(message);
        this.redrive.target.adopt(message);
        continue;
      }
      message.receiveCount++;
      message.firstReceivedAt ??= t;
      message.visibleAt = t + hide;
      message.receipt = `${message.id}#${randomUUID()}`;
      taken.push(message);
    }
    return taken;
  }

  /** Deletes the message of a receipt handle; false when none has it (already deleted: AWS answers success too). */
  delete(receipt: string): boolean {
    const message = this.messages.find((m) => m.receipt === receipt);
    if (message === undefined) return false;
    this.remove(message);
    return true;
  }

  /** The message whose latest receipt this is, if it is still in the queue. */
  byReceipt(receipt: string): Message | undefined {
    return this.messages.find((m) => m.receipt === receipt);
  }

  changeVisibility(message: Message, seconds: number): void {
    message.visibleAt = this.now() + seconds * 1000;
    if (seconds === 0) for (const wake of this.waiters) wake();
  }

  purge(): void {
    this.messages = [];
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

  /** A message moved here from the queue it was redriven from: visible at once, its receive count kept. */
  private adopt(message: Message): void {
    message.visibleAt = this.now();
    message.receipt = undefined;
    this.messages.push(message);
    for (const wake of this.waiters) wake();
  }

  private remove(message: Message): void {
    const at = this.messages.indexOf(message);
    if (at >= 0) this.messages.splice(at, 1);
  }

  /** Drops messages older than the retention period. */
  private expire(t: number): void {
    const retention = Number(this.attributes.get('MessageRetentionPeriod')) * 1000;
    this.messages = this.messages.filter((m) => t - m.sentAt <= retention);
  }
}
