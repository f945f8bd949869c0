/**
 * Reading back a log of this format (24-byte header, then length-prefixed, checksummed records: `log-file.ts`,
 * `log-records.ts`) at start: every whole record handed over in order, a torn tail cut (and kept aside), anything
 * else damaged refused. The event log and the SQS queues' logs both use it; the rules: docs/design/async-events.md
 * ("Replay").
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
import { FILE_HEADER_BYTES, fileHeader, syncDir } from './log-file.js';
import { checksumMatches, RECORD_HEADER_BYTES, readRecordHead } from './log-records.js';

/** What a log's scan needs to know about it. */
export interface ScanOptions {
  /** The file's 8-byte marker (`LPEVLOG1`, …). */
  readonly magic: Buffer;
  /** What the file is, in the marker's error (`event log`). */
  readonly kind: string;
  /** Record types 1 to this are known. */
  readonly maxType: number;
  /** The error thrown when the log is damaged (the file is named by the caller). */
  readonly damaged: (why: string) => Error;
  /** Applies one whole, checksummed record (header + body) found at `position`; throws when it does not parse. */
  readonly apply: (record: Buffer, position: number) => void;
  /** Runtime messages (a torn tail cut), and their prefix (`events`, `sqs`). */
  readonly say: (line: string) => void;
  readonly prefix: string;
}

/** The open file (read/write) and its length once the torn tail, if any, is cut. */
export interface Scan {
  readonly fd: number;
  readonly size: number;
}

/** Creates the file with an empty header when it is missing or empty; reads it all; throws `damaged(why)`. */
export function scanLog(file: string, options: ScanOptions): Scan {
  if (existsSync(`${file}.compacting`)) {
    // a compaction that did not reach its rename: the log itself is whole; the partial copy is moved aside
    renameSync(`${file}.compacting`, `${file}.compacting-${Date.now()}.unused`);
    options.say(
      `${options.prefix}: an unfinished compaction of ${file} was left by the last run; its partial copy was moved aside`,
    );
  }
  if (!existsSync(file) || statSync(file).size === 0) {
    // new (or created and never written: nothing could have been acknowledged from it)
    const fd = openSync(file, 'w+');
    writeSync(fd, fileHeader(FILE_HEADER_BYTES, options.magic), 0, FILE_HEADER_BYTES, 0);
    fsyncSync(fd);
    syncDir(path.dirname(file));
    closeSync(fd);
  }
  const fd = openSync(file, 'r+');
  try {
    const size = statSync(file).size;
    const committed = readHeader(fd, size, options);
    const damage = readRecords(fd, size, options);
    if (damage !== undefined) {
      if (damage.at < committed) {
        throw options.damaged(
          `${damage.why} at byte ${damage.at}, inside the ${committed} bytes that were committed (acknowledged)`,
        );
      }
      cutTornTail(file, fd, size, damage, options);
    }
    const end = damage?.at ?? size;
    if (end !== committed) {
      writeSync(fd, fileHeader(end, options.magic), 0, FILE_HEADER_BYTES, 0);
      fsyncSync(fd);
    }
    return { fd, size: end };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/** Checks the header; answers the committed length. */
function readHeader(fd: number, size: number, options: ScanOptions): number {
  const header = Buffer.alloc(FILE_HEADER_BYTES);
  if (size < FILE_HEADER_BYTES || readSync(fd, header, 0, FILE_HEADER_BYTES, 0) < FILE_HEADER_BYTES) {
    throw options.damaged(`it is ${size} bytes long, shorter than its 24-byte header`);
  }
  if (!header.subarray(0, 8).equals(options.magic)) {
    const marker = options.magic.toString('latin1');
    throw options.damaged(`it does not start with the ${marker} marker (not a lambdaport ${options.kind}?)`);
  }
  if (crc32(header.subarray(0, 16)) !== header.readUInt32LE(16)) {
    throw options.damaged('the checksum of its header does not match');
  }
  const committed = Number(header.readBigUInt64LE(8));
  if (size < committed) {
    throw options.damaged(`it is truncated: ${committed} bytes were committed (acknowledged) but the file has ${size}`);
  }
  return committed;
}

/** Applies every whole record; answers where the first bad one starts, if any. */
function readRecords(fd: number, size: number, options: ScanOptions): { at: number; why: string } | undefined {
  let position = FILE_HEADER_BYTES;
  const head = Buffer.alloc(RECORD_HEADER_BYTES);
  let record = Buffer.alloc(64 * 1024);
  while (position < size) {
    if (position + RECORD_HEADER_BYTES > size) {
      return { at: position, why: 'a record header is cut short by the end of the file' };
    }
    readSync(fd, head, 0, RECORD_HEADER_BYTES, position);
    const parsed = readRecordHead(head, options.maxType);
    if (!parsed.ok) return { at: position, why: parsed.why };
    const length = RECORD_HEADER_BYTES + parsed.bodyLength;
    if (position + length > size) return { at: position, why: 'a record is cut short by the end of the file' };
    if (record.length < length) record = Buffer.alloc(Math.max(length, record.length * 2));
    const view = record.subarray(0, length);
    readSync(fd, view, 0, length, position);
    if (!checksumMatches(view)) return { at: position, why: 'a record checksum does not match' };
    try {
      options.apply(view, position);
    } catch (error) {
      return { at: position, why: `a record does not parse (${(error as Error).message})` };
    }
    position += length;
  }
  return undefined;
}

/** A torn tail: written after the last acknowledged append, never acknowledged. Keeps the bytes aside, cuts them. */
function cutTornTail(
  file: string,
  fd: number,
  size: number,
  damage: { at: number; why: string },
  options: ScanOptions,
): void {
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
  ftruncateSync(fd, damage.at);
  fsyncSync(fd);
  options.say(
    `${options.prefix}: ${file} ended with a torn record (${damage.why}) written after the last acknowledged append: ` +
      `${tail.length} bytes cut from byte ${damage.at} and kept in ${aside}`,
  );
}
