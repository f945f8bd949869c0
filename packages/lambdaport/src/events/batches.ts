/**
 * PutEvents' limits and the batches a publisher sends within them.
 */

/** Entries PutEvents takes in one request. */
export const PUT_EVENTS_MAX_ENTRIES = 10;
/** Bytes of entries PutEvents takes in one request (256 KB), counted as {@link entrySize} counts them. */
export const PUT_EVENTS_MAX_BYTES = 262_144;

/** The fields of a PutEvents entry that count toward its size. */
export interface SizedEntry {
  readonly Source?: string | undefined;
  readonly DetailType?: string | undefined;
  readonly Detail?: string | undefined;
  readonly Resources?: readonly string[] | undefined;
  readonly Time?: Date | undefined;
}

/**
 * An entry's size as AWS counts it: the UTF-8 bytes of `Source`, `DetailType`, `Detail` and each resource, and
 * 14 bytes for `Time` when it is given.
 *
 * @example
 * entrySize({ Source: 'orders', DetailType: 'OrderCreated', Detail: '{}' }); // 20
 */
export function entrySize(entry: SizedEntry): number {
  let size = entry.Time === undefined ? 0 : 14;
  for (const text of [entry.Source, entry.DetailType, entry.Detail, ...(entry.Resources ?? [])]) {
    if (text !== undefined) size += Buffer.byteLength(text, 'utf8');
  }
  return size;
}

/**
 * Splits entries into requests of at most 10 entries and 256 KB, in order. An entry over 256 KB alone cannot be
 * sent: the caller checks that first.
 *
 * @example
 * batches(entries).map((batch) => batch.length); // [10, 10, 3]
 */
export function batches<T extends SizedEntry>(entries: readonly T[]): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const entry of entries) {
    const size = entrySize(entry);
    if (current.length === PUT_EVENTS_MAX_ENTRIES || (current.length > 0 && bytes + size > PUT_EVENTS_MAX_BYTES)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(entry);
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}
