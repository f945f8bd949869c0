/**
 * The one check every request through the front door passes before its API sees it: read the body within the
 * API's limit (413 beyond it), then check the SigV4 signature (403 when a known key signed it wrongly), and say who
 * signed it. The Lambda REST API, Function URLs and the SSM/DynamoDB services all call {@link admit}.
 *
 * Every request must be signed (docs/design/iam.md): an unsigned one is answered as its API answers it
 * (`rules.unsigned`, by default Lambda's 403 `MissingAuthenticationTokenException`); a scope naming another service
 * than `rules.service` is 403 `InvalidSignatureException`; a key the runtime does not know is admitted unverified
 * (`verified: false`) on a loopback bind and refused (403 `UnrecognizedClientException`) when only verified keys are
 * accepted. Only a Function URL with auth type `NONE` (`signature: 'ignore'`) admits anyone, as {@link ANONYMOUS}.
 */
import type { IncomingMessage } from 'node:http';
import { BodyTooLargeError, readBody } from './body.js';
import { HttpError } from './errors.js';
import type { SigV4Verifier } from './sigv4.js';

/** Who sent a request, as far as its signature tells. */
export type Caller =
  /** No SigV4 `Authorization` header, or a signature not looked at (`signature: 'ignore'`). */
  | { readonly kind: 'anonymous' }
  /**
   * Signed with `accessKeyId` for `region` and `service` (the credential scope). `verified` is true when the key is
   * one the runtime knows and the signature matched; false for a key it does not know (not checked).
   */
  | {
      readonly kind: 'signed';
      readonly accessKeyId: string;
      readonly verified: boolean;
      readonly region: string;
      readonly service: string;
    };

/** The caller of an unsigned request. */
export const ANONYMOUS: Caller = Object.freeze({ kind: 'anonymous' });

/** How one API admits requests. */
export interface AdmissionRules {
  /** Largest body accepted, in bytes. */
  readonly limit: number;
  /** The 413 answer for a body over `limit` (each API words it its own way). */
  readonly tooLarge: (limit: number) => HttpError;
  /**
   * `verify` (default): check the signature, 403 `InvalidSignatureException` when wrong. `ignore`: do not look at it
   * and admit the request as {@link ANONYMOUS} (a Function URL with auth type `NONE`).
   */
  readonly signature?: 'verify' | 'ignore';
  /** The service the credential scope must name (`lambda`, `ssm`, `dynamodb`); any when absent. */
  readonly service?: string;
  /** The answer to an unsigned request (default {@link missingLambdaToken}). */
  readonly unsigned?: () => HttpError;
}

/** Lambda's answer to an unsigned request: 403 `MissingAuthenticationTokenException`. */
export function missingLambdaToken(): HttpError {
  return new HttpError(403, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
}

/** The JSON protocols' (SSM, DynamoDB) answer to an unsigned request: 400 `MissingAuthenticationTokenException`. */
export function missingJsonToken(): HttpError {
  return new HttpError(400, 'MissingAuthenticationTokenException', 'Request is missing Authentication Token', {
    fields: { __type: 'com.amazon.coral.service#MissingAuthenticationTokenException' },
  });
}

/** The answer to a key the runtime does not know when only verified keys are accepted. */
export function unrecognizedClient(): HttpError {
  return new HttpError(403, 'UnrecognizedClientException', 'The security token included in the request is invalid.');
}

/** Largest body of an SSM or DynamoDB request (DynamoDB's own limit is 16 MB). */
export const MAX_SERVICE_BODY = 16 * 1024 * 1024;

/** How the JSON-protocol services (SSM, DynamoDB) admit requests: bodies up to 16 MiB, signed, signatures verified. */
export const JSON_SERVICE_ADMISSION: AdmissionRules = Object.freeze({
  limit: MAX_SERVICE_BODY,
  tooLarge: (limit: number) =>
    new HttpError(413, 'RequestEntityTooLarge', `Request must be smaller than ${limit} bytes`),
  unsigned: missingJsonToken,
});

/** {@link JSON_SERVICE_ADMISSION} for SSM: the credential scope must name `ssm`. */
export const SSM_ADMISSION: AdmissionRules = Object.freeze({ ...JSON_SERVICE_ADMISSION, service: 'ssm' });

/** {@link JSON_SERVICE_ADMISSION} for DynamoDB: the credential scope must name `dynamodb`. */
export const DYNAMODB_ADMISSION: AdmissionRules = Object.freeze({ ...JSON_SERVICE_ADMISSION, service: 'dynamodb' });

/** An admitted request: its whole body and who sent it. */
export interface Admitted {
  readonly body: Buffer;
  readonly caller: Caller;
}

/**
 * Reads the body of `req` within `rules.limit` and checks its signature. Rejects with an {@link HttpError}: 413
 * (`rules.tooLarge`) for a body over the limit, `rules.unsigned` for an unsigned request, 403
 * `InvalidSignatureException` for a malformed, expired, wrongly scoped or wrong signature, 403
 * `UnrecognizedClientException` for an unknown key when only verified keys are accepted; with a `ClientGoneError` if
 * the client goes away before the whole body arrived.
 *
 * @example
 * const { body, caller } = await admit(req, verifier, { limit: 6_291_456, tooLarge: invokeTooLarge });
 * if (caller.kind === 'signed' && caller.verified) console.log(`signed by ${caller.accessKeyId}`);
 */
export async function admit(req: IncomingMessage, verifier: SigV4Verifier, rules: AdmissionRules): Promise<Admitted> {
  let body: Buffer;
  try {
    body = await readBody(req, rules.limit);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw rules.tooLarge(rules.limit);
    throw error;
  }
  if (rules.signature === 'ignore') return { body, caller: ANONYMOUS };
  const outcome = verifier.verify({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body });
  switch (outcome.kind) {
    case 'unsigned':
      throw (rules.unsigned ?? missingLambdaToken)();
    case 'invalid':
      throw new HttpError(403, 'InvalidSignatureException', outcome.message);
    case 'unrecognized':
      throw unrecognizedClient();
    default: {
      const { accessKeyId, region, service } = outcome.authorization;
      if (rules.service !== undefined && service !== rules.service) {
        throw new HttpError(
          403,
          'InvalidSignatureException',
          `Credential should be scoped to correct service: '${rules.service}'. `,
        );
      }
      return { body, caller: { kind: 'signed', accessKeyId, verified: outcome.kind === 'verified', region, service } };
    }
  }
}
