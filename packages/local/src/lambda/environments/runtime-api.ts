/**
 * The Lambda Runtime API of one execution environment: a node:http server on 127.0.0.1:0 that the code in the
 * environment long-polls for events and posts results to. Hot path: one pending `/next` at most, no routing table.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** The largest response a function may return (bytes); larger → `Function.ResponseSizeTooLarge`. */
export const MAX_RESPONSE_BYTES = 6_291_556;

const PREFIX = '/2018-06-01/runtime/';
const NEXT = `${PREFIX}invocation/next`;
const INVOCATION = `${PREFIX}invocation/`;
const INIT_ERROR = `${PREFIX}init/error`;
const ACCEPTED = '{"status":"OK"}';
const JSON_TYPE = 'application/json';

/** One event handed to the runtime through `/next`. */
export interface RuntimeEvent {
  readonly requestId: string;
  readonly deadlineMs: number;
  readonly invokedFunctionArn: string;
  readonly traceId: string;
  /** The client context as JSON text (decoded from base64), if any. */
  readonly clientContext: string | undefined;
  readonly cognitoIdentity: string | undefined;
  readonly payload: Buffer;
}

/** What the runtime reported; called synchronously from the server. */
export interface RuntimeApiListener {
  /** The runtime asked for its first event: init is done. */
  onReady(): void;
  onResponse(requestId: string, body: Buffer): void;
  onError(requestId: string, body: Buffer, errorType: string | undefined): void;
  onResponseTooLarge(requestId: string): void;
  onInitError(body: Buffer, errorType: string | undefined): void;
  /** The event could not be written as an HTTP response (a header value HTTP cannot carry): the call cannot run. */
  onEventFailed(requestId: string, error: unknown): void;
}

/**
 * A started Runtime API server. `address` is what `AWS_LAMBDA_RUNTIME_API` holds (`127.0.0.1:PORT`).
 *
 * @example
 * const api = await RuntimeApi.start(listener);
 * api.deliver(event); // answers the pending /next, or the next one
 */
export class RuntimeApi {
  private pendingNext: http.ServerResponse | undefined;
  private queued: RuntimeEvent | undefined;
  private current: string | undefined;
  private ready = false;

  private constructor(
    private readonly server: http.Server,
    private readonly listener: RuntimeApiListener,
    readonly address: string,
  ) {}

