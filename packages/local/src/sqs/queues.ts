/**
 * The queues of the runtime by name, their URLs (`http://<host>/<account>/<name>`, the host the client reached) and
 * ARNs, and the checks of their names and attributes. With a folder (`<state>/sqs`), the queues are listed in
 * `queues.json` and each keeps its messages in `<name>.log` (`store/`); read back by {@link QueueDirectory.restore}.
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { invalidParameter, queueDoesNotExist, SqsError } from './errors.js';
import { LocalQueue } from './queue.js';
import { openQueueLog } from './store/queue-log.js';
import { QUEUES_FILE, readQueuesFile, type StoredQueue, writeQueuesFile } from './store/queues-file.js';

/** Where the queues are kept: a folder, or memory (`--ephemeral`). */
export interface QueueStore {
  /** `<state>/sqs`. */
  readonly dir: string;
  /** Runtime messages (a torn tail cut, a log no queue owns). */
  readonly say: (line: string) => void;
  /** A log is compacted over this size when most of it is dead (default 1 MiB). */
  readonly compactAboveBytes?: number | undefined;
}

const NAME = /^[A-Za-z0-9_-]{1,80}$/;
const SETTABLE = new Set([
  'VisibilityTimeout',
  'MessageRetentionPeriod',
  'DelaySeconds',
  'ReceiveMessageWaitTimeSeconds',
  'MaximumMessageSize',
  'RedrivePolicy',
  'FifoQueue',
  'ContentBasedDeduplication',
  'Policy',
  'KmsMasterKeyId',
  'SqsManagedSseEnabled',
]);
const RANGES: Readonly<Record<string, readonly [number, number]>> = {
  VisibilityTimeout: [0, 43_200],
  MessageRetentionPeriod: [60, 1_209_600],
  DelaySeconds: [0, 900],
  ReceiveMessageWaitTimeSeconds: [0, 20],
  MaximumMessageSize: [1_024, 262_144],
};

/** The queues. */
export class QueueDirectory {
  private readonly queues = new Map<string, LocalQueue>();
  private writing: Promise<void> = Promise.resolve();
  /** The latest write of `queues.json`, failures included (the API answers them). */
  private lastSave: Promise<void> = Promise.resolve();

  constructor(
    readonly region: string,
    readonly accountId: string,
    private readonly store?: QueueStore | undefined,
  ) {}

  /**
   * Reads the queues back from the folder (`queues.json`, then each queue's log): throws `QueueLogError` naming a
   * damaged log, `SqsStateError` a damaged `queues.json`; nothing is changed then.
   */
  restore(): void {
    const store = this.store;
    if (store === undefined) return;
    const stored = readQueuesFile(path.join(store.dir, QUEUES_FILE));
    try {
      for (const entry of stored) {
        const queue = this.openQueue(entry.name, entry.url, entry.createdAt);
        queue.lastModifiedAt = entry.lastModifiedAt;
        for (const [key, value] of Object.entries(entry.attributes)) queue.attributes.set(key, value);
      }
    } catch (error) {
      // a damaged log: the runtime does not start; the logs opened before it are closed
      void this.close().catch(() => {});
      throw error;
    }
    for (const entry of stored) {
      const policy = entry.attributes.RedrivePolicy;
      if (policy === undefined) continue;
      try {
        this.queues.get(entry.name)!.redrive = this.redriveOf(policy);
      } catch {
        store.say(`sqs: the dead-letter queue of ${entry.name} no longer exists: its messages are not moved`);
      }
    }
    const owned = new Set(stored.map((entry) => `${entry.name}.log`));
    const orphans = existsSync(store.dir)
      ? readdirSync(store.dir).filter((name) => name.endsWith('.log') && !owned.has(name))
      : [];
    if (orphans.length > 0) {
      store.say(`sqs: ${orphans.join(', ')} in ${store.dir} belong to no queue (a CreateQueue of that name reads it)`);
    }
  }

  /** Resolves once `queues.json` says every change made so far (rejects when that write failed). */
  settled(): Promise<void> {
    return this.lastSave;
  }

  /** Waits for the writes, closes every queue's log. */
  async close(): Promise<void> {
    await this.writing;
    await Promise.all([...this.queues.values()].map((queue) => queue.log.close()));
  }

  /** The URL of a queue for a client that reached `host`. */
  urlOf(queue: LocalQueue, host: string): string {
    return `http://${host}/${this.accountId}/${queue.name}`;
  }

  arnOf(name: string): string {
    return `arn:aws:sqs:${this.region}:${this.accountId}:${name}`;
  }

  /** The queue a URL names (its last path segment), or QueueDoesNotExist. */
  byUrl(url: unknown): LocalQueue {
    if (typeof url !== 'string' || url === '') throw queueDoesNotExist();
    const name = url.replace(/\/+$/, '').split('/').pop() ?? '';
    const queue = this.queues.get(name);
    if (queue === undefined) throw queueDoesNotExist();
    return queue;
  }

  byName(name: string): LocalQueue | undefined {
    return this.queues.get(name);
  }

  byArn(arn: string): LocalQueue | undefined {
    const name = arn.split(':').pop() ?? '';
    const queue = this.queues.get(name);
    return queue !== undefined && queue.arn === arn ? queue : undefined;
  }

  list(prefix: string): LocalQueue[] {
    return [...this.queues.values()].filter((q) => q.name.startsWith(prefix));
  }

