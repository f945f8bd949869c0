/**
 * A queue's durable log, `<state>/sqs/<queue>.log`: the event log's file format (header with the committed length,
 * checksummed records, torn-tail and damage rules: `lambda/async/log-file.ts`, `log-scan.ts`) with the records of
 * `records.ts`. Every record is written at once (in order, to the page cache: a `kill -9` loses none); `sync()`
 * makes what was written durable with ONE `fdatasync` per tick shared by every caller (group commit): SendMessage
 * answers after it. The log keeps no state of its own: the queue holds its messages, and a compaction rewrites the
 * file from the queue's snapshot. `--ephemeral`: {@link memoryQueueLog}.
 *
 * @example
 * const { log, replayed } = openQueueLog('/srv/.lambdaport/sqs/orders.log', console.error);
 * log.write({ type: 'deleted', id });
 * await log.sync();
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { datasync, FILE_HEADER_BYTES, fileHeader, syncDir, writeAll } from '../../lambda/async/log-file.js';
import { scanLog } from '../../lambda/async/log-scan.js';
import type { Message } from '../message.js';
import { decodeSqsRecord, encodeSqsRecord, LAST_RECORD_TYPE, QUEUE_LOG_MAGIC, type SqsRecord } from './records.js';
import { applyRecord, emptyReplay, finishReplay, type ReplayedQueue } from './replay.js';

/** The log a queue writes to: a file, or nothing (`--ephemeral`). */
export interface QueueLog {
  /** True when records are written to a file and synced. */
  readonly durable: boolean;
  readonly file: string | undefined;
  /** The file's length in bytes (0 in memory). */
  readonly size: number;
  /** Writes a record now, after every record written before it; answers its length in bytes. */
  write(record: SqsRecord): number;
  /**
   * Resolves once every record written so far is on disk: one fdatasync shared by every caller until it starts
   * (the callers of a tick, and all who came while the previous one ran).
   */
  sync(): Promise<void>;
  /** Rewrites the file with the records `snapshot()` answers when the rewrite runs (after the syncs before it). */
  compact(snapshot: () => readonly SqsRecord[]): Promise<void>;
  /** Waits for the syncs asked for, closes the file. */
  close(): Promise<void>;
  /** Closes and deletes the file (DeleteQueue); what is written after is dropped. */
  remove(): Promise<void>;
}

/** Thrown at open when a queue's log is damaged other than in its torn tail, or truncated: nothing is changed. */
export class QueueLogError extends Error {
  override readonly name = 'QueueLogError';
  constructor(
    readonly file: string,
    readonly why: string,
  ) {
    super(
      `The SQS queue log ${file} is damaged: ${why}. Nothing was changed and nothing was started. Messages it holds ` +
        `were sent (acknowledged) and not deleted yet. To start anyway, move the file aside ` +
        `(mv '${file}' '${file}.damaged'): the runtime then starts with this queue empty and the moved file stays ` +
        'for inspection; or restore it from a copy.',
    );
  }
}

/** The log of `--ephemeral`: nothing is written. */
export function memoryQueueLog(): QueueLog {
  return {
    durable: false,
    file: undefined,
    size: 0,
    write: () => 0,
    sync: async () => {},
    compact: async () => {},
    close: async () => {},
    remove: async () => {},
  };
}

/**
 * Opens (creating if needed) and replays a queue's log. Throws {@link QueueLogError} when it is damaged.
 */
export function openQueueLog(file: string, say: (line: string) => void): { log: QueueLog; replayed: ReplayedQueue } {
  const state = emptyReplay();
  const live = new Map<string, Message>();
  const { fd, size } = scanLog(file, {
    magic: QUEUE_LOG_MAGIC,
    kind: 'SQS queue log',
    maxType: LAST_RECORD_TYPE,
    damaged: (why) => new QueueLogError(file, why),
    apply: (record) => applyRecord(state, live, decodeSqsRecord(record)),
    say,
    prefix: 'sqs',
  });
  return { log: new FileQueueLog(file, fd, size), replayed: finishReplay(state, live) };
}

class FileQueueLog implements QueueLog {
  readonly durable = true;
  /** Syncs and compactions, one after the other. */
  private chain: Promise<void> = Promise.resolve();
  /** The next sync, not started yet: every caller until it starts shares it (one fdatasync for all). */
  private round: Promise<void> | undefined;
  private compacting: Promise<void> | undefined;
  private closed = false;

  constructor(
    readonly file: string,
    private fd: number,
    private end: number,
  ) {}

  get size(): number {
    return this.end;
  }

  write(record: SqsRecord): number {
    if (this.closed) return 0; // a queue deleted (or a runtime stopping): nothing more is kept for it
    const bytes = encodeSqsRecord(record);
    writeAll(this.fd, [bytes], this.end);
    this.end += bytes.length;
    return bytes.length;
  }

  sync(): Promise<void> {
    // a queue deleted (or a runtime stopped): nothing more is kept for it, nothing to wait for
    if (this.closed) return Promise.resolve();
    this.round ??= new Promise<void>((resolve, reject) => {
      setImmediate(() => {
        const step = this.chain.then(async () => {
          // from here on, callers wait for the next round: what they wrote may come after `upTo`
          this.round = undefined;
          if (this.closed) return;
          const fd = this.fd;
          const upTo = this.end;
          await datasync(fd);
          // the committed length, once what it covers is durable (it may lag behind, never run ahead)
          if (this.fd === fd && !this.closed) {
            writeSync(fd, fileHeader(upTo, QUEUE_LOG_MAGIC), 0, FILE_HEADER_BYTES, 0);
          }
        });
        this.chain = step.catch(() => {});
        step.then(resolve, reject);
      });
    });
    return this.round;
  }

  compact(snapshot: () => readonly SqsRecord[]): Promise<void> {
    if (this.compacting !== undefined) return this.compacting;
    // synchronous once it runs: no record is written between the snapshot and the swap to the new file
    const run = (): void => {
      if (this.closed) return;
      const temporary = `${this.file}.compacting`;
      const fd = openSync(temporary, 'w');
      let position = FILE_HEADER_BYTES;
      try {
        const records = snapshot().map(encodeSqsRecord);
        writeAll(fd, records, position);
        position += records.reduce((sum, r) => sum + r.length, 0);
        writeSync(fd, fileHeader(position, QUEUE_LOG_MAGIC), 0, FILE_HEADER_BYTES, 0);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temporary, this.file);
      syncDir(path.dirname(this.file));
      closeSync(this.fd);
      this.fd = openSync(this.file, 'r+');
      this.end = position;
    };
    const result = this.chain.then(run).finally(() => {
      this.compacting = undefined;
    });
    this.compacting = result;
    this.chain = result.catch(() => {});
    return result;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // the syncs asked for in this tick start, then everything in the chain ends
    await new Promise((resolve) => setImmediate(resolve));
    await this.chain;
    this.closed = true;
    closeSync(this.fd);
  }

  async remove(): Promise<void> {
    await this.close();
    rmSync(this.file, { force: true });
    syncDir(path.dirname(this.file));
  }
}
