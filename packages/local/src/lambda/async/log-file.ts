/**
 * The event log's file: its header (marker and committed length), the shapes of what it holds, writing and syncing.
 * Format: docs/design/async-events.md.
 */
import { closeSync, fdatasync, fsyncSync, openSync, writevSync } from 'node:fs';
import { promisify } from 'node:util';
import { crc32 } from 'node:zlib';
import type { AcceptedHeader } from './log-records.js';

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

/** `fdatasync` as a promise (the thread pool waits, not the event loop). */
export const datasync = promisify(fdatasync);

/** Writes every buffer at `position`, on until all is written. */
export function writeAll(fd: number, buffers: Buffer[], position: number): void {
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

/** The 24-byte file header with a committed length (`magic`: the event log's, or another log's of this format). */
export function fileHeader(committed: number, magic: Buffer = FILE_MAGIC): Buffer {
  const header = Buffer.alloc(FILE_HEADER_BYTES);
  magic.copy(header, 0);
  header.writeBigUInt64LE(BigInt(committed), 8);
  header.writeUInt32LE(crc32(header.subarray(0, 16)), 16);
  return header;
}

export function syncDir(dir: string): void {
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
