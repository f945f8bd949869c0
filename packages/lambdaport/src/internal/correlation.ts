/**
 * Correlation ids: taken from the caller when it sent a sane one, else the request id.
 */
import { MAX_CORRELATION_ID_LENGTH } from './defaults.js';

/** Printable ASCII without spaces, 1 to 128 characters: safe to log and to forward. */
const SAFE = /^[\x21-\x7e]+$/;

/** `value` when it is a usable correlation id, else undefined. */
export function saneCorrelationId(value: unknown): string | undefined {
  return typeof value === 'string' && value.length <= MAX_CORRELATION_ID_LENGTH && SAFE.test(value) ? value : undefined;
}

/** The correlation id a lambdaport client puts in the Invoke client context: `{ custom: { correlationId } }`. */
export function fromClientContext(clientContext: unknown): string | undefined {
  return saneCorrelationId((clientContext as { custom?: { correlationId?: unknown } } | null)?.custom?.correlationId);
}

/** A `correlationId` field of an object event (Step Functions task input, EventBridge detail). */
export function fromField(event: unknown): string | undefined {
  return saneCorrelationId((event as { correlationId?: unknown } | null)?.correlationId);
}
