/**
 * The records of the asynchronous-event log (`<state>/events/queue.log`) and their bytes. Every record is
 * length-prefixed and checksummed:
 *
 * ```
 * u32 LE magic 0x4c504552 ("LPER") · u32 LE body length n · u32 LE crc32(type byte + body) · u8 type · body (n bytes)
 * ```
 *
 * `accepted` bodies are `u32 LE header length · JSON header · payload bytes` (the payload is read back by offset when
 * the event is delivered); the other bodies are a small JSON object. The file starts with a 24-byte header (see
 * `event-log.ts`). Format and recovery rules: docs/design/async-events.md.
 */
import { crc32 } from 'node:zlib';

/** Marks the start of every record. */
export const RECORD_MAGIC = 0x4c504552;
/** Bytes before a record's body: magic, length, crc, type. */
export const RECORD_HEADER_BYTES = 13;
/** No record is larger than this (a 1 MB payload plus its header fits with room to spare). */
export const MAX_RECORD_BODY = 2 * 1024 * 1024;

/** Record types, as written in the type byte. */
export const RecordType = {
  accepted: 1,
  started: 2,
  retryAt: 3,
  done: 4,
  discarded: 5,
} as const;
export type RecordTypeName = keyof typeof RecordType;

/** What an `accepted` record says about an event (its payload follows it in the file). */
export interface AcceptedHeader {
  /** The request id (also the event's id in the log). */
  readonly id: string;
  /** The function's deployed name. */
  readonly fn: string;
  /** The version that runs (`$LATEST` or a number). */
  readonly version: string;
  /** The qualifier the caller used (for the event invoke config), if any. */
  readonly qualifier?: string | undefined;
  /** The ARN the caller invoked (with its qualifier). */
  readonly arn: string;
  /** When Lambda accepted it (epoch ms): the event's age counts from here. */
  readonly at: number;
  /** `X-Amz-Client-Context`, as sent. */
  readonly cc?: string | undefined;
}

/** The small records about an event already accepted. */
export type StateRecord =
  | { readonly type: 'started'; readonly id: string; readonly invokes: number }
  | {
      readonly type: 'retryAt';
      readonly id: string;
      readonly at: number;
      readonly failures: number;
      readonly throttles: number;
    }
  | { readonly type: 'done'; readonly id: string }
  | { readonly type: 'discarded'; readonly id: string; readonly reason: string };

/**
 * Encodes an `accepted` record as two buffers (its head, then the payload itself, not copied);
 * `payloadOffsetInRecord` is where the payload starts, from the record's start.
 */
export function encodeAccepted(
  header: AcceptedHeader,
  payload: Buffer,
): { buffers: [Buffer, Buffer]; length: number; payloadOffsetInRecord: number } {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const bodyLength = 4 + json.length + payload.length;
  const head = Buffer.allocUnsafe(17 + json.length);
  head.writeUInt32LE(RECORD_MAGIC, 0);
  head.writeUInt32LE(bodyLength, 4);
  head[12] = RecordType.accepted;
  head.writeUInt32LE(json.length, 13);
  json.copy(head, 17);
  head.writeUInt32LE(crc32(payload, crc32(head.subarray(12))), 8);
  return { buffers: [head, payload], length: head.length + payload.length, payloadOffsetInRecord: head.length };
}

/** Encodes one of the small records. */
export function encodeState(record: StateRecord): Buffer {
  const { type, ...rest } = record;
  const json = Buffer.from(JSON.stringify(rest), 'utf8');
  const bytes = Buffer.allocUnsafe(RECORD_HEADER_BYTES + json.length);
  bytes.writeUInt32LE(RECORD_MAGIC, 0);
  bytes.writeUInt32LE(json.length, 4);
  bytes[12] = RecordType[type];
  json.copy(bytes, 13);
  bytes.writeUInt32LE(crc32(bytes.subarray(12)), 8);
  return bytes;
}

/** One record read back from the log. */
export type DecodedRecord =
  | {
      readonly type: 'accepted';
      readonly header: AcceptedHeader;
      readonly payloadOffset: number;
      readonly payloadLength: number;
    }
  | StateRecord;

/** What the header of a record says, before its body is read. */
export type RecordHead =
  | { readonly ok: true; readonly bodyLength: number; readonly crc: number; readonly type: number }
  | { readonly ok: false; readonly why: string };

/** Checks a record's 13 header bytes (magic, a sane length and a known type: 1 to `maxType`). */
export function readRecordHead(bytes: Buffer, maxType: number = RecordType.discarded): RecordHead {
  if (bytes.readUInt32LE(0) !== RECORD_MAGIC) return { ok: false, why: 'no record marker' };
  const bodyLength = bytes.readUInt32LE(4);
  if (bodyLength > MAX_RECORD_BODY) return { ok: false, why: `record length ${bodyLength} is beyond the limit` };
  const type = bytes[12]!;
  if (type < 1 || type > maxType) return { ok: false, why: `unknown record type ${type}` };
  return { ok: true, bodyLength, crc: bytes.readUInt32LE(8), type };
}

/** Whether a whole record's checksum matches (`record` is header + body). */
export function checksumMatches(record: Buffer): boolean {
  return crc32(record.subarray(12)) === record.readUInt32LE(8);
}

/**
 * Decodes a whole, checksummed record that starts at `fileOffset` in the log. Throws when its body does not parse
 * (the checksum matched, so that is corruption written by someone else).
 */
export function decodeRecord(record: Buffer, fileOffset: number): DecodedRecord {
  const type = record[12]!;
  if (type === RecordType.accepted) {
    const jsonLength = record.readUInt32LE(13);
    const header = JSON.parse(record.toString('utf8', 17, 17 + jsonLength)) as AcceptedHeader;
    if (typeof header.id !== 'string' || typeof header.fn !== 'string' || typeof header.at !== 'number') {
      throw new Error('an accepted record lacks its id, function or time');
    }
    const payloadStart = 17 + jsonLength;
    return {
      type: 'accepted',
      header,
      payloadOffset: fileOffset + payloadStart,
      payloadLength: record.length - payloadStart,
    };
  }
  const body = JSON.parse(record.toString('utf8', RECORD_HEADER_BYTES)) as Record<string, unknown>;
  if (typeof body.id !== 'string') throw new Error('a record lacks its event id');
  const name = (Object.keys(RecordType) as RecordTypeName[]).find((key) => RecordType[key] === type)!;
  return { type: name, ...body } as StateRecord;
}
