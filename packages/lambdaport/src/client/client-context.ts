/**
 * The Invoke client context the typed client sends: base64 of `{"custom":{"correlationId":"...","caller":"..."}}`.
 * lambdaport's adapters read `context.clientContext.custom.correlationId`; `caller` is the deployed name of the
 * calling function (its `AWS_LAMBDA_FUNCTION_NAME`), so the callee's logs and `lambdaport dev`'s record of observed
 * calls (`lambdaport graph`) know who called.
 */

/** Lambda's limit on the encoded client context. */
export const CLIENT_CONTEXT_LIMIT = 3_583;

let lastKey: string | undefined;
let lastEncoded: string | undefined;

/**
 * The `ClientContext` value for a correlation id and a caller, or undefined when there is neither (or it would not
 * fit).
 *
 * @example
 * encodeClientContext('req-42') // 'eyJjdXN0b20iOnsiY29ycmVsYXRpb25JZCI6InJlcS00MiJ9fQ=='
 * encodeClientContext('req-42', 'dev-orders-create-1a2b3c') // custom: { correlationId, caller }
 */
export function encodeClientContext(
  correlationId: string | undefined,
  caller: string | undefined = undefined,
): string | undefined {
  if (!correlationId && !caller) return undefined;
  const key = `${correlationId ?? ''}\n${caller ?? ''}`;
  if (key === lastKey) return lastEncoded;
  const custom: Record<string, string> = {};
  if (correlationId) custom.correlationId = correlationId;
  if (caller) custom.caller = caller;
  const encoded = Buffer.from(JSON.stringify({ custom }), 'utf8').toString('base64');
  lastKey = key;
  lastEncoded = encoded.length <= CLIENT_CONTEXT_LIMIT ? encoded : undefined;
  return lastEncoded;
}

/**
 * The deployed name of the function this code runs in (`AWS_LAMBDA_FUNCTION_NAME`), or undefined outside a function.
 *
 * @example
 * callerName() // 'dev-orders-create-1a2b3c' inside orders.create
 */
export function callerName(): string | undefined {
  return typeof process === 'undefined' ? undefined : process.env.AWS_LAMBDA_FUNCTION_NAME || undefined;
}
