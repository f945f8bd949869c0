/**
 * Turns what `LambdaClient.send(InvokeCommand)` throws into the client's typed errors.
 */
import {
  AccessDeniedError,
  type ErrorOrigin,
  FunctionNotFoundError,
  LambdaServiceError,
  PayloadTooLargeError,
  ThrottledError,
} from './errors.js';
import { PAYLOAD_LIMITS } from './payload.js';

/** Socket error codes that mean the connection was never made: the request cannot have reached Lambda. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
]);

interface SdkErrorShape {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  retryAfterSeconds?: unknown;
  Reason?: unknown;
  $metadata?: { httpStatusCode?: number };
}

/** Maps an error thrown by the SDK (not an abort: the caller checks its signal first). */
export function fromSdkError(error: unknown, origin: ErrorOrigin, asyncInvoke: boolean): Error {
  const e = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorShape;
  const name = typeof e.name === 'string' ? e.name : 'Error';
  const message = typeof e.message === 'string' ? e.message : String(error);
  const status = e.$metadata?.httpStatusCode;
  switch (name) {
    case 'TooManyRequestsException': {
      const seconds = Number(e.retryAfterSeconds);
      return new ThrottledError(
        origin,
        {
          ...(Number.isFinite(seconds) && e.retryAfterSeconds !== undefined ? { retryAfter: seconds } : {}),
          ...(typeof e.Reason === 'string' ? { reason: e.Reason } : {}),
        },
        { cause: error },
      );
    }
    case 'ResourceNotFoundException':
      return new FunctionNotFoundError(origin, { cause: error });
    case 'AccessDeniedException':
      return new AccessDeniedError(origin, { message, statusCode: status }, { cause: error });
    case 'RequestTooLargeException':
    case 'RequestEntityTooLargeException':
      return new PayloadTooLargeError(
        origin,
        { limit: asyncInvoke ? PAYLOAD_LIMITS.event : PAYLOAD_LIMITS.sync },
        { cause: error },
      );
  }
  if (status !== undefined) {
    return new LambdaServiceError(
      origin,
      { awsErrorName: name, statusCode: status, sent: true, message },
      { cause: error },
    );
  }
  const code = typeof e.code === 'string' ? e.code : undefined;
  const notSent =
    (code !== undefined && NOT_SENT_CODES.has(code)) ||
    (name === 'TimeoutError' && message.includes('establish a connection'));
  return new LambdaServiceError(origin, { awsErrorName: code ?? name, sent: !notSent, message }, { cause: error });
}
