/**
 * Payload format 2.0 events for Function URLs, built as AWS builds them: `rawPath` and `rawQueryString` byte for
 * byte, lower-case headers with repeated values comma-joined, `cookies` apart from the headers, decoded
 * `queryStringParameters` with repeated values comma-joined, base64 bodies for binary content types.
 */
import type { IncomingMessage } from 'node:http';

/** The IAM caller of an `AWS_IAM` Function URL, as `requestContext.authorizer.iam`. */
export interface IamAuthorizer {
  readonly accessKey: string;
  readonly accountId: string;
  readonly callerId: string;
  readonly cognitoIdentity: null;
  readonly principalOrgId: null;
  readonly userArn: string;
  readonly userId: string;
}

/** A Function URL request event (payload format 2.0). */
export interface FunctionUrlEvent {
  readonly version: '2.0';
  readonly routeKey: '$default';
  readonly rawPath: string;
  readonly rawQueryString: string;
  readonly cookies?: string[];
  readonly headers: Record<string, string>;
  readonly queryStringParameters?: Record<string, string>;
  readonly requestContext: {
    readonly accountId: string;
    readonly apiId: string;
    readonly authorizer?: { readonly iam: IamAuthorizer };
    readonly domainName: string;
    readonly domainPrefix: string;
    readonly http: {
      readonly method: string;
      readonly path: string;
      readonly protocol: string;
      readonly sourceIp: string;
      readonly userAgent: string;
    };
    readonly requestId: string;
    readonly routeKey: '$default';
    readonly stage: '$default';
    readonly time: string;
    readonly timeEpoch: number;
  };
  readonly body?: string;
  readonly isBase64Encoded: boolean;
}

/** What the event is built from, besides the request itself. */
export interface UrlEventInput {
  /** The path after `/lambda-url/<name>`, with a leading `/`, still percent-encoded. */
  readonly rawPath: string;
  /** The query after `?`, as sent. */
  readonly rawQuery: string;
  readonly body: Buffer;
  readonly requestId: string;
  /** `requestContext.apiId` (on AWS the URL id); locally the deployed name. */
  readonly apiId: string;
  /** `requestContext.accountId`: `anonymous` for `NONE`, the caller's account for `AWS_IAM`. */
  readonly accountId: string;
  readonly authorizer: IamAuthorizer | undefined;
  /** Epoch milliseconds of the request. */
  readonly now: number;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * `requestContext.time`: `12/Mar/2020:19:03:58 +0000`.
 *
 * @example
 * requestTime(Date.UTC(2020, 2, 12, 19, 3, 58)); // '12/Mar/2020:19:03:58 +0000'
 */
export function requestTime(epochMs: number): string {
  const d = new Date(epochMs);
  const two = (n: number): string => (n < 10 ? `0${n}` : String(n));
  return `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

/**
 * Whether a body of this content type travels as text (else base64): `text/*`, JSON, XML, JavaScript, YAML,
 * form data (urlencoded) and their `+json` / `+xml` kin. A body without a content type is treated as binary.
 */
export function isTextContentType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const type = contentType.toLowerCase();
  return (
    type.startsWith('text/') ||
    type.includes('json') ||
    type.includes('xml') ||
    type.includes('javascript') ||
    type.includes('yaml') ||
    type.startsWith('application/x-www-form-urlencoded') ||
    type.startsWith('application/graphql')
  );
}

/** Decodes one query component: `%XX` sequences; `+` is kept (AWS does not turn it into a space). */
function decodeComponent(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * Builds the event of one Function URL request.
 *
 * @example
 * const event = buildUrlEvent(req, { rawPath: '/items', rawQuery: 'a=1', body, requestId, apiId, accountId: 'anonymous', authorizer: undefined, now: Date.now() });
 */
export function buildUrlEvent(req: IncomingMessage, input: UrlEventInput): FunctionUrlEvent {
  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    const value = raw[i + 1]!;
    if (name === 'cookie') {
      for (const part of value.split(';')) {
        const cookie = part.trim();
        if (cookie === '') continue;
        if (cookies === undefined) cookies = [cookie];
        else cookies.push(cookie);
      }
      continue;
    }
    const existing = headers[name];
    headers[name] = existing === undefined ? value : `${existing},${value}`;
  }
  const sourceIp = stripIpv4Prefix(req.socket.remoteAddress ?? '127.0.0.1');
  headers['x-forwarded-for'] ??= sourceIp;
  headers['x-forwarded-proto'] ??= 'http';
  headers['x-forwarded-port'] ??= String(req.socket.localPort ?? '');
  headers['x-amzn-trace-id'] ??=
    `Root=1-${Math.floor(input.now / 1000).toString(16)}-${input.requestId.replace(/-/g, '').slice(0, 24)}`;

  let queryStringParameters: Record<string, string> | undefined;
  if (input.rawQuery !== '') {
    for (const part of input.rawQuery.split('&')) {
      if (part === '') continue;
      const eq = part.indexOf('=');
      const key = decodeComponent(eq < 0 ? part : part.slice(0, eq));
      const value = eq < 0 ? '' : decodeComponent(part.slice(eq + 1));
      queryStringParameters ??= {};
      const existing = queryStringParameters[key];
      queryStringParameters[key] = existing === undefined ? value : `${existing},${value}`;
    }
  }

  const host = headers.host ?? '127.0.0.1';
  const dot = host.indexOf('.');
  const event: Record<string, unknown> = {
    version: '2.0',
    routeKey: '$default',
    rawPath: input.rawPath,
    rawQueryString: input.rawQuery,
  };
  if (cookies !== undefined) event.cookies = cookies;
  event.headers = headers;
  if (queryStringParameters !== undefined) event.queryStringParameters = queryStringParameters;
  event.requestContext = {
    accountId: input.accountId,
    apiId: input.apiId,
    ...(input.authorizer !== undefined ? { authorizer: { iam: input.authorizer } } : {}),
    domainName: host,
    domainPrefix: dot < 0 ? host : host.slice(0, dot),
    http: {
      method: req.method ?? 'GET',
      path: input.rawPath,
      protocol: `HTTP/${req.httpVersion}`,
      sourceIp,
      userAgent: headers['user-agent'] ?? '',
    },
    requestId: input.requestId,
    routeKey: '$default',
    stage: '$default',
    time: requestTime(input.now),
    timeEpoch: input.now,
  };
  if (input.body.length > 0) {
    const text = isTextContentType(headers['content-type']);
    event.body = text ? input.body.toString('utf8') : input.body.toString('base64');
    event.isBase64Encoded = !text;
  } else {
    event.isBase64Encoded = false;
  }
  return event as unknown as FunctionUrlEvent;
}

function stripIpv4Prefix(address: string): string {
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}
