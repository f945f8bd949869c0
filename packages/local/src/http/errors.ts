/**
 * AWS-shaped JSON errors, as the Lambda REST API (and the JSON protocols) answer them: the error's type in the
 * `x-amzn-ErrorType` header and a JSON body `{"Type":"User","message":"..."}`. The SDK v3 builds its exception
 * class from `x-amzn-ErrorType` and its message from `message` or `Message`.
 */
import type { ServerResponse } from 'node:http';
import { ClientGoneError } from './body.js';

/** Options of {@link sendJsonError}. */
export interface JsonErrorOptions {
  /** Key of the message in the body. AWS uses `Message` for some errors (ResourceNotFoundException). */
  readonly messageKey?: 'message' | 'Message';
  /** `Type` in the body: `User` (the caller's fault, default) or `Service`. */
  readonly type?: 'User' | 'Service';
  /** More fields of the body (`Reason`, `retryAfterSeconds`, ...). */
  readonly fields?: Readonly<Record<string, string | number>>;
  /** More headers (`Retry-After`, ...). */
  readonly headers?: Readonly<Record<string, string>>;
  /** `x-amzn-RequestId`; omitted when not given. */
  readonly requestId?: string;
}

/**
 * Answers an AWS-shaped JSON error. Does nothing if a response was already started (the socket may be gone).
 *
 * @example
 * sendJsonError(res, 404, 'ResourceNotFoundException', `Function not found: ${arn}`, { messageKey: 'Message' });
 */
export function sendJsonError(
  res: ServerResponse,
  status: number,
  errorType: string,
  message: string,
  options: JsonErrorOptions = {},
): void {
  if (res.headersSent || res.writableEnded) return;
  const body: Record<string, string | number> = { Type: options.type ?? 'User' };
  body[options.messageKey ?? 'message'] = message;
  if (options.fields) Object.assign(body, options.fields);
  const text = JSON.stringify(body);
  const headers: Record<string, string | number> = {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-amzn-errortype': errorType,
  };
  if (options.requestId) headers['x-amzn-requestid'] = options.requestId;
  if (options.headers) Object.assign(headers, options.headers);
  res.writeHead(status, headers);
  res.end(text);
}

/** An error that knows how the front door should answer it. Thrown by request handlers, caught once. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    readonly errorType: string,
    message: string,
    readonly options: JsonErrorOptions = {},
  ) {
    super(message);
  }

  /** Writes this error to `res`. */
  send(res: ServerResponse): void {
    sendJsonError(res, this.status, this.errorType, this.message, this.options);
  }
}

/**
 * Answers any error AWS-shaped: an {@link HttpError} as itself; a client that went away is not answered (there is
 * no one to answer) and is a `debug` line; anything else is logged and answered 500 `ServiceException`.
 *
 * @example
 * try { await handle(req, res); } catch (error) { answerError(log, res, error, debug); }
 */
export function answerError(
  log: (line: string) => void,
  res: ServerResponse,
  error: unknown,
  debug?: (line: string) => void,
): void {
  if (error instanceof HttpError) {
    error.send(res);
    return;
  }
  if (error instanceof ClientGoneError) {
    debug?.(error.message);
    return;
  }
  log(`local runtime: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  sendJsonError(res, 500, 'ServiceException', 'The local runtime hit an unexpected error; see its log.', {
    type: 'Service',
  });
}
