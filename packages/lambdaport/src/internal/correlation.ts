/**
 * Correlation ids: taken from the caller when it sent a sane one, else the request id.
 */
import { HANDLER_DEFAULTS } from './defaults.js';

/** Printable ASCII without spaces, 1 to 128 characters: safe to log and to forward. */
const SAFE = /^[\x21-\x7e]+$/;

/** `value` when it is a usable correlation id, else undefined. */
export function saneCorrelationId(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (value.length === 0 || value.length > HANDLER_DEFAULTS.maxCorrelationIdLength || !SAFE.test(value)) {
    return undefined;
  }
  return value;
}

/** The correlation id a lambdaport client puts in the Invoke client context: `{ custom: { correlationId } }`. */
export function fromClientContext(clientContext: unknown): string | undefined {
  if (typeof clientContext !== 'object' || clientContext === null) return undefined;
  const custom =
    (clientContext as { custom?: unknown; Custom?: unknown }).custom ?? (clientContext as { Custom?: unknown }).Custom;
  if (typeof custom !== 'object' || custom === null) return undefined;
  return saneCorrelationId((custom as { correlationId?: unknown }).correlationId);
}

/** A `correlationId` field of an object event (Step Functions task input, EventBridge detail). */
export function fromField(event: unknown): string | undefined {
  if (typeof event !== 'object' || event === null) return undefined;
  return saneCorrelationId((event as { correlationId?: unknown }).correlationId);
}