  /** Creates a queue, or answers the existing one when its attributes are the same (QueueNameExists otherwise). */
  create(name: unknown, attributes: Record<string, string>, host: string): LocalQueue {
    if (typeof name !== 'string') throw invalidParameter('QueueName', name, 'Must be specified.');
    const base = name.endsWith('.fifo') ? name.slice(0, -'.fifo'.length) : name;
    if (!NAME.test(base) || name.length > 80) {
      throw invalidParameter(
        'QueueName',
        name,
        'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length',
      );
    }
    const fifo = attributes.FifoQueue === 'true';
    if (fifo !== name.endsWith('.fifo')) {
      throw invalidParameter(
        'QueueName',
        name,
        'The name of a FIFO queue can only end in .fifo, and must with FifoQueue',
      );
    }
    const existing = this.queues.get(name);
    if (existing !== undefined) {
      for (const [key, value] of Object.entries(attributes)) {
        if (existing.attributes.get(key) !== value) {
          throw new SqsError(
            'QueueNameExists',
            'QueueAlreadyExists',
            `A queue already exists with the same name and a different value for attribute ${key}`,
          );
        }
      }
      return existing;
    }
    this.checkAttributes(attributes);
    const queue = this.openQueue(name, `http://${host}/${this.accountId}/${name}`, undefined);
    this.setAttributes(queue, attributes);
    return queue;
  }

  /** Removes a queue, its log and its line in `queues.json` (resolves once they are gone). */
  async delete(queue: LocalQueue): Promise<void> {
    if (this.queues.get(queue.name) !== queue) return;
    this.queues.delete(queue.name);
    queue.wakeAll();
    await queue.log.remove();
    await this.save();
  }

  /** Checks then sets attributes (all or none); `queues.json` says them once {@link settled} resolves. */
  setAttributes(queue: LocalQueue, attributes: Record<string, string>): void {
    const redrive = this.checkAttributes(attributes);
    for (const [key, value] of Object.entries(attributes)) queue.attributes.set(key, value);
    if (attributes.RedrivePolicy !== undefined) queue.redrive = redrive;
    queue.lastModifiedAt = Math.floor(Date.now() / 1000);
    void this.save().catch(() => {}); // answered by settled()
  }

  /** Throws for an attribute SQS refuses; answers the redrive a `RedrivePolicy` names. */
  private checkAttributes(attributes: Record<string, string>): LocalQueue['redrive'] {
    let redrive: LocalQueue['redrive'];
    for (const [key, value] of Object.entries(attributes)) {
      if (!SETTABLE.has(key)) {
        throw new SqsError('InvalidAttributeName', 'InvalidAttributeName', `Unknown Attribute ${key}.`);
      }
      const range = RANGES[key];
      if (range !== undefined) {
        const n = Number(value);
        if (!/^\d+$/.test(value) || n < range[0] || n > range[1]) {
          throw new SqsError(
            'InvalidAttributeValue',
            'InvalidAttributeValue',
            `Invalid value for the parameter ${key}: must be an integer from ${range[0]} to ${range[1]}.`,
          );
        }
      }
      if (key === 'RedrivePolicy') redrive = this.redriveOf(value);
    }
    return redrive;
  }

  /** A queue with its log (replayed) when there is a folder. */
  private openQueue(name: string, url: string, createdAt: number | undefined): LocalQueue {
    const store = this.store;
    if (store !== undefined) mkdirSync(store.dir, { recursive: true });
    const opened = store === undefined ? undefined : openQueueLog(path.join(store.dir, `${name}.log`), store.say);
    const queue = new LocalQueue(name, this.arnOf(name), url, Date.now, {
      log: opened?.log,
      replayed: opened?.replayed,
      createdAt,
      compactAboveBytes: store?.compactAboveBytes,
    });
    this.queues.set(name, queue);
    return queue;
  }

  /** Writes `queues.json` (one write at a time, each with the state of when it runs). */
  private save(): Promise<void> {
    const store = this.store;
    if (store === undefined) return Promise.resolve();
    const next = this.writing.then(() =>
      writeQueuesFile(
        path.join(store.dir, QUEUES_FILE),
        [...this.queues.values()].map(
          (queue): StoredQueue => ({
            name: queue.name,
            url: queue.url,
            attributes: Object.fromEntries(queue.attributes),
            createdAt: queue.createdAt,
            lastModifiedAt: queue.lastModifiedAt,
          }),
        ),
      ),
    );
    this.writing = next.catch(() => {});
    this.lastSave = next;
    return next;
  }

  private redriveOf(value: string): LocalQueue['redrive'] {
    let policy: { deadLetterTargetArn?: unknown; maxReceiveCount?: unknown };
    try {
      policy = JSON.parse(value) as typeof policy;
    } catch {
      throw new SqsError('InvalidAttributeValue', 'InvalidAttributeValue', 'RedrivePolicy is not valid JSON.');
    }
    const target = typeof policy.deadLetterTargetArn === 'string' ? this.byArn(policy.deadLetterTargetArn) : undefined;
    const count = Number(policy.maxReceiveCount);
    if (target === undefined) {
      throw new SqsError(
        'InvalidAttributeValue',
        'InvalidAttributeValue',
        `Value ${value} for parameter RedrivePolicy is invalid. Reason: Dead letter target does not exist.`,
      );
    }
    if (!Number.isInteger(count) || count < 1 || count > 1000) {
      throw new SqsError(
        'InvalidAttributeValue',
        'InvalidAttributeValue',
        `Value ${value} for parameter RedrivePolicy is invalid. Reason: maxReceiveCount must be from 1 to 1000.`,
      );
    }
    return { target, maxReceiveCount: count };
  }
}
