/**
 * The durable log of asynchronous events: one append-only file, `<state>/events/queue.log`, in pure JavaScript.
 * Appends of one tick are written together and made durable with ONE `fdatasync` (group commit); only then does
 * `append()` resolve (and the Invoke API answer 202). Payloads stay in the file and are read back by offset.
 * At open the log is replayed; a torn tail is cut (and kept aside), anything else damaged is refused.
 * Format and rules: docs/design/async-events.md.
 *
 * @example
 * const log = openEventLog({ dir: '/path/.lambdaport/events', log: console.error });
 * for (const event of log.events) schedule(event);
 * const [ref] = await log.append([{ accepted: header, payload }]);
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';
import {
  datasync,
  FILE_HEADER_BYTES,
  fileHeader,
  LOG_FILE,
  type PayloadRef,
  type StoredEvent,
  syncDir,
  writeAll,
} from './log-file.js';
import { type AcceptedHeader, encodeAccepted, encodeState, type StateRecord } from './log-records.js';
import { replayFile } from './log-replay.js';

/** One item of an append: a new event, or a record about one. */
export type LogWrite = { readonly accepted: AcceptedHeader; readonly payload: Buffer } | StateRecord;

/** The log the queue writes to: durable (a file) or in memory (`--ephemeral`). */
export interface EventLog {
  /** True when appends are on disk and fsynced. */
  readonly durable: boolean;
  /** The log file, when durable. */
  readonly file: string | undefined;
  /** The events found at open that are not done, in the order they were accepted. */
  readonly events: readonly StoredEvent[];
  /** Appends the items (one batch per tick, one fsync); resolves once durable, with a ref per `accepted` item. */
  append(items: readonly LogWrite[]): Promise<PayloadRef[]>;
  /** Reads an event's payload. */
  readPayload(ref: PayloadRef): Buffer;
  /** The file's size (bytes), 0 in memory. */
  readonly size: number;
  /**
   * Rewrites the file with only the events `live()` returns when the rewrite runs (in the append chain: appends wait).
   * It is asked then, not when compact is called: events whose append was already on the chain are live by then.
   */
  compact(live: () => Iterable<StoredEvent>): Promise<void>;
  /** Waits for pending appends, closes the file. */
  close(): Promise<void>;
}

export { EventLogError, type PayloadRef, type StoredEvent } from './log-file.js';

/** Options of {@link openEventLog}. */
export interface EventLogOptions {
  /** The events folder (`<state>/events`). */
  readonly dir: string;
  /** Runtime messages (a torn tail cut at open). */
  readonly log: (line: string) => void;
}

/**
 * Opens (creating if needed) and replays the durable log. Throws {@link EventLogError} when it is damaged.
 */
export function openEventLog(options: EventLogOptions): EventLog {
  mkdirSync(options.dir, { recursive: true });
  const file = path.join(options.dir, LOG_FILE);
  const replay = replayFile(file, options.log);
  return new FileEventLog(file, replay.fd, replay.size, replay.events);
}

/** Creates the in-memory log of `--ephemeral`: nothing survives the process. */
export function memoryEventLog(): EventLog {
  return {
    durable: false,
    file: undefined,
    events: [],
    size: 0,
    async append(items) {
      return items.flatMap((item) =>
        'accepted' in item ? [{ offset: 0, length: item.payload.length, bytes: item.payload }] : [],
      );
    },
    readPayload(ref) {
      return ref.bytes ?? Buffer.alloc(0);
    },
    async compact() {},
    async close() {},
  };
}

interface Pending {
  readonly buffers: Buffer[];
  readonly refs: { ref: PayloadRef; index: number; inRecord: number }[];
  resolve(refs: PayloadRef[]): void;
  reject(error: unknown): void;
}

class FileEventLog implements EventLog {
  readonly durable = true;
  private pending: Pending[] = [];
  private chain: Promise<void> = Promise.resolve();
  private scheduled = false;
  private closed = false;

  constructor(
    readonly file: string,
    private fd: number,
    private end: number,
    readonly events: readonly StoredEvent[],
  ) {}

  get size(): number {
    return this.end;
  }