  /** Starts a Runtime API server on 127.0.0.1 at a free port. */
  static start(listener: RuntimeApiListener): Promise<RuntimeApi> {
    return new Promise((resolve, reject) => {
      let api: RuntimeApi | undefined;
      const server = http.createServer((req, res) => api?.handle(req, res));
      server.keepAliveTimeout = 0;
      server.requestTimeout = 0;
      server.headersTimeout = 0;
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        const { port } = server.address() as AddressInfo;
        api = new RuntimeApi(server, listener, `127.0.0.1:${port}`);
        resolve(api);
      });
    });
  }

  /** Hands an event to the runtime: now if it waits on `/next`, else when it asks. */
  deliver(event: RuntimeEvent): void {
    this.current = event.requestId;
    const res = this.pendingNext;
    if (res) {
      this.pendingNext = undefined;
      this.send(res, event);
    } else {
      this.queued = event;
    }
  }

  /** Forgets the current invocation (after a fault): late posts for it are refused. */
  clear(): void {
    this.current = undefined;
    this.queued = undefined;
  }

  /** Closes the server and every connection. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      this.pendingNext = undefined;
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = req.url ?? '';
    if (url === NEXT && req.method === 'GET') {
      this.next(res);
      return;
    }
    if (req.method === 'POST' && url.startsWith(INVOCATION)) {
      const rest = url.slice(INVOCATION.length);
      const slash = rest.indexOf('/');
      const kind = slash === -1 ? '' : rest.slice(slash + 1);
      if (kind === 'response' || kind === 'error') {
        this.post(req, res, decodeURIComponent(rest.slice(0, slash)), kind);
        return;
      }
    }
    if (req.method === 'POST' && url === INIT_ERROR) {
      readBody(req, MAX_RESPONSE_BYTES, (body) => {
        const errorType = header(req, 'lambda-runtime-function-error-type');
        reply(res, 202, ACCEPTED);
        this.listener.onInitError(body ?? Buffer.alloc(0), errorType);
      });
      return;
    }
    req.resume();
    reply(res, 404, '{"errorMessage":"Unknown Runtime API path","errorType":"InvalidRequest"}');
  }

  private next(res: http.ServerResponse): void {
    if (!this.ready) {
      this.ready = true;
      this.listener.onReady();
    }
    const queued = this.queued;
    if (queued) {
      this.queued = undefined;
      this.send(res, queued);
    } else {
      this.pendingNext = res;
    }
  }

  private send(res: http.ServerResponse, event: RuntimeEvent): void {
    try {
      sendEvent(res, event);
    } catch (error) {
      res.destroy();
      this.clear();
      this.listener.onEventFailed(event.requestId, error);
    }
  }

  private post(req: http.IncomingMessage, res: http.ServerResponse, id: string, kind: 'response' | 'error'): void {
    if (id !== this.current) {
      req.resume();
      reply(res, 400, '{"errorMessage":"Invalid request ID","errorType":"InvalidRequestID"}');
      return;
    }
    readBody(req, MAX_RESPONSE_BYTES, (body) => {
      if (id !== this.current) {
        reply(res, 400, '{"errorMessage":"Invalid request ID","errorType":"InvalidRequestID"}');
        return;
      }
      this.current = undefined;
      if (body === undefined) {
        reply(
          res,
          413,
          `{"errorMessage":"Exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).","errorType":"RequestEntityTooLarge"}`,
        );
        this.listener.onResponseTooLarge(id);
        return;
      }
      reply(res, 202, ACCEPTED);
      if (kind === 'response') this.listener.onResponse(id, body);
      else this.listener.onError(id, body, header(req, 'lambda-runtime-function-error-type'));
    });
  }
}

function sendEvent(res: http.ServerResponse, event: RuntimeEvent): void {
  const headers: string[] = [
    'Content-Type',
    JSON_TYPE,
    'Content-Length',
    String(event.payload.length),
    'Lambda-Runtime-Aws-Request-Id',
    event.requestId,
    'Lambda-Runtime-Deadline-Ms',
    String(event.deadlineMs),
    'Lambda-Runtime-Invoked-Function-Arn',
    event.invokedFunctionArn,
    'Lambda-Runtime-Trace-Id',
    event.traceId,
  ];
  if (event.clientContext !== undefined) headers.push('Lambda-Runtime-Client-Context', event.clientContext);
  if (event.cognitoIdentity !== undefined) headers.push('Lambda-Runtime-Cognito-Identity', event.cognitoIdentity);
  res.writeHead(200, headers);
  res.end(event.payload);
}

function reply(res: http.ServerResponse, status: number, body: string): void {
  res.writeHead(status, ['Content-Type', JSON_TYPE, 'Content-Length', String(Buffer.byteLength(body))]);
  res.end(body);
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/** Reads a body; `undefined` when it exceeded `limit` (the rest is drained and dropped). */
function readBody(req: http.IncomingMessage, limit: number, done: (body: Buffer | undefined) => void): void {
  let first: Buffer | undefined;
  let chunks: Buffer[] | undefined;
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > limit) {
      first = undefined;
      chunks = undefined;
      return;
    }
    if (first === undefined && chunks === undefined) first = chunk;
    else if (chunks === undefined) chunks = [first as Buffer, chunk];
    else chunks.push(chunk);
  });
  req.on('end', () => {
    if (size > limit) done(undefined);
    else done(chunks ? Buffer.concat(chunks, size) : (first ?? Buffer.alloc(0)));
  });
}
