/**
 * Checking AWS Signature Version 4 on the server side: the signature is recomputed from the known secret and
 * compared in constant time. Only the `Authorization` header form is supported (not presigned query strings).
 * The check is synchronous: it is CPU work only (a few µs), so callers pay no promise for it.
 *
 * Rules (docs/reference/sigv4.md): the canonical path is the raw, already-encoded request path,
 * escaped once more (`uriEscapePath: true`); only the headers named in `SignedHeaders` are signed;
 * `applyChecksum: false`; `x-amz-date` must match the scope's date and lie within the skew window; when
 * `x-amz-content-sha256` is sent it must equal the body's hash.
 *
 * The parts live in `./sigv4/`: the `Authorization` header (authorization.ts), the canonical request
 * (canonical-request.ts), the signature (signature.ts), the signing-key cache (signing-key.ts), dates (amz-date.ts).
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { AMZ_DATE, formatAmzDate, signingDateOf } from './sigv4/amz-date.js';
import { parseAuthorization, type SigV4Authorization } from './sigv4/authorization.js';
import { sha256Hex, signatureOf } from './sigv4/signature.js';

/** The outcome of {@link SigV4Verifier.verify}. */
export type SigV4Outcome =
  /** Signed with a known key and the signature matches. */
  | { readonly kind: 'verified'; readonly authorization: SigV4Authorization }
  /**
   * Signed with a key the runtime does not know, well formed and current (date, scope): accepted without checking the
   * signature on a loopback bind (documented).
   */
  | { readonly kind: 'unknown-key'; readonly authorization: SigV4Authorization }
  /**
   * Signed with a key the runtime does not know while only verified keys are accepted (a non-loopback bind), or with
   * a temporary key whose session token (`x-amz-security-token`) is missing or not its own.
   */
  | { readonly kind: 'unrecognized'; readonly authorization: SigV4Authorization }
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
const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Options of {@link createSigV4Verifier}. */
export interface SigV4VerifierOptions {
  /**
   * Known access key id → secret (a record, or a lookup for keys that come and go: the functions' role keys).
   * Requests signed with these keys are verified.
   */
  readonly credentials: Readonly<Record<string, string>> | ((accessKeyId: string) => string | undefined);
  /** The region a credential scope must name (default: any region). */
  readonly region?: string;
  /** Refuse keys the runtime does not know (`unrecognized`) instead of accepting them unchecked. Default false. */
  readonly verifiedOnly?: boolean;
  /** The session token a temporary key must send as `x-amz-security-token` (`undefined`: none needed). */
  readonly sessionTokenOf?: (accessKeyId: string) => string | undefined;
  /** Allowed clock skew in ms (default 15 min). */
  readonly maxSkewMs?: number;
}

/** Verifies SigV4-signed requests against known credentials. */
export interface SigV4Verifier {
  /** Checks the signature of `request` (synchronously) at time `now` (default: the clock). */
  verify(request: SignedRequest, now?: number): SigV4Outcome;
}

/**
 * Creates a verifier for the given credentials.
 *
 * @example
 * const verifier = createSigV4Verifier({ credentials: { test: 'test' } });
 * const outcome = verifier.verify({ method: req.method, url: req.url, headers: req.headers, body });
 * if (outcome.kind === 'invalid') sendJsonError(res, 403, 'InvalidSignatureException', outcome.message);
 */
export function createSigV4Verifier(options: SigV4VerifierOptions): SigV4Verifier {
  const maxSkewMs = options.maxSkewMs ?? 15 * 60 * 1000;
  const known = options.credentials;
  const secretOf: (accessKeyId: string) => string | undefined =
    typeof known === 'function'
      ? known
      : (
          (secrets) => (accessKeyId: string) =>
            secrets.get(accessKeyId)
        )(new Map(Object.entries(known)));

  return {
    verify(request, now = Date.now()) {
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
      const amzDate = request.headers['x-amz-date'];
      if (typeof amzDate !== 'string' || !AMZ_DATE.test(amzDate)) {
        return { kind: 'invalid', message: 'Missing or malformed X-Amz-Date header (expected YYYYMMDDTHHMMSSZ).' };
      }
      const wrong = checkDateAndScope(authorization, amzDate, now);
      if (wrong !== undefined) return { kind: 'invalid', message: wrong };
      const secret = secretOf(authorization.accessKeyId);
      if (secret === undefined) {
        return { kind: options.verifiedOnly === true ? 'unrecognized' : 'unknown-key', authorization };
      }
      const token = options.sessionTokenOf?.(authorization.accessKeyId);
      if (token !== undefined && request.headers['x-amz-security-token'] !== token) {
        return { kind: 'unrecognized', authorization };
      }
      return check(request, authorization, amzDate, secret);
    },
  };

  /** What is wrong with the date or the scope of a signature, whoever signed it; `undefined` when nothing. */
  function checkDateAndScope(authorization: SigV4Authorization, amzDate: string, now: number): string | undefined {
    if (!amzDate.startsWith(authorization.date)) {
      return `Credential should be scoped to a valid date: ${authorization.date} does not match the X-Amz-Date ${amzDate}.`;
    }
    const time = signingDateOf(amzDate).time;
    if (now - time > maxSkewMs) {
      return `Signature expired: ${amzDate} is now earlier than ${formatAmzDate(new Date(now - maxSkewMs))} (${formatAmzDate(new Date(now))} - ${Math.round(maxSkewMs / 60000)} min.)`;
    }
    if (time - now > maxSkewMs) {
      return `Signature not yet current: ${amzDate} is still later than ${formatAmzDate(new Date(now + maxSkewMs))} (${formatAmzDate(new Date(now))} + ${Math.round(maxSkewMs / 60000)} min.)`;
    }
    if (options.region !== undefined && authorization.region !== options.region) {
      return `Credential should be scoped to a valid region, not '${authorization.region}'. This runtime serves '${options.region}'.`;
    }
    return undefined;
  }

  function check(
    request: SignedRequest,
    authorization: SigV4Authorization,
    amzDate: string,
    secret: string,
  ): SigV4Outcome {
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