  append(items: readonly LogWrite[]): Promise<PayloadRef[]> {
    if (this.closed) return Promise.reject(new Error(`the event log ${this.file} is closed`));
    if (!items.some((item) => 'accepted' in item)) {
      // Records about events already accepted (started, retryAt, done, discarded) are written now, to the page
      // cache, and made durable by the next batch's fdatasync (or the kernel): losing one in a crash only means an
      // event runs again (at least once), so they do not wait for an fsync of their own.
      try {
        const buffers = items.map((item) => encodeState(item as StateRecord));
        writeAll(this.fd, buffers, this.end);
        this.end += buffers.reduce((sum, b) => sum + b.length, 0);
      } catch (error) {
        return Promise.reject(error);
      }
      return Promise.resolve([]);
    }
    return new Promise((resolve, reject) => {
      const buffers: Buffer[] = [];
      const refs: Pending['refs'] = [];
      for (const item of items) {
        if ('accepted' in item) {
          const { buffers: parts, payloadOffsetInRecord } = encodeAccepted(item.accepted, item.payload);
          refs.push({
            ref: { offset: 0, length: item.payload.length },
            index: buffers.length,
            inRecord: payloadOffsetInRecord,
          });
          buffers.push(...parts);
        } else {
          buffers.push(encodeState(item));
        }
      }
      this.pending.push({ buffers, refs, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // everything appended in this tick goes out in one write and one fdatasync
        setImmediate(() => {
          this.scheduled = false;
          this.chain = this.chain.then(() => this.flush());
        });
      }
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    let position = this.end;
    try {
      const buffers: Buffer[] = [];
      for (const item of batch) {
        for (const [i, buffer] of item.buffers.entries()) {
          for (const r of item.refs) if (r.index === i) r.ref.offset = position + r.inRecord;
          buffers.push(buffer);
          position += buffer.length;
        }
      }
      // the write goes to the page cache (synchronous, no thread-pool hop); the fdatasync is the wait
      writeAll(this.fd, buffers, this.end);
      this.end = position;
      await datasync(this.fd);
      for (const item of batch) item.resolve(item.refs.map((r) => r.ref));
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    // The committed length goes in the header once the data is durable (the next batch's fdatasync makes it durable
    // in turn). It may lag behind what was acknowledged, never run ahead of it: see the design note.
    writeSync(this.fd, fileHeader(position), 0, FILE_HEADER_BYTES, 0);
  }

  readPayload(ref: PayloadRef): Buffer {
    const bytes = Buffer.allocUnsafe(ref.length);
    let done = 0;
    while (done < ref.length) {
      const n = readSync(this.fd, bytes, done, ref.length - done, ref.offset + done);
      if (n === 0) throw new Error(`the event log ${this.file} ended before a payload at ${ref.offset}`);
      done += n;
    }
    return bytes;
  }

  compact(live: () => Iterable<StoredEvent>): Promise<void> {
    const run = async (): Promise<void> => {
      // asked now, after the appends ahead in the chain were acknowledged and their events registered (one
      // setImmediate below lets their continuations run): an event left out would keep an offset in the old file
      const events = [...live()];
      const temporary = `${this.file}.compacting`;
      const fd = openSync(temporary, 'w');
      const moves: { ref: PayloadRef; offset: number }[] = [];
      let position = FILE_HEADER_BYTES;
      try {
        writeSync(fd, fileHeader(FILE_HEADER_BYTES), 0, FILE_HEADER_BYTES, 0);
        for (const event of events) {
          const {
            buffers: parts,
            length,
            payloadOffsetInRecord,
          } = encodeAccepted(event.header, this.readPayload(event.payload));
          for (const part of parts) {
            writeSync(fd, part, 0, part.length, position);
            position += part.length;
          }
          moves.push({ ref: event.payload, offset: position - length + payloadOffsetInRecord });
          const state: StateRecord[] = [];
          if (event.invokes > 0) state.push({ type: 'started', id: event.header.id, invokes: event.invokes });
          if (event.failures > 0 || event.throttles > 0 || event.notBefore > 0) {
            state.push({
              type: 'retryAt',
              id: event.header.id,
              at: event.notBefore,
              failures: event.failures,
              throttles: event.throttles,
            });
          }
          for (const record of state) {
            const encoded = encodeState(record);
            writeSync(fd, encoded, 0, encoded.length, position);
            position += encoded.length;
          }
        }
        writeSync(fd, fileHeader(position), 0, FILE_HEADER_BYTES, 0);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temporary, this.file);
      syncDir(path.dirname(this.file));
      // swap to the new file: appends are waiting on this chain, payload reads are synchronous
      closeSync(this.fd);
      this.fd = openSync(this.file, 'r+');
      for (const move of moves) move.ref.offset = move.offset;
      this.end = position;
    };
    const result = this.chain.then(() => new Promise<void>((resolve) => setImmediate(resolve))).then(run);
    this.chain = result.catch(() => {});
    return result;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // let the scheduled flush run, then wait for the chain
    await new Promise((resolve) => setImmediate(resolve));
    this.chain = this.chain.then(() => this.flush());
    await this.chain;
    closeSync(this.fd);
  }
}
