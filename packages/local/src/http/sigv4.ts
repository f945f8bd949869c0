/**
 * Checking AWS Signature Version 4 on the server side: the signature is recomputed from the known secret with
 * `@smithy/signature-v4` and compared in constant time. Only the `Authorization` header form is supported
 * (not presigned query strings).
 *
 * Rules (see the reference's "Checking SigV4"): the canonical path is the raw, already-encoded request path,
 * escaped once more (`uriEscapePath: true`); only the headers named in `SignedHeaders` are signed;
 * `applyChecksum: false`; `x-amz-date` must match the scope's date and lie within the skew window; when
 * `x-amz-content-sha256` is sent it must equal the body's hash.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';

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
  const signers = new Map<string, SignatureV4>();
  for (const [accessKeyId, secretAccessKey] of Object.entries(options.credentials)) {
    signers.set(
      accessKeyId,
      new SignatureV4({
        credentials: { accessKeyId, secretAccessKey },
        region: 'us-east-1',
        service: 'lambda',
        sha256: Hash.bind(null, 'sha256'),
        uriEscapePath: true,
        applyChecksum: false,
      }),
    );
  }

  return {
    async verify(request, now = Date.now()) {
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
      const signer = signers.get(authorization.accessKeyId);
      if (signer === undefined) return { kind: 'unknown-key', authorization };

      const amzDate = request.headers['x-amz-date'];
      if (typeof amzDate !== 'string' || !/^\d{8}T\d{6}Z$/.test(amzDate)) {
        return { kind: 'invalid', message: 'Missing or malformed X-Amz-Date header (expected YYYYMMDDTHHMMSSZ).' };
      }
      if (!amzDate.startsWith(authorization.date)) {
        return {
          kind: 'invalid',
          message: `Credential should be scoped to a valid date: ${authorization.date} does not match the X-Amz-Date ${amzDate}.`,
        };
      }
      const signingDate = parseAmzDate(amzDate);
      if (Math.abs(now - signingDate.getTime()) > maxSkewMs) {
        return {
          kind: 'invalid',
          message: `Signature expired: ${amzDate} is now earlier than ${formatAmzDate(new Date(now - maxSkewMs))} (${formatAmzDate(new Date(now))} - ${Math.round(maxSkewMs / 60000)} min.)`,
        };
      }

      const contentSha = request.headers['x-amz-content-sha256'];
      if (typeof contentSha === 'string' && /^[0-9a-f]{64}$/.test(contentSha)) {
        const actual = createHash('sha256').update(request.body).digest('hex');
        if (actual !== contentSha) {
          return {
            kind: 'invalid',
            message: "The provided 'x-amz-content-sha256' header does not match what was computed.",
          };
        }
      }

      const queryStart = request.url.indexOf('?');
      const path = queryStart < 0 ? request.url : request.url.slice(0, queryStart);
      const query = queryStart < 0 ? {} : parseQueryForSigning(request.url.slice(queryStart + 1));
      const headers: Record<string, string> = {};
      for (const name of authorization.signedHeaders) {
        const value = request.headers[name];
        if (value === undefined) {
          return { kind: 'invalid', message: `The header ${name} is named in SignedHeaders but was not sent.` };
        }
        headers[name] = Array.isArray(value) ? value.join(',') : value;
      }
      const signed = await signer.sign(
        { method: request.method, protocol: 'http:', hostname: 'localhost', path, query, headers, body: request.body },
        {
          signingDate,
          signingRegion: authorization.region,
          signingService: authorization.service,
          signableHeaders: new Set(authorization.signedHeaders),
        },
      );
      const expected = signatureOf(String(signed.headers.authorization ?? ''));
      const ok =
        expected.length === authorization.signature.length &&
        timingSafeEqual(Buffer.from(expected), Buffer.from(authorization.signature));
      return ok ? { kind: 'verified', authorization } : { kind: 'invalid', message: SIGNATURE_MISMATCH };
    },
  };
}

function signatureOf(authorization: string): string {
  const at = authorization.lastIndexOf('Signature=');
  return at < 0 ? '' : authorization.slice(at + 'Signature='.length);
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
