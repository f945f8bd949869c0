/**
 * SQS queues kept in the state folder: `queues.json` (queues and attributes) and one append-only log per queue
 * (`<queue>.log`, the event log's file format with its own records). See docs/design/events.md.
 */
export { memoryQueueLog, openQueueLog, type QueueLog, QueueLogError } from './queue-log.js';
export { SqsStateError } from './queues-file.js';
export type { SqsRecord } from './records.js';
