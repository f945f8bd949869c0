/**
 * The Invoke client context that carries the correlation id: base64 of `{"custom":{"correlationId":"..."}}`.
 * lambdaport's adapters read `context.clientContext.custom.correlationId`.
 */

/** Lambda's limit on the encoded client context. */
export const CLIENT_CONTEXT_LIMIT = 3_583;

let lastId: string | undefined;
let lastEncoded: string | undefined;

/**
 * The `ClientContext` value for a correlation id, or undefined when there is none (or it would not fit).
 *
 * @example
 * encodeClientContext('req-42') // 'eyJjdXN0b20iOnsiY29ycmVsYXRpb25JZCI6InJlcS00MiJ9fQ=='
 */
export function encodeClientContext(correlationId: string | undefined): string | undefined {
  if (!correlationId) return undefined;
  if (correlationId === lastId) return lastEncoded;
  const encoded = Buffer.from(JSON.stringify({ custom: { correlationId } }), 'utf8').toString('base64');
  lastId = correlationId;
  lastEncoded = encoded.length <= CLIENT_CONTEXT_LIMIT ? encoded : undefined;
  return lastEncoded;
}
