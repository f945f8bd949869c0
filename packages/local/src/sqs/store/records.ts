/**
 * The records of a queue's log (`<state>/sqs/<queue>.log`), framed as the event log's records are
 * (`u32 LE magic · u32 LE body length · u32 LE crc32(type byte + body) · u8 type · body`, see
 * `lambda/async/log-records.ts`); every body is a small JSON object. Format and rules: docs/design/events.md.
 */
import { crc32 } from 'node:zlib';
import { RECORD_HEADER_BYTES, RECORD_MAGIC } from '../../lambda/async/log-records.js';
import type { MessageAttribute } from '../md5.js';

/** The marker of a queue log's file header (the event log's is `LPEVLOG1`). */
export const QUEUE_LOG_MAGIC = Buffer.from('LPSQLOG1', 'latin1');

/** Record types, as written in the type byte. */
export const SqsRecordType = {
  sent: 1,
  received: 2,
  deleted: 3,
  visibility: 4,
  purged: 5,
  moved: 6,
  sequence: 7,
} as const;
export type SqsRecordTypeName = keyof typeof SqsRecordType;
export const LAST_RECORD_TYPE = SqsRecordType.sequence;

/**
 * A message sent (or moved here from the queue that redrove it, or rewritten by a compaction: then with its receive
 * count, first receive and latest receipt).
 */
export interface SentRecord {
  readonly type: 'sent';
  readonly id: string;
  readonly body: string;
  /** The message attributes. */
  readonly attributes?: Readonly<Record<string, MessageAttribute>> | undefined;
  readonly sentAt: number;
  /** Not receivable before (epoch ms): the send time plus its delay. */
  readonly visibleAt: number;
  readonly group?: string | undefined;
  readonly dedup?: string | undefined;
  readonly seq?: string | undefined;
  readonly count?: number | undefined;
  readonly first?: number | undefined;
  readonly receipt?: string | undefined;
  /**
   * Only for a deleted message a compaction keeps for its deduplication id: its body's MD5 (what a duplicate send
   * answers), the body itself left out (`''`).
   */
  readonly md5?: string | undefined;
}

/** Everything a queue's log says. */
export type SqsRecord =
  | SentRecord
  /** A receive: the receipt handle it gave, the receive count, the visibility deadline, the first receive time. */
  | {
      readonly type: 'received';
      readonly id: string;
      readonly receipt: string;
      readonly count: number;
      readonly visibleAt: number;
      readonly first: number;
    }
  | { readonly type: 'deleted'; readonly id: string }
  /** ChangeMessageVisibility: the new deadline. */
  | { readonly type: 'visibility'; readonly id: string; readonly visibleAt: number }
  | { readonly type: 'purged'; readonly at: number }
  /** Moved to the dead-letter queue `to` (its ARN), which holds it durably first. */
  | { readonly type: 'moved'; readonly id: string; readonly to: string }
  /** A FIFO queue's last sequence number, written first by a compaction (deleted messages no longer say it). */
  | { readonly type: 'sequence'; readonly n: string };

/** Encodes a record with its header. */
export function encodeSqsRecord(record: SqsRecord): Buffer {
  const { type, ...rest } = record;
  const json = Buffer.from(JSON.stringify(rest), 'utf8');
  const bytes = Buffer.allocUnsafe(RECORD_HEADER_BYTES + json.length);
  bytes.writeUInt32LE(RECORD_MAGIC, 0);
  bytes.writeUInt32LE(json.length, 4);
  bytes[12] = SqsRecordType[type];
  json.copy(bytes, RECORD_HEADER_BYTES);
  bytes.writeUInt32LE(crc32(bytes.subarray(12)), 8);
  return bytes;
}

const NAMES = Object.fromEntries(Object.entries(SqsRecordType).map(([name, code]) => [code, name])) as Record<
  number,
  SqsRecordTypeName
>;

/** The fields each record type must have (a record without them was not written by us). */
const REQUIRED: Readonly<Record<SqsRecordTypeName, readonly [string, 'string' | 'number'][]>> = {
  sent: [
    ['id', 'string'],
    ['body', 'string'],
    ['sentAt', 'number'],
    ['visibleAt', 'number'],
  ],
  received: [
    ['id', 'string'],
    ['receipt', 'string'],
    ['count', 'number'],
    ['visibleAt', 'number'],
    ['first', 'number'],
  ],
  deleted: [['id', 'string']],
  visibility: [
    ['id', 'string'],
    ['visibleAt', 'number'],
  ],
  purged: [['at', 'number']],
  moved: [
    ['id', 'string'],
    ['to', 'string'],
  ],
  sequence: [['n', 'string']],
};

/** Decodes a whole, checksummed record; throws when its body is not what its type says. */
export function decodeSqsRecord(record: Buffer): SqsRecord {
  const type = NAMES[record[12]!];
  if (type === undefined) throw new Error(`unknown record type ${record[12]}`);
  const body = JSON.parse(record.toString('utf8', RECORD_HEADER_BYTES)) as Record<string, unknown>;
  for (const [field, kind] of REQUIRED[type]) {
    if (typeof body[field] !== kind) throw new Error(`a ${type} record lacks its ${field}`);
  }
  return { type, ...body } as SqsRecord;
}
