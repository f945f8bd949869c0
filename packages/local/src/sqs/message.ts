/**
 * A message as a queue holds it, and what a send gives: shared by the queue (`queue.ts`) and its log (`store/`).
 */
import { type MessageAttribute, md5OfAttributes, md5OfBody } from './md5.js';

/** One message. */
export interface Message {
  readonly id: string;
  readonly body: string;
  readonly attributes: Readonly<Record<string, MessageAttribute>> | undefined;
  readonly md5OfBody: string;
  readonly md5OfAttributes: string | undefined;
  readonly sentAt: number;
  readonly groupId: string | undefined;
  readonly deduplicationId: string | undefined;
  readonly sequenceNumber: string | undefined;
  /** Not receivable before this time (delay, then each visibility timeout). */
  visibleAt: number;
  receiveCount: number;
  firstReceivedAt: number | undefined;
  /** The receipt handle of the latest receive; undefined when never received. */
  receipt: string | undefined;
}

/** What a send gives. */
export interface SendRequest {
  readonly body: string;
  readonly attributes?: Readonly<Record<string, MessageAttribute>> | undefined;
  readonly delaySeconds?: number | undefined;
  readonly groupId?: string | undefined;
  readonly deduplicationId?: string | undefined;
}

/** What a message is made of, without its digests (computed from it). */
export type MessageFields = Omit<Message, 'md5OfBody' | 'md5OfAttributes'>;

/**
 * A message with its digests.
 *
 * @example
 * const message = messageOf({ id, body: 'hi', attributes: undefined, sentAt: Date.now(), groupId: undefined,
 *   deduplicationId: undefined, sequenceNumber: undefined, visibleAt: Date.now(), receiveCount: 0,
 *   firstReceivedAt: undefined, receipt: undefined });
 */
export function messageOf(fields: MessageFields): Message {
  return { ...fields, md5OfBody: md5OfBody(fields.body), md5OfAttributes: md5OfAttributes(fields.attributes) };
}
