/**
 * Requests to dynalite without a socket: a readable request carrying the body and a response that collects
 * what dynalite writes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';

/** A request-like stream with the given headers and body, for a request handler that reads `req` itself. */
export function fakeRequest(
  headers: IncomingMessage['headers'],
  body: Buffer,
  method = 'POST',
  url = '/',
): IncomingMessage {
  const stream = Readable.from(body.length === 0 ? [] : [body]) as Readable & {
    headers: IncomingMessage['headers'];
    method: string;
    url: string;
  };
  stream.headers = headers;
  stream.method = method;
  stream.url = url;
  return stream as unknown as IncomingMessage;
}

/** What a collected response holds. */
export interface Collected {
  readonly status: number;
  readonly body: string;
}

/** A response-like object that resolves `done` with the status and body once `end()` is called. */
export function collectingResponse(): { res: ServerResponse; done: Promise<Collected> } {
  let resolve!: (value: Collected) => void;
  const done = new Promise<Collected>((r) => {
    resolve = r;
  });
  const headers = new Map<string, unknown>();
  const res = {
    statusCode: 200,
    headersSent: false,
    setHeader(name: string, value: unknown) {
      headers.set(name.toLowerCase(), value);
      return res;
    },
    getHeader: (name: string) => headers.get(name.toLowerCase()),
    writeHead(status: number) {
      res.statusCode = status;
      return res;
    },
    end(chunk?: string | Buffer) {
      res.headersSent = true;
      resolve({ status: res.statusCode, body: chunk === undefined ? '' : chunk.toString() });
      return res;
    },
  };
  return { res: res as unknown as ServerResponse, done };
}
