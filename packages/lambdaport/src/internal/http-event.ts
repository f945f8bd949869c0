/**
 * Normalises API Gateway / Function URL events (payload 2.0 and REST payload 1.0) into one request shape.
 * Cheap fields are read at once; cookies, repeated query values, bytes and JSON are computed on first use.
 */
import { InvalidRequestError } from '../errors.js';
import { parseJsonOrThrow } from './json.js';

type StringMap = Readonly<Record<string, string>>;

const EMPTY: StringMap = Object.freeze(Object.create(null) as Record<string, string>);

/** An HTTP request, the same for payload 2.0 (Function URL, HTTP API) and payload 1.0 (REST API). */
export interface HttpRequest {
  /** `2.0` (Function URL, HTTP API) or `1.0` (REST API, HTTP API with payload 1.0). */
  readonly payloadVersion: '1.0' | '2.0';
  /** Upper-case: `GET`. */
  readonly method: string;
  /** The path, without a named HTTP API stage: `/records/1`. */
  readonly path: string;
  /** Lower-case names; repeated headers joined with commas. */
  readonly headers: StringMap;
  /** Query parameters; repeated ones joined with commas (`id=1&id=2` → `"1,2"`, as payload 2.0 does). */
  readonly query: StringMap;
  /** Every value of each query parameter, in order. */
  readonly queryAll: Readonly<Record<string, readonly string[]>>;
  /** Path parameters from API Gateway, or from the adapter's `path` template. */
  readonly pathParams: StringMap;
  /** Request cookies by name. */
  readonly cookies: StringMap;
  /** The body as text (base64 bodies decoded as UTF-8); undefined when absent or empty. */
  readonly body: string | undefined;
  /** The body's bytes (base64 bodies decoded); undefined when absent or empty. */
  readonly bodyBytes: Uint8Array | undefined;
  /** The request id of API Gateway / the Function URL. */
  readonly requestId: string | undefined;
  /** The event as received. */
  readonly event: Readonly<Record<string, unknown>>;
  /** The body parsed as JSON; throws `InvalidRequestError` (400, issue at `body`) when absent or not JSON. */
  json(): unknown;
}

type RawEvent = Record<string, unknown> & {
  version?: unknown;
  httpMethod?: unknown;
  requestContext?: Record<string, unknown> & { http?: Record<string, unknown> };
};

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function map(value: unknown): StringMap {
  return typeof value === 'object' && value !== null ? (value as StringMap) : EMPTY;
}

/** Payload 1.0 maps: multi-value entries joined with commas (as payload 2.0 does), else the single value. */
function joined(single: unknown, multi: unknown, lowerCase: boolean): StringMap {
  const out: Record<string, string> = Object.create(null);
  for (const source of [multi, single]) {
    if (typeof source !== 'object' || source === null) continue;
    for (const [key, value] of Object.entries(source)) {
      const name = lowerCase ? key.toLowerCase() : key;
      if (out[name] !== undefined) continue;
      if (source === multi ? Array.isArray(value) : typeof value === 'string') out[name] = String(value);
    }
  }
  return out;
}

function parseCookies(header: string | undefined, list: unknown): StringMap {
  const out: Record<string, string> = Object.create(null);
  const pairs: string[] = Array.isArray(list)
    ? list.filter((c): c is string => typeof c === 'string')
    : header
      ? header.split(';')
      : [];
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) continue;
    const name = pair.slice(0, at).trim();
    if (name && out[name] === undefined) out[name] = safeDecode(pair.slice(at + 1).trim());
  }
  return out;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

class NormalisedRequest implements HttpRequest {
  declare readonly payloadVersion: '1.0' | '2.0';
  declare readonly method: string;
  declare readonly path: string;
  declare readonly headers: StringMap;
  declare readonly query: StringMap;
  declare pathParams: StringMap;
  declare readonly requestId: string | undefined;
  declare readonly event: RawEvent;
  #rawBody: string | undefined;
  #base64: boolean;
  #cachedCookies: StringMap | undefined;
  #queryAll: Readonly<Record<string, readonly string[]>> | undefined;
  #cachedText: string | undefined;
  #cachedBytes: Uint8Array | undefined;

  constructor(event: RawEvent, version: '1.0' | '2.0') {
    this.event = event;
    this.payloadVersion = version;
    const rc = event.requestContext;
    if (version === '2.0') {
      this.method = (str(rc?.http?.method) ?? 'GET').toUpperCase();
      let path = str(event.rawPath) ?? str(rc?.http?.path) ?? '/';
      const stage = str(rc?.stage);
      if (stage && stage !== '$default' && (path === `/${stage}` || path.startsWith(`/${stage}/`))) {
        path = path.slice(stage.length + 1) || '/';
      }
      this.path = path;
      this.headers = map(event.headers);
      this.query = map(event.queryStringParameters);
    } else {
      this.method = (str(event.httpMethod) ?? 'GET').toUpperCase();
      this.path = str(event.path) ?? '/';
      this.headers = joined(event.headers, event.multiValueHeaders, true);
      this.query = joined(event.queryStringParameters, event.multiValueQueryStringParameters, false);
    }
    this.pathParams = map(event.pathParameters);
    this.requestId = str(rc?.requestId);
    const body = str(event.body);
    this.#rawBody = body === '' ? undefined : body;
    this.#base64 = event.isBase64Encoded === true;
  }

  get cookies(): StringMap {
    this.#cachedCookies ??= parseCookies(this.headers.cookie, this.event.cookies);
    return this.#cachedCookies;
  }

  get queryAll(): Readonly<Record<string, readonly string[]>> {
    if (this.#queryAll) return this.#queryAll;
    let all: Record<string, string[]> = Object.create(null);
    const raw = this.event.rawQueryString;
    if (this.payloadVersion === '1.0') all = { ...(map(this.event.multiValueQueryStringParameters) as object) };
    else if (typeof raw === 'string') {
      for (const [k, v] of new URLSearchParams(raw)) {
        all[k] = [...(all[k] ?? []), v];
      }
    }
    this.#queryAll = all;
    return all;
  }

  get bodyBytes(): Uint8Array | undefined {
    if (this.#rawBody === undefined) return undefined;
    this.#cachedBytes ??= Buffer.from(this.#rawBody, this.#base64 ? 'base64' : 'utf8');
    return this.#cachedBytes;
  }

  get body(): string | undefined {
    if (this.#rawBody === undefined) return undefined;
    if (!this.#base64) return this.#rawBody;
    this.#cachedText ??= Buffer.from(this.#rawBody, 'base64').toString('utf8');
    return this.#cachedText;
  }

  json(): unknown {
    const text = this.body;
    if (text === undefined)
      throw new InvalidRequestError([{ path: 'body', message: 'Expected a JSON body, got none' }]);
    return parseJsonOrThrow(text, 'body');
  }
}

/** Normalises an HTTP event; throws `InvalidRequestError` when `event` is not one. */
export function normaliseHttpEvent(event: unknown): NormalisedRequest {
  if (typeof event === 'object' && event !== null) {
    const e = event as RawEvent;
    if (e.version === '2.0' && typeof e.requestContext?.http === 'object') return new NormalisedRequest(e, '2.0');
    if (typeof e.httpMethod === 'string') return new NormalisedRequest(e, '1.0');
  }
  throw new InvalidRequestError([{ path: '', message: 'Expected an HTTP event (payload 2.0 or 1.0)' }]);
}

export type { NormalisedRequest };
