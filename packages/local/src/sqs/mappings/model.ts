/**
 * An event source mapping from an SQS queue to a function, as the Lambda API describes it, and the limits AWS puts
 * on its settings (docs/design/events.md, docs/reference/sqs.md).
 */

/** `BatchSize` when none is given (SQS). */
export const DEFAULT_BATCH_SIZE = 10;
/** The largest `BatchSize` of a standard queue (a FIFO queue: 10). */
export const MAX_BATCH_SIZE = 10_000;
/** The largest `MaximumBatchingWindowInSeconds`. */
export const MAX_BATCHING_WINDOW_SECONDS = 300;
/** `ScalingConfig.MaximumConcurrency` bounds. */
export const MIN_MAXIMUM_CONCURRENCY = 2;
export const MAX_MAXIMUM_CONCURRENCY = 1_000;
/** The only `FunctionResponseTypes` value. */
export const REPORT_BATCH_ITEM_FAILURES = 'ReportBatchItemFailures';

/** Where a mapping comes from: the Lambda API (kept in the state folder) or a service config (rebuilt at start). */
export type MappingOrigin =
  | { readonly kind: 'api' }
  | { readonly kind: 'config'; readonly configFile: string; readonly keyPath: string };

/** The states the API reports. Locally a transition is done as soon as it is answered. */
export type MappingState = 'Creating' | 'Enabling' | 'Enabled' | 'Disabling' | 'Disabled' | 'Updating' | 'Deleting';

/** A mapping's settings: what it reads, what it invokes, how. */
export interface MappingSettings {
  readonly eventSourceArn: string;
  /** The function's deployed name. */
  readonly functionName: string;
  /** The qualifier of the FunctionName given (an alias or a version), if any: that version runs. */
  readonly qualifier: string | undefined;
  readonly enabled: boolean;
  readonly batchSize: number;
  readonly maximumBatchingWindowInSeconds: number;
  /** `[]` or `['ReportBatchItemFailures']`. */
  readonly functionResponseTypes: readonly string[];
  /** `ScalingConfig.MaximumConcurrency`, if set (2–1000). */
  readonly maximumConcurrency: number | undefined;
}

/** A mapping. */
export interface Mapping extends MappingSettings {
  readonly uuid: string;
  /** Epoch milliseconds of the last change (the API reports epoch seconds). */
  readonly lastModified: number;
  readonly origin: MappingOrigin;
}

/** The mapping's ARN: `arn:aws:lambda:<region>:<account>:event-source-mapping:<uuid>`. */
export function mappingArn(region: string, accountId: string, uuid: string): string {
  return `arn:aws:lambda:${region}:${accountId}:event-source-mapping:${uuid}`;
}
