/**
 * Replaying the event log at start: every record read back in order (`log-scan.ts`: a torn tail cut and kept aside,
 * anything else damaged refused with {@link EventLogError}). The rules: docs/design/async-events.md ("Replay").
 */
import { EventLogError, FILE_MAGIC, type StoredEvent } from './log-file.js';
import { decodeRecord, RecordType } from './log-records.js';
import { scanLog } from './log-scan.js';

export interface Replay {
  readonly fd: number;
  readonly size: number;
  readonly events: StoredEvent[];
}

/** Reads the whole log; cuts a torn tail; throws {@link EventLogError} for anything else damaged. */
export function replayFile(file: string, log: (line: string) => void): Replay {
  const byId = new Map<string, StoredEvent>();
  const { fd, size } = scanLog(file, {
    magic: FILE_MAGIC,
    kind: 'event log',
    maxType: RecordType.discarded,
    damaged: (why) => new EventLogError(file, why),
    apply: (record, position) => apply(byId, decodeRecord(record, position)),
    say: log,
    prefix: 'events',
  });
  return { fd, size, events: [...byId.values()] };
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
