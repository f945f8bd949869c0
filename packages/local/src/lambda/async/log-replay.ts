/**
 * Replaying the event log at start: every record read back in order, a torn tail cut (and kept aside), anything else
 * damaged refused with {@link EventLogError}. The rules: docs/design/async-events.md ("Replay").
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readSync,
  renameSync,
  statSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { EventLogError, FILE_HEADER_BYTES, FILE_MAGIC, fileHeader, type StoredEvent, syncDir } from './log-file.js';
import { checksumMatches, decodeRecord, RECORD_HEADER_BYTES, readRecordHead } from './log-records.js';

export interface Replay {
  readonly fd: number;
  readonly size: number;
  readonly events: StoredEvent[];
}

/** Reads the whole log; cuts a torn tail; throws {@link EventLogError} for anything else damaged. */
export function replayFile(file: string, log: (line: string) => void): Replay {
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
