/**
 * `lambdaport/events`: publishing event contracts with EventBridge's PutEvents (needs `@aws-sdk/client-eventbridge`).
 */
export { batches, entrySize, PUT_EVENTS_MAX_BYTES, PUT_EVENTS_MAX_ENTRIES, type SizedEntry } from './batches.js';
export { type FailedEntry, PublishError, type PublishedEntry } from './publish-error.js';
export { createPublisher, type Publisher, type PublisherOptions, type PublishOptions } from './publisher.js';
