/**
 * The error of a publish in which some entries were not accepted: each one named, never dropped silently.
 */
import { LambdaportError } from '../errors.js';

/** One entry EventBridge did not accept: its place in what was published, and why (AWS's code and message). */
export interface FailedEntry {
  readonly index: number;
  readonly errorCode: string;
  readonly errorMessage: string;
}

/** One entry EventBridge accepted. */
export interface PublishedEntry {
  readonly index: number;
  readonly eventId: string;
}

/**
 * Some entries of a publish failed (a partial failure of PutEvents, or a request that failed as a whole): `failed`
 * names each, `published` the others, which went through and are not to be sent again.
 *
 * @example
 * try { await publisher.publishAll(details); }
 * catch (e) { if (PublishError.is(e)) retryLater(e.failed.map((f) => details[f.index])); }
 */
export class PublishError extends LambdaportError {
  static override readonly errorName = 'PublishError';
  readonly failed: readonly FailedEntry[];
  readonly published: readonly PublishedEntry[];

  constructor(what: string, failed: readonly FailedEntry[], published: readonly PublishedEntry[]) {
    const first = failed[0];
    super(
      `${failed.length} of ${failed.length + published.length} ${what} events were not published` +
        (first === undefined ? '' : ` (entry ${first.index}: ${first.errorCode}: ${first.errorMessage})`),
    );
    this.failed = failed;
    this.published = published;
  }
}
