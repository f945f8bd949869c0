/**
 * Reading a request body into one Buffer, with a byte limit checked before anything is buffered past it.
 */
import type { IncomingMessage } from 'node:http';

const EMPTY = Buffer.alloc(0);

/** The body is larger than the limit. `received` is what was read before giving up (at least `limit + 1`). */
export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
  constructor(
    readonly limit: number,
    readonly received: number,
  ) {
    super(`Request body larger than ${limit} bytes`);
  }
}

/**
 * The client went away (closed or reset the connection, or a time-out closed it) before its whole request arrived.
 * Nothing can be answered; the front door notes it as a debug line.
 */
export class ClientGoneError extends Error {
  override readonly name = 'ClientGoneError';
  constructor(
    readonly method: string,
    readonly url: string,
    readonly received: number,
    cause: unknown,
  ) {
    super(`client went away: ${method} ${url} (${received} bytes of the body received)`, { cause });
  }
}

/**
 * Reads the whole body of `req`. Rejects with {@link BodyTooLargeError} as soon as more than `limit` bytes are
 * announced (`content-length`) or received; the rest of the body is then discarded by node:http so the
 * connection stays usable. Rejects with {@link ClientGoneError} when the client goes away first.
 *
 * @example
 * const body = await readBody(req, 6 * 1024 * 1024);
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = req.headers['content-length'];
  if (declared !== undefined) {
    const length = Number(declared);
    if (length > limit) {
      req.resume();
      return Promise.reject(new BodyTooLargeError(limit, length));
    }
    if (length === 0) {
      req.resume();
      return Promise.resolve(EMPTY);
    }
  }
  return new Promise((resolve, reject) => {
    let first: Buffer | undefined;
    let chunks: Buffer[] | undefined;
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        req.resume();
        reject(new BodyTooLargeError(limit, size));
        return;
      }
      if (first === undefined) first = chunk;
      else if (chunks === undefined) chunks = [first, chunk];
      else chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      if (chunks !== undefined) resolve(Buffer.concat(chunks, size));
      else resolve(first ?? EMPTY);
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(new ClientGoneError(req.method ?? 'GET', req.url ?? '/', size, error));
    };
    const cleanup = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}
