import { STATUS_CODES } from 'node:http';

/**
 * HTTP responses: the adapter's neutral shape mapped to payload 2.0 or 1.0, and the JSON error bodies.
 */

/** What an HTTP adapter answers (and what an `output` mapper returns). */
export interface HttpResponse {
  statusCode: number;
  headers?: Record<string, string>;
  /** Each becomes one `Set-Cookie` header. */
  cookies?: string[];
  /** Text, or bytes (sent base64-encoded). Objects are not accepted here: use `JSON.stringify`. */
  body?: string | Uint8Array;
  /** Set when `body` is already base64 text. */
  isBase64Encoded?: boolean;
}

/** The result object Lambda hands back to a Function URL or API Gateway. */
export interface HttpResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: boolean;
  cookies?: string[];
  multiValueHeaders?: Record<string, string[]>;
}

const JSON_HEADERS = Object.freeze({ 'content-type': 'application/json' });

/** The short human text of an error body: `404` → `Not found.` (the seed service's wording). */
export function phrase(status: number): string {
  const text = STATUS_CODES[status] ?? (status < 500 ? 'Request failed' : 'Internal server error');
  return `${text[0]}${text.slice(1).toLowerCase()}.`;
}

/** A JSON response of any status. */
export function jsonResponse(statusCode: number, value: unknown, headers?: Record<string, string>): HttpResponse {
  if (value === undefined) return { statusCode: statusCode === 200 ? 204 : statusCode, headers };
  return { statusCode, headers: headers ? { ...JSON_HEADERS, ...headers } : JSON_HEADERS, body: JSON.stringify(value) };
}

/** Maps the neutral response to the payload format the event came in. */
export function toResult(response: HttpResponse, version: '1.0' | '2.0'): HttpResult {
  let body = '';
  let isBase64Encoded = response.isBase64Encoded === true;
  if (response.body instanceof Uint8Array) {
    body = Buffer.from(response.body).toString('base64');
    isBase64Encoded = true;
  } else if (typeof response.body === 'string') {
    body = response.body;
  }
  const result: HttpResult = {
    statusCode: response.statusCode,
    headers: (response.headers as Record<string, string> | undefined) ?? {},
    body,
    isBase64Encoded,
  };
  const cookies = response.cookies;
  if (cookies && cookies.length > 0) {
    if (version === '2.0') result.cookies = cookies;
    else result.multiValueHeaders = { 'set-cookie': cookies };
  }
  return result;
}
