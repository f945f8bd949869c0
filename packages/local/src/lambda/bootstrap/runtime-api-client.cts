/**
 * The Node bootstrap's client of the Lambda Runtime API: a minimal HTTP/1.1 client on one keep-alive socket.
 * Requests are written at once and answered in order, so posting a result and asking for the next event go out in
 * one write (pipelined): one wake-up of the runtime per invocation, not two. The socket is unref'd while nothing is
 * outstanding, so that a handler's empty event loop can be seen (`beforeExit`). Builtins only.
 *
 * Framing: a reply's body is exactly `Content-Length` bytes. The client relies on the Runtime API server always
 * sending `Content-Length` (ours, `environments/runtime-api.ts`, does on every reply, as the Lambda service's does);
 * it does not read chunked bodies (a reply with `Transfer-Encoding` ends the process with a message saying so) and
 * takes a reply without either header as having no body.
 */
import net = require('node:net');

import type { ErrorPayload, Reply } from './types.cjs';

const BASE = '/2018-06-01/runtime';

/**
 * The Runtime API at `address` (`AWS_LAMBDA_RUNTIME_API`, `127.0.0.1:PORT`). It connects on the first request.
 *
 * @example
 * const client = new RuntimeApiClient(process.env.AWS_LAMBDA_RUNTIME_API ?? '127.0.0.1:9001');
 * const next = await client.next();
 * void client.postResponse(next.headers['lambda-runtime-aws-request-id'], '{"ok":true}');
 */
class RuntimeApiClient {
  private readonly host: string;
  private readonly port: number;
  private readonly hostHeader: string;
  /** Who waits for each reply, in the order the requests were written. */
  private readonly waiting: Array<(reply: Reply) => void> = [];
  private socket: net.Socket | undefined;
  private buffered: Buffer = Buffer.alloc(0);

  constructor(address: string) {
    const colon = address.lastIndexOf(':');
    this.host = address.slice(0, colon);
    this.port = Number(address.slice(colon + 1));
    this.hostHeader = `Host: ${address}\r\n`;
  }

  /** `GET /invocation/next`: the next event (the reply comes when there is one). */
  next(): Promise<Reply> {
    return this.request('GET', `${BASE}/invocation/next`);
  }

  /** `POST /invocation/<id>/response` with the result as JSON text. */
  postResponse(requestId: string, body: string): Promise<Reply> {
    return this.request('POST', `${BASE}/invocation/${requestId}/response`, body);
  }

  /** `POST /invocation/<id>/error`. */
  postError(requestId: string, payload: ErrorPayload): Promise<Reply> {
    return this.request('POST', `${BASE}/invocation/${requestId}/error`, JSON.stringify(payload), payload.errorType);
  }

  /** `POST /init/error`. */
  postInitError(payload: ErrorPayload): Promise<Reply> {
    return this.request('POST', `${BASE}/init/error`, JSON.stringify(payload), payload.errorType);
  }

  private request(method: string, urlPath: string, body?: string, errorType?: string): Promise<Reply> {
    return new Promise((resolve) => {
      const socket = this.connection();
      let text = `${method} ${urlPath} HTTP/1.1\r\n${this.hostHeader}`;
      if (errorType !== undefined) text += `Lambda-Runtime-Function-Error-Type: ${headerSafe(errorType)}\r\n`;
      if (body !== undefined) {
        text += `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
      } else {
        text += '\r\n';
      }
      this.waiting.push(resolve);
      socket.ref();
      socket.write(text);
    });
  }

  private connection(): net.Socket {
    if (this.socket) return this.socket;
    const socket = net.connect({ host: this.host, port: this.port, noDelay: true });
    socket.on('data', (chunk: Buffer) => {
      this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
      this.readReplies();
    });
    socket.on('error', lost);
    socket.on('close', () => lost(new Error('connection closed')));
    this.socket = socket;
    return socket;
  }

  /** Takes every complete reply off the buffer (head, then `Content-Length` bytes of body). */
  private readReplies(): void {
    for (;;) {
      const buffered = this.buffered;
      const end = buffered.indexOf('\r\n\r\n');
      if (end === -1) return;
      const lines = buffered.toString('latin1', 0, end).split('\r\n');
      const headers: Record<string, string> = {};
      for (let i = 1; i < lines.length; i++) {
        const line = lines[i] as string;
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      if (headers['transfer-encoding'] !== undefined) {
        lost(
          new Error(`a reply with Transfer-Encoding: ${headers['transfer-encoding']} (only Content-Length is read)`),
        );
      }
      const length = Number(headers['content-length'] ?? 0);
      if (buffered.length < end + 4 + length) return;
      const body = buffered.subarray(end + 4, end + 4 + length);
      this.buffered = buffered.subarray(end + 4 + length);
      const status = Number((lines[0] ?? '').slice(9, 12));
      const resolve = this.waiting.shift();
      if (this.waiting.length === 0) this.socket?.unref();
      resolve?.({ status, headers, body });
    }
  }
}

/** An error type as a header value (printable ASCII). */
function headerSafe(errorType: string): string {
  return errorType.replace(/[^\x20-\x7e]/g, '?');
}

/**
 * The Runtime API is gone (or spoke what this client cannot read): nothing left to serve, the process ends.
 *
 * @example
 * if (next.status !== 200) lost(new Error(`/next answered ${next.status}`));
 */
function lost(error: unknown): never {
  process.stderr.write(`lambdaport bootstrap: lost the Runtime API (${String(error)})\n`);
  process.exit(1);
}

export = { lost, RuntimeApiClient };
