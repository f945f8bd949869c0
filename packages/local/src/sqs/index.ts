/**
 * SQS locally (AWS JSON 1.0 and the query protocol): standard and FIFO queues in memory, long polling, visibility, redrive. See
 * docs/design/events.md.
 */
export { SqsError } from './errors.js';
export { MAX_MESSAGE_BYTES } from './messages.js';
export { createSqsService, type SqsOperationName, type SqsService } from './service.js';
