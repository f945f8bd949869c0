/**
 * What a queue's log says once read back: its messages in the order they were sent (in flight ones with their
 * receipt and visibility deadline: once it has passed they are visible again), receive counts kept, deleted, moved and
 * purged ones gone; a FIFO queue's deduplication ids (of the messages deleted since too) and last sequence number.
 */
import { type Message, messageOf } from '../message.js';
import type { SentRecord, SqsRecord } from './records.js';

/** A queue's state as its log left it. */
export interface ReplayedQueue {
  /** Live messages, in order. */
  readonly messages: Message[];
  /** Deduplication id → the message sent with it, and when (FIFO; the caller drops those past the window). */
  readonly deduplicated: Map<string, { message: Message; at: number }>;
  /** The last sequence number given (FIFO). */
  sequence: bigint;
}

/** An empty state, then each record applied in order by {@link applyRecord}. */
export function emptyReplay(): ReplayedQueue {
  return { messages: [], deduplicated: new Map(), sequence: 0n };
}

/** The message a `sent` record describes. */
export function messageOfSent(record: SentRecord): Message {
  const message = messageOf({
    id: record.id,
    body: record.body,
    attributes: record.attributes,
    sentAt: record.sentAt,
    groupId: record.group,
    deduplicationId: record.dedup,
    sequenceNumber: record.seq,
    visibleAt: record.visibleAt,
    receiveCount: record.count ?? 0,
    firstReceivedAt: record.first,
    receipt: record.receipt,
  });
  return record.md5 === undefined ? message : { ...message, md5OfBody: record.md5 };
}

/** Applies records to a state; `live` indexes its messages by id (kept by the caller across calls). */
export function applyRecord(state: ReplayedQueue, live: Map<string, Message>, record: SqsRecord): void {
  switch (record.type) {
    case 'sent': {
      if (live.has(record.id)) return; // written twice (a move that a crash interrupted): once is enough
      const message = messageOfSent(record);
      live.set(message.id, message);
      if (record.dedup !== undefined) state.deduplicated.set(record.dedup, { message, at: record.sentAt });
      if (record.seq !== undefined && BigInt(record.seq) > state.sequence) state.sequence = BigInt(record.seq);
      return;
    }
    case 'received': {
      const message = live.get(record.id);
      if (message === undefined) return;
      message.receipt = record.receipt;
      message.receiveCount = record.count;
      message.visibleAt = record.visibleAt;
      message.firstReceivedAt = record.first;
      return;
    }
    case 'visibility': {
      const message = live.get(record.id);
      if (message !== undefined) message.visibleAt = record.visibleAt;
      return;
    }
    case 'deleted':
    case 'moved':
      live.delete(record.id);
      return;
    case 'purged':
      live.clear();
      return;
    case 'sequence':
      if (BigInt(record.n) > state.sequence) state.sequence = BigInt(record.n);
      return;
  }
}

/** The state once every record is applied: the live messages in the order they were first sent. */
export function finishReplay(state: ReplayedQueue, live: Map<string, Message>): ReplayedQueue {
  state.messages.push(...live.values());
  return state;
}
