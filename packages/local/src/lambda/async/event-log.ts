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
import {
  closeSync,
  existsSync,
  fdatasync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  statSync,
  writeSync,
  writevSync,
} from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { crc32 } from 'node:zlib';
import {
  type AcceptedHeader,
  checksumMatches,
  decodeRecord,
  encodeAccepted,
  encodeState,
  RECORD_HEADER_BYTES,
  readRecordHead,
  type StateRecord,
} from './log-records.js';

/** The file's first 24 bytes: magic, the committed length (u64 LE), the crc32 of both, 4 zero bytes. */
export const FILE_MAGIC = Buffer.from('LPEVLOG1', 'latin1');
export const FILE_HEADER_BYTES = 24;
/** The log file's name inside the events folder. */
export const LOG_FILE = 'queue.log';

/** Where an event's payload is: in the file (offset, length) or, in memory, the bytes themselves. */
export interface PayloadRef {
  offset: number;
  readonly length: number;
  bytes?: Buffer;
}

/** An event the log holds that is not done: what the queue keeps in memory per event (no payload). */
export interface StoredEvent {
  readonly header: AcceptedHeader;
  readonly payload: PayloadRef;
  /** Invocations started (the `approximateInvokeCount` so far). */
  invokes: number;
  /** Function errors so far (each is a failed attempt). */
  failures: number;
  /** Throttles so far (they are not attempts). */
  throttles: number;
  /** Not delivered before this time (epoch ms; 0 = at once). */
  notBefore: number;
}

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
  /** Rewrites the file with only these events (in the append chain: appends wait). */
  compact(live: Iterable<StoredEvent>): Promise<void>;
  /** Waits for pending appends, closes the file. */
  close(): Promise<void>;
}

/** Thrown at open when the log is damaged somewhere other than its torn tail, or truncated: nothing is changed. */
export class EventLogError extends Error {
  override readonly name = 'EventLogError';
  constructor(
    readonly file: string,
    readonly why: string,
  ) {
    super(
      `The asynchronous-event log ${file} is damaged: ${why}. Nothing was changed and nothing was started. ` +
        `Events it holds were accepted (answered 202) and are not delivered yet. To start anyway, move the file aside ` +
        `(mv '${file}' '${file}.damaged'): the runtime then starts with an empty queue and the moved file stays for ` +
        'inspection; or restore it from a copy.',
    );
  }
}

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

  compact(live: Iterable<StoredEvent>): Promise<void> {
    const run = async (): Promise<void> => {
      const events = [...live];
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
    const result = this.chain.then(run);
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

const datasync = promisify(fdatasync);

/** Writes every buffer at `position`, on until all is written. */
function writeAll(fd: number, buffers: Buffer[], position: number): void {
  let at = position;
  let rest = buffers;
  while (rest.length > 0) {
    let written = writevSync(fd, rest, at);
    at += written;
    const next: Buffer[] = [];
    for (const buffer of rest) {
      if (written >= buffer.length) {
        written -= buffer.length;
      } else {
        next.push(written > 0 ? buffer.subarray(written) : buffer);
        written = 0;
      }
    }
    rest = next;
  }
}

/** The 24-byte file header with a committed length. */
export function fileHeader(committed: number): Buffer {
  const header = Buffer.alloc(FILE_HEADER_BYTES);
  FILE_MAGIC.copy(header, 0);
  header.writeBigUInt64LE(BigInt(committed), 8);
  header.writeUInt32LE(crc32(header.subarray(0, 16)), 16);
  return header;
}

function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // some platforms cannot fsync a folder; the rename is then as durable as the platform makes it
  }
}

interface Replay {
  readonly fd: number;
  readonly size: number;
  readonly events: StoredEvent[];
}

