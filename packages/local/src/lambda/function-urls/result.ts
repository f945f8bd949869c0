/**
 * Mapping a function's result to the HTTP response of its Function URL, as AWS does (payload format 2.0):
 * an object with `statusCode` gives status, headers, cookies (one `Set-Cookie` each), body and
 * `isBase64Encoded`; a string comes back unquoted; any other JSON value comes back as JSON with status 200;
 * a function error, or a result that cannot be an HTTP response (a status outside 100..599, a header name or value
 * HTTP does not allow), is 502 `Internal Server Error`.
 */
import { validateHeaderName, validateHeaderValue } from 'node:http';

/** An HTTP response to write. */
export interface UrlResponse {
  readonly status: number;
  /** Header name/value pairs, in order; `set-cookie` may repeat. */
  readonly headers: readonly (readonly [string, string])[];
  readonly body: Buffer;
}

const JSON_TYPE = 'application/json';

/**
 * Maps the raw result bytes of an invocation (and whether it was a function error) to the HTTP response.
 *
 * @example
 * mapUrlResult(Buffer.from('"hello"'), false); // { status: 200, headers: [['content-type','application/json']], body: 'hello' }
 */
export function mapUrlResult(payload: Buffer, functionError: boolean): UrlResponse {
  if (functionError) return internalError();
  const text = payload.toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Not JSON (a `provided` runtime can answer any bytes): pass it through.
    return { status: 200, headers: [['content-type', JSON_TYPE]], body: payload };
  }
  if (typeof value === 'string')
    return { status: 200, headers: [['content-type', JSON_TYPE]], body: Buffer.from(value) };
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !('statusCode' in value)) {
    return { status: 200, headers: [['content-type', JSON_TYPE]], body: payload };
  }
  const result = value as Record<string, unknown>;
  const status = Number(result.statusCode);
  if (!Number.isInteger(status) || status < 100 || status > 599) return internalError();
  const headers: [string, string][] = [];
  let hasContentType = false;
  if (typeof result.headers === 'object' && result.headers !== null) {
    for (const [name, headerValue] of Object.entries(result.headers)) {
      if (headerValue === undefined || headerValue === null) continue;
      const lower = name.toLowerCase();
      if (lower === 'content-length' || lower === 'transfer-encoding' || lower === 'connection') continue;
      if (lower === 'content-type') hasContentType = true;
      headers.push([lower, String(headerValue)]);
    }
  }
  if (Array.isArray(result.cookies)) {
    for (const cookie of result.cookies) headers.push(['set-cookie', String(cookie)]);
  }
  let body: Buffer;
  if (result.body === undefined || result.body === null) body = Buffer.alloc(0);
  else if (typeof result.body === 'string') {
    body = result.isBase64Encoded === true ? Buffer.from(result.body, 'base64') : Buffer.from(result.body, 'utf8');
  } else body = Buffer.from(JSON.stringify(result.body));
  if (!hasContentType) headers.push(['content-type', JSON_TYPE]);
  if (!headers.every(([name, value]) => isValidHeader(name, value))) return internalError();
  return { status, headers, body };
}

/** Whether node:http (and HTTP) accepts this header: a token for a name, no control characters in the value. */
function isValidHeader(name: string, value: string): boolean {
  try {
    validateHeaderName(name);
    validateHeaderValue(name, value);
    return true;
  } catch {
    return false;
  }
}

/** The 502 AWS answers when the function failed or its result cannot be mapped. */
export function internalError(): UrlResponse {
  return {
    status: 502,
    headers: [['content-type', JSON_TYPE]],
    body: Buffer.from('Internal Server Error'),
  };
}
