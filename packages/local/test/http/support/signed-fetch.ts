/**
 * fetch() with a SigV4 `Authorization` header made by the SDK's own signer (`@smithy/signature-v4`), as a client
 * would send it.
 */
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';

/** Who signs, and for which service. */
export interface Signing {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** The credential scope's service: `lambda`, `ssm`, `dynamodb`. */
  readonly service: string;
  /** A temporary key's session token (sent and signed as `x-amz-security-token`). */
  readonly sessionToken?: string;
  /** The credential scope's region (default `us-east-1`). */
  readonly region?: string;
  /** The time the request says it was signed at (default now). */
  readonly signingDate?: Date;
}

/** Sends a request to `url` signed as `signing` says (headers and body signed). */
export async function signedFetch(
  url: string,
  init: { method: string; headers?: Record<string, string>; body?: Buffer | string },
  signing: Signing,
): Promise<Response> {
  const headers = await signedHeaders(url, init, signing);
  return fetch(url, { method: init.method, headers, ...(init.body === undefined ? {} : { body: init.body }) });
}

/** The headers of a request to `url` signed as `signing` says (without `host`: the client sets it). */
export async function signedHeaders(
  url: string,
  init: { method: string; headers?: Record<string, string>; body?: Buffer | string },
  signing: Signing,
): Promise<Record<string, string>> {
  const target = new URL(url);
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: signing.accessKeyId,
      secretAccessKey: signing.secretAccessKey,
      ...(signing.sessionToken === undefined ? {} : { sessionToken: signing.sessionToken }),
    },
    region: signing.region ?? 'us-east-1',
    service: signing.service,
    sha256: Hash.bind(null, 'sha256'),
  });
  const query: Record<string, string> = {};
  for (const [k, v] of target.searchParams) query[k] = v;
  const signed = await signer.sign(
    {
      method: init.method,
      protocol: 'http:',
      hostname: target.hostname,
      port: Number(target.port),
      path: target.pathname,
      query,
      headers: { host: target.host, ...init.headers },
      body: init.body,
    },
    signing.signingDate === undefined ? {} : { signingDate: signing.signingDate },
  );
  const { host: _host, ...headers } = signed.headers;
  return headers;
}
