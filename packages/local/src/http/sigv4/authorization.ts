/**
 * Reading the SigV4 `Authorization` header: the access key, the credential scope (date, region, service), the
 * signed header names and the signature.
 */

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
