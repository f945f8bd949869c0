/**
 * Checking AWS Signature Version 4 on the server side: the signature is recomputed from the known secret and
 * compared in constant time. Only the `Authorization` header form is supported (not presigned query strings).
 *
 * Rules (docs/reference/sigv4.md): the canonical path is the raw, already-encoded request path,
 * escaped once more (`uriEscapePath: true`); only the headers named in `SignedHeaders` are signed;
 * `applyChecksum: false`; `x-amz-date` must match the scope's date and lie within the skew window; when
 * `x-amz-content-sha256` is sent it must equal the body's hash.
 *
 * The signature is computed here (`signatureOf`), exactly as `@smithy/signature-v4` computes it for the same
 * request (`SignatureV4.sign` with the options above), the reference implementation: sigv4.test.ts checks the two
 * against each other on many random requests, SDK, CLI and boto3 shapes included. Computing it directly costs a
 * few µs instead of ~100 µs (the SDK's signer clones the request, derives the signing key through an extra HMAC
 * and a promise per hash on every call); the signing key is derived once per (secret, date, region, service).
 */
import * as crypto from 'node:crypto';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** What the `Authorization` header says. */
export interface SigV4Authorization {
  readonly accessKeyId: string;
  /** `YYYYMMDD`. */
  readonly date: string;
  readonly region: string;
  readonly service: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

const AUTH_PATTERN =
  /^AWS4-HMAC-SHA256\s+Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request\s*,\s*SignedHeaders=([^,\s]+)\s*,\s*Signature=([0-9a-f]{64})\s*$/;

/**
 * Parses an `Authorization` header of the `AWS4-HMAC-SHA256` kind; `undefined` when absent or of another kind.
 *
 * @example
 * parseAuthorization(req.headers.authorization)?.service; // 'lambda'
 */
export function parseAuthorization(header: string | undefined): SigV4Authorization | undefined {
  if (header === undefined || !header.startsWith('AWS4-HMAC-SHA256')) return undefined;
  const match = AUTH_PATTERN.exec(header);
  if (match === null) return undefined;
  return {
    accessKeyId: match[1]!,
    date: match[2]!,
    region: match[3]!,
    service: match[4]!,
    signedHeaders: match[5]!.split(';'),
    signature: match[6]!,
  };
}

/**
 * The service named in the credential scope, read cheaply without a full parse (for routing).
 *
 * @example
 * scopeService('AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/ssm/aws4_request, ...'); // 'ssm'
 */
export function scopeService(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const end = header.indexOf('/aws4_request');
  if (end < 0) return undefined;
  const start = header.lastIndexOf('/', end - 1);
  return start < 0 ? undefined : header.slice(start + 1, end);
}

/** The outcome of {@link SigV4Verifier.verify}. */
export type SigV4Outcome =
  /** Signed with a known key and the signature matches. */
  | { readonly kind: 'verified'; readonly authorization: SigV4Authorization }
  /** Signed with a key the runtime does not know: accepted without checking (documented). */
  | { readonly kind: 'unknown-key'; readonly authorization: SigV4Authorization }
  /** No SigV4 `Authorization` header. */
  | { readonly kind: 'unsigned' }
  /** Signed with a known key, but wrong: answer 403 `InvalidSignatureException` with `message`. */
  | { readonly kind: 'invalid'; readonly message: string };

/** The parts of a request a signature covers. */
export interface SignedRequest {
  readonly method: string;
  /** The request target as received: raw path plus `?query`. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

/** Options of {@link createSigV4Verifier}. */
export interface SigV4VerifierOptions {
  /** Known access key id → secret. Requests signed with these keys are verified. */
  readonly credentials: Readonly<Record<string, string>>;
  /** Allowed clock skew in ms (default 15 min). */
  readonly maxSkewMs?: number;
}

/** Verifies SigV4-signed requests against known credentials. */
export interface SigV4Verifier {
  verify(request: SignedRequest, now?: number): Promise<SigV4Outcome>;
}

/**
 * Creates a verifier for the given credentials.
 *
 * @example
 * const verifier = createSigV4Verifier({ credentials: { test: 'test' } });
 * const outcome = await verifier.verify({ method: req.method, url: req.url, headers: req.headers, body });
 * if (outcome.kind === 'invalid') sendJsonError(res, 403, 'InvalidSignatureException', outcome.message);
 */
export function createSigV4Verifier(options: SigV4VerifierOptions): SigV4Verifier {
  const maxSkewMs = options.maxSkewMs ?? 15 * 60 * 1000;
  const secrets = new Map<string, string>(Object.entries(options.credentials));

  return {
    async verify(request, now = Date.now()) {
      return verifySync(request, now);
    },
  };

  function verifySync(request: SignedRequest, now: number): SigV4Outcome {
    const header = request.headers.authorization;
    const authorization = parseAuthorization(header);
    if (authorization === undefined) {
      if (header?.startsWith('AWS4-HMAC-SHA256')) {
        return {
          kind: 'invalid',
          message: 'Authorization header is malformed: expected Credential, SignedHeaders and Signature.',
        };
      }
      return { kind: 'unsigned' };
    }
    const secret = secrets.get(authorization.accessKeyId);
    if (secret === undefined) return { kind: 'unknown-key', authorization };

    const amzDate = request.headers['x-amz-date'];
    if (typeof amzDate !== 'string' || !AMZ_DATE.test(amzDate)) {
      return { kind: 'invalid', message: 'Missing or malformed X-Amz-Date header (expected YYYYMMDDTHHMMSSZ).' };
    }
    if (!amzDate.startsWith(authorization.date)) {
      return {
        kind: 'invalid',
        message: `Credential should be scoped to a valid date: ${authorization.date} does not match the X-Amz-Date ${amzDate}.`,
      };
    }
    const signingTime = signingDateOf(amzDate).time;
    if (Math.abs(now - signingTime) > maxSkewMs) {
      return {
        kind: 'invalid',
        message: `Signature expired: ${amzDate} is now earlier than ${formatAmzDate(new Date(now - maxSkewMs))} (${formatAmzDate(new Date(now))} - ${Math.round(maxSkewMs / 60000)} min.)`,
      };
    }

    let bodyHash: string | undefined;
    const contentSha = request.headers['x-amz-content-sha256'];
    if (typeof contentSha === 'string' && SHA256_HEX.test(contentSha)) {
      bodyHash = sha256Hex(request.body);
      if (bodyHash !== contentSha) {
        return {
          kind: 'invalid',
          message: "The provided 'x-amz-content-sha256' header does not match what was computed.",
        };
      }
    }

    const headers: Record<string, string> = Object.create(null);
    for (const name of authorization.signedHeaders) {
      const value = request.headers[name];
      if (value === undefined) {
        return { kind: 'invalid', message: `The header ${name} is named in SignedHeaders but was not sent.` };
      }
      headers[name] = Array.isArray(value) ? value.join(',') : value;
    }
    let expected: string;
    try {
      expected = signatureOf({
        method: request.method,
        url: request.url,
        headers,
        body: request.body,
        bodyHash,
        secret,
        amzDate,
        region: authorization.region,
        service: authorization.service,
      });
    } catch {
      // a path or query that cannot be percent-encoded (the SDK's signer throws on it too)
      return { kind: 'invalid', message: SIGNATURE_MISMATCH };
    }
    const ok =
      expected.length === authorization.signature.length &&
      timingSafeEqual(Buffer.from(expected), Buffer.from(authorization.signature));
    return ok ? { kind: 'verified', authorization } : { kind: 'invalid', message: SIGNATURE_MISMATCH };
  }
}

const AMZ_DATE = /^\d{8}T\d{6}Z$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;

/** What a SigV4 signature covers, as the verifier has it. */
export interface SignatureInput {
  readonly method: string;
  /** The request target as received: raw path plus `?query`. */
  readonly url: string;
  /** The headers named in `SignedHeaders` (lower-case names; repeated values joined with `,`). */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  /** The body's sha256 in hex when already computed. */
  readonly bodyHash?: string | undefined;
  readonly secret: string;
  /** `x-amz-date`: `YYYYMMDDTHHMMSSZ`. */
  readonly amzDate: string;
  readonly region: string;
  readonly service: string;
}

/** Headers the SDK's signer never takes from the request (it drops them, then sets `x-amz-date` itself). */
const GENERATED_HEADERS = new Set(['authorization', 'x-amz-date', 'date']);

/**
 * The hex signature `@smithy/signature-v4` computes for this request (`uriEscapePath: true`,
 * `applyChecksum: false`, `signableHeaders` = the given headers, `signingDate` = `amzDate`).
 *
 * @example
 * signatureOf({ method: 'POST', url: '/2015-03-31/functions/f/invocations', headers: { host: 'h', 'x-amz-date': d },
 *   body, secret: 'test', amzDate: d, region: 'us-east-1', service: 'lambda' }); // '5f0c…' (64 hex digits)
 */
export function signatureOf(input: SignatureInput): string {
  const { url } = input;
  // the SDK signs with the date it parsed, printed again (the same text for any real date)
  const amzDate = signingDateOf(input.amzDate).text;
  const queryStart = url.indexOf('?');
  const path = queryStart < 0 ? url : url.slice(0, queryStart);
  const query = queryStart < 0 ? '' : canonicalQuery(url.slice(queryStart + 1));

  const names: string[] = ['x-amz-date'];
  for (const name of Object.keys(input.headers)) {
    if (!GENERATED_HEADERS.has(name)) names.push(name);
  }
  names.sort();
  let canonicalHeaders = '';
  let payloadHash: string | undefined;
  for (const name of names) {
    const raw = name === 'x-amz-date' ? amzDate : (input.headers[name] as string);
    if (name === 'x-amz-content-sha256') payloadHash = raw;
    canonicalHeaders += `${name}:${canonicalHeaderValue(raw)}\n`;
  }
  payloadHash ??= input.bodyHash ?? sha256Hex(input.body);

  const canonicalRequest = `${input.method}\n${canonicalPath(path)}\n${query}\n${canonicalHeaders}\n${names.join(';')}\n${payloadHash}`;
  const shortDate = amzDate.slice(0, 8);
  const scope = `${shortDate}/${input.region}/${input.service}/aws4_request`;
  const stringToSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${sha256Hex(canonicalRequest)}`;
  return createHmac('sha256', signingKey(input.secret, shortDate, input.region, input.service))
    .update(stringToSign)
    .digest('hex');
}

/** Derived signing keys, by secret, date, region and service (a handful in practice; bounded anyway). */
const signingKeys = new Map<string, Buffer>();

function signingKey(secret: string, shortDate: string, region: string, service: string): Buffer {
  const cacheKey = `${shortDate}\n${region}\n${service}\n${secret}`;
  let key = signingKeys.get(cacheKey);
  if (key === undefined) {
    key = hmac(`AWS4${secret}`, shortDate);
    key = hmac(key, region);
    key = hmac(key, service);
    key = hmac(key, 'aws4_request');
    if (signingKeys.size >= 50) signingKeys.delete(signingKeys.keys().next().value as string);
    signingKeys.set(cacheKey, key);
  }
  return key;
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

/** One-shot `crypto.hash` where Node has it (>= 20.12), which skips building a Hash object. */
const oneShotHash = (crypto as { hash?: (algorithm: string, data: string | Buffer, encoding: 'hex') => string }).hash;

function sha256Hex(data: string | Buffer): string {
  return oneShotHash ? oneShotHash('sha256', data, 'hex') : crypto.createHash('sha256').update(data).digest('hex');
}

/** The SDK's header value: line breaks as spaces, runs of spaces and tabs as one space, then trimmed of one space. */
function canonicalHeaderValue(value: string): string {
  if (!NEEDS_CLEANING.test(value)) return value;
  return value
    .replace(/[\r\n]/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/^ | $/g, '');
}

const NEEDS_CLEANING = /[\r\n\t]| {2}|^ | $/;

/** `escapeUri` of @smithy: encodeURIComponent, plus `!'()*`. */
function escapeUri(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The time of an `x-amz-date`, and the date the SDK signs with: the one it parsed, printed again (the same text for
 * any real date). Requests of the same second share it.
 */
let lastDate = { amzDate: '', time: 0, text: '' };

function signingDateOf(amzDate: string): { time: number; text: string } {
  if (lastDate.amzDate !== amzDate) {
    const time = parseAmzDate(amzDate).getTime();
    lastDate = { amzDate, time, text: formatAmzDate(new Date(time)) };
  }
  return lastDate;
}

/** Canonical paths of the paths seen (a runtime serves a few functions; bounded anyway). */
const canonicalPaths = new Map<string, string>();

function canonicalPath(path: string): string {
  let canonical = canonicalPaths.get(path);
  if (canonical === undefined) {
    canonical = computeCanonicalPath(path);
    if (canonicalPaths.size >= 1000) canonicalPaths.clear();
    canonicalPaths.set(path, canonical);
  }
  return canonical;
}

/** The SDK's canonical path with `uriEscapePath`: `.`/`..`/empty segments resolved, then escaped once more. */
function computeCanonicalPath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment.length === 0 || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const normalized = `${path.startsWith('/') ? '/' : ''}${segments.join('/')}${segments.length > 0 && path.endsWith('/') ? '/' : ''}`;
  return escapeUri(normalized).replace(/%2F/g, '/');
}

/** The SDK's canonical query of a raw query string: decoded, re-encoded, sorted by key then value. */
function canonicalQuery(raw: string): string {
  const query = parseQueryForSigning(raw);
  const keys: string[] = [];
  // a plain object, as in the SDK (a key `__proto__` serialises as the SDK's does)
  const serialized: Record<string, string> = {};
  for (const key of Object.keys(query)) {
    if (key.toLowerCase() === 'x-amz-signature') continue;
    const encodedKey = escapeUri(key);
    keys.push(encodedKey);
    const value = query[key] as string | string[];
    serialized[encodedKey] =
      typeof value === 'string'
        ? `${encodedKey}=${escapeUri(value)}`
        : value
            .map((v) => `${encodedKey}=${escapeUri(v)}`)
            .sort()
            .join('&');
  }
  return keys
    .sort()
    .map((key) => serialized[key])
    .filter((part) => part)
    .join('&');
}

function parseAmzDate(value: string): Date {
  return new Date(
    Date.UTC(
      Number(value.slice(0, 4)),
      Number(value.slice(4, 6)) - 1,
      Number(value.slice(6, 8)),
      Number(value.slice(9, 11)),
      Number(value.slice(11, 13)),
      Number(value.slice(13, 15)),
    ),
  );
}

function formatAmzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** Decodes a raw query into the (decoded) key → value(s) map the signer re-encodes canonically. */
function parseQueryForSigning(raw: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = Object.create(null);
  for (const part of raw.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = safeDecode(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? '' : safeDecode(part.slice(eq + 1));
    const existing = query[key];
    if (existing === undefined) query[key] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else query[key] = [existing, value];
  }
  return query;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