/** Reads the whole log; cuts a torn tail; throws {@link EventLogError} for anything else damaged. */
function replayFile(file: string, log: (line: string) => void): Replay {
  if (existsSync(`${file}.compacting`)) {
    // a compaction that did not reach its rename: the log itself is whole; the partial copy is moved aside
    renameSync(`${file}.compacting`, `${file}.compacting-${Date.now()}.unused`);
    log(`events: an unfinished compaction of ${file} was left by the last run; its partial copy was moved aside`);
  }
  if (!existsSync(file) || readSizeOf(file) === 0) {
    // new (or created and never written: nothing could have been accepted into it)
    const fd = openSync(file, 'w+');
    writeSync(fd, fileHeader(FILE_HEADER_BYTES), 0, FILE_HEADER_BYTES, 0);
    fsyncSync(fd);
    syncDir(path.dirname(file));
    closeSync(fd);
  }
  const fd = openSync(file, 'r+');
  try {
    const size = readSizeOf(file);
    const header = Buffer.alloc(FILE_HEADER_BYTES);
    if (size < FILE_HEADER_BYTES || readSync(fd, header, 0, FILE_HEADER_BYTES, 0) < FILE_HEADER_BYTES) {
      throw new EventLogError(file, `it is ${size} bytes long, shorter than its 24-byte header`);
    }
    if (!header.subarray(0, 8).equals(FILE_MAGIC)) {
      throw new EventLogError(file, 'it does not start with the LPEVLOG1 marker (not a lambdaport event log?)');
    }
    if (crc32(header.subarray(0, 16)) !== header.readUInt32LE(16)) {
      throw new EventLogError(file, 'the checksum of its header does not match');
    }
    const committed = Number(header.readBigUInt64LE(8));
    if (size < committed) {
      throw new EventLogError(
        file,
        `it is truncated: ${committed} bytes were committed (acknowledged) but the file has ${size}`,
      );
    }

    const byId = new Map<string, StoredEvent>();
    let position = FILE_HEADER_BYTES;
    let damage: { at: number; why: string } | undefined;
    const head = Buffer.alloc(RECORD_HEADER_BYTES);
    let record = Buffer.alloc(64 * 1024);
    while (position < size) {
      if (position + RECORD_HEADER_BYTES > size) {
        damage = { at: position, why: 'a record header is cut short by the end of the file' };
        break;
      }
      readSync(fd, head, 0, RECORD_HEADER_BYTES, position);
      const parsed = readRecordHead(head);
      if (!parsed.ok) {
        damage = { at: position, why: parsed.why };
        break;
      }
      const length = RECORD_HEADER_BYTES + parsed.bodyLength;
      if (position + length > size) {
        damage = { at: position, why: 'a record is cut short by the end of the file' };
        break;
      }
      if (record.length < length) record = Buffer.alloc(Math.max(length, record.length * 2));
      const view = record.subarray(0, length);
      readSync(fd, view, 0, length, position);
      if (!checksumMatches(view)) {
        damage = { at: position, why: 'a record checksum does not match' };
        break;
      }
      try {
        apply(byId, decodeRecord(view, position));
      } catch (error) {
        damage = { at: position, why: `a record does not parse (${(error as Error).message})` };
        break;
      }
      position += length;
    }

    if (damage !== undefined) {
      if (damage.at < committed) {
        throw new EventLogError(
          file,
          `${damage.why} at byte ${damage.at}, inside the ${committed} bytes that were committed (acknowledged)`,
        );
      }
      // a torn tail: written after the last acknowledged append, never acknowledged. Keep the bytes aside, cut them.
      const aside = `${file}.torn-${Date.now()}`;
      const tail = Buffer.alloc(size - damage.at);
      readSync(fd, tail, 0, tail.length, damage.at);
      const asideFd = openSync(aside, 'w');
      try {
        writeSync(asideFd, tail, 0, tail.length, 0);
        fsyncSync(asideFd);
      } finally {
        closeSync(asideFd);
      }
      truncateFd(fd, damage.at);
      log(
        `events: ${file} ended with a torn record (${damage.why}) written after the last acknowledged append: ` +
          `${tail.length} bytes cut from byte ${damage.at} and kept in ${aside}`,
      );
    }
    const end = damage?.at ?? size;
    if (end !== committed) {
      writeSync(fd, fileHeader(end), 0, FILE_HEADER_BYTES, 0);
      fsyncSync(fd);
    }
    return { fd, size: end, events: [...byId.values()] };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

function apply(byId: Map<string, StoredEvent>, record: ReturnType<typeof decodeRecord>): void {
  if (record.type === 'accepted') {
    byId.set(record.header.id, {
      header: record.header,
      payload: { offset: record.payloadOffset, length: record.payloadLength },
      invokes: 0,
      failures: 0,
      throttles: 0,
      notBefore: 0,
    });
    return;
  }
  const event = byId.get(record.id);
  if (event === undefined) return; // about an event compacted away (done)
  switch (record.type) {
    case 'started':
      event.invokes = Math.max(event.invokes, record.invokes);
      return;
    case 'retryAt':
      event.notBefore = record.at;
      event.failures = record.failures;
      event.throttles = record.throttles;
      return;
    case 'done':
    case 'discarded':
      byId.delete(record.id);
      return;
  }
}

function readSizeOf(file: string): number {
  return statSync(file).size;
}

function truncateFd(fd: number, length: number): void {
  ftruncateSync(fd, length);
  fsyncSync(fd);
}
