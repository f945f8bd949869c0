/** The client context of an invocation, from the Invoke API's `X-Amz-Client-Context` to the runtime's header. */

/**
 * The `X-Amz-Client-Context` value (base64 of JSON) as the JSON text Lambda passes to the runtime
 * (`Lambda-Runtime-Client-Context`), with every character outside ASCII written as a `\uXXXX` escape so that it is
 * a valid header value. `undefined` when absent, empty or not base64 of JSON.
 *
 * @example
 * decodeClientContext(Buffer.from('{"custom":{"tenant":"ü"}}').toString('base64')); // '{"custom":{"tenant":"\\u00fc"}}'
 */
export function decodeClientContext(base64: string | undefined): string | undefined {
  if (base64 === undefined || base64 === '') return undefined;
  try {
    const text = JSON.stringify(JSON.parse(Buffer.from(base64, 'base64').toString('utf8')));
    return text.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  } catch {
    return undefined;
  }
}
