/**
 * SQS locally (AWS JSON 1.0 and the query protocol): standard and FIFO queues kept in the state folder (in memory
 * with `--ephemeral`), long polling, visibility, redrive. See docs/design/events.md.
 */
export { SqsError } from './errors.js';
export { MAX_MESSAGE_BYTES } from './messages.js';
export { LocalQueue } from './queue.js';
export type { QueueDirectory } from './queues.js';
export {
  createSqsService,
  type SqsOperationName,
  type SqsService,
  type SqsServiceOptions,
} from './service.js';
export { QueueLogError, SqsStateError } from './store/index.js';
