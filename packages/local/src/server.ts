/**
 * The front door of the local runtime: one node:http server on one port (127.0.0.1 by default) that routes
 * each request by path (`/2015-03-31/...`, `/2021-10-31/...` → the Lambda REST API; `/lambda-url/<name>/...`
 * → Function URLs), then by `x-amz-target` (`AmazonSSM.*` → SSM, `DynamoDB_20120810.*` → DynamoDB, `AWSEvents.*` →
 * EventBridge, `AmazonSQS.*` → SQS), then by
 * the service of the SigV4 credential scope. Anything else is a 404 JSON error; nothing a client sends can
 * crash it.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse, STATUS_CODES } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { admit } from './http/admission.js';
import { answerError, HttpError } from './http/errors.js';
import { type LocalPages, PAGES_PREFIX, servePage } from './http/pages.js';
import { createRequestOriginGate, isLoopback, type RequestOriginGate } from './http/request-origin.js';
import { serveService } from './http/serve-service.js';
import type { Service, Services } from './http/service.js';
import { scopeService } from './http/sigv4/authorization.js';
import { createSigV4Verifier, type SigV4Verifier } from './http/sigv4.js';
import { type Authorizer, createAuthorizer, type IamMode } from './iam/authorizer.js';
import { eventBridgeAccesses, sqsAccesses } from './iam/events-accesses.js';
import { createGuard, type Guard } from './iam/guard.js';
import { createIdentities, type Identities } from './iam/identities.js';
import { dynamodbAccesses, ssmAccesses } from './iam/service-accesses.js';
import type { LambdaApiContext } from './lambda/api/context.js';
import { FunctionRegistry } from './lambda/api/function-name.js';
import { createLambdaApi, unknownOperation } from './lambda/api/router.js';
import { type AsyncEvents, createAsyncEvents } from './lambda/async/index.js';
import { createFunctionUrls, LAMBDA_URL_PREFIX } from './lambda/function-urls/handler.js';
import type { Invoker, LocalFunction } from './lambda/types.js';
import type { InvocationSeen } from './observed/observed-calls.js';
import { SqsError } from './sqs/errors.js';
import type { EventSourceMappings } from './sqs/mappings/mappings.js';
import { encodeQueryError } from './sqs/query-protocol.js';

/** How long a client may take to send a request's headers (ms), by default: then 408 and the connection closes. */
export const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;
/**
 * How long a client may take to send a whole request (ms), by default: then 408 and the connection closes. A 6 MB
 * Invoke payload passes at 200 KB/s.
 */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** Credentials the runtime knows by default (and gives to functions): access key `test`, secret `test`. */
export const DEFAULT_CREDENTIALS: Readonly<Record<string, string>> = Object.freeze({ test: 'test' });

/** Options of {@link startFrontDoor}. */
export interface FrontDoorOptions {
  /** The functions the Lambda API and Function URLs serve. */
  readonly functions: readonly LocalFunction[];
  /** Runs invocations (the environment pool). */
  readonly invoker: Invoker;
  /** SSM and DynamoDB, when running. */
  readonly services?: Services;
  /** Default `127.0.0.1`. */
  readonly host?: string;
  /** Default 0 (any free port). */
  readonly port?: number;
  /**
   * Access key id → secret of the credentials whose signatures are verified (default `{ test: 'test' }`).
   * Requests signed with any other key are accepted unverified on a loopback `host`, refused on any other.
   */
  readonly credentials?: Readonly<Record<string, string>>;
  /**
   * The functions' role keys (and the developer's): verified, and a role key's session token required. Known in
   * addition to `credentials`.
   */
  readonly identities?: Identities;
  /**
   * IAM (docs/design/iam.md): `enforce` denies what a function's policy does not allow, `warn` logs it and lets it
   * through, `off` (the default of the front door alone; `startLocal` and `lambdaport dev` default to `enforce`)
   * checks nothing.
   */
  readonly iam?: IamMode;
  /**
   * The region of the functions' ARNs, and the one a request's credential scope must name. Default: the first
   * function's, else `us-east-1`. `accountId`: for ARNs of unknown functions in error messages (default
   * `000000000000`).
   */
  readonly region?: string;
  readonly accountId?: string;
  /** Runtime messages (failed async invocations, unexpected errors). Default: stderr. */
  readonly log?: (line: string) => void;
  /** Debug lines (clients that went away or timed out). Default: dropped. */
  readonly debug?: (line: string) => void;
  /** Time for a request's headers, in ms (default {@link DEFAULT_HEADERS_TIMEOUT_MS}); then 408. */
  readonly headersTimeoutMs?: number;
  /** Time for a whole request (headers and body), in ms (default {@link DEFAULT_REQUEST_TIMEOUT_MS}); then 408. */
  readonly requestTimeoutMs?: number;
  /** Pages served under `/_lambdaport/` (the docs of `lambdaport dev`); none by default. */
  readonly pages?: LocalPages | undefined;
  /** Told of each Invoke accepted (not DryRun), before it runs: the record of observed calls. */
  readonly onInvoke?: ((invocation: InvocationSeen) => void) | undefined;
  /** Delays before the retries of a failed `Event` invocation (default `[1000, 2000]` ms); without `events`. */
  readonly asyncRetryDelaysMs?: readonly number[];
  /** The queue of `Event` invocations (durable, from startLocal); default: one in memory, closed with the door. */
  readonly events?: AsyncEvents;
  /** The event source mappings the Lambda API serves (from startLocal); none: that API answers 404. */
  readonly eventSourceMappings?: EventSourceMappings | undefined;
}

/** A running front door. */
export interface FrontDoor {
  /** `http://127.0.0.1:PORT` (no trailing slash). */
  readonly url: string;
  readonly port: number;
  readonly host: string;
  /**
   * The environments' own listener (same handler, another loopback port): their `AWS_ENDPOINT_URL`, so the calls
   * of running functions are still served after {@link FrontDoor.closePublic} while their events finish.
   */
  readonly internalUrl: string;
  /** The Function URL of a function: `<url>/lambda-url/<deployed-name>/`. */
  functionUrl(fn: LocalFunction): string;
  /** Serves these functions from now on (the config was reloaded). */
  setFunctions(functions: readonly LocalFunction[]): void;
  /** Stops taking new connections on the public port (requests in progress finish). */
  closePublic(): void;
  /** Stops both listeners and closes every connection (and the in-memory queue it created, if any). */
  close(graceMs?: number): Promise<void>;
}

/**
 * Starts the front door.
 *
 * @example
 * const door = await startFrontDoor({ functions, invoker, services: { ssm, dynamodb } });
 * const lambda = new LambdaClient({ endpoint: door.url, region: 'us-east-1' });
 * await door.close();
 */
export async function startFrontDoor(options: FrontDoorOptions): Promise<FrontDoor> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const debug = options.debug ?? (() => {});
  const first = options.functions[0];
  const registry = new FunctionRegistry(
    options.functions,
    options.region ?? first?.region ?? 'us-east-1',
    options.accountId ?? first?.accountId ?? '000000000000',
  );
  const known = options.credentials ?? DEFAULT_CREDENTIALS;
  const identities = options.identities;
  const verifier = createSigV4Verifier({
    credentials: (accessKeyId) =>
      identities?.secretOf(accessKeyId) ?? (Object.hasOwn(known, accessKeyId) ? known[accessKeyId] : undefined),
    sessionTokenOf: (accessKeyId) => identities?.byAccessKey(accessKeyId)?.sessionToken,
    region: registry.region,
    verifiedOnly: !isLoopback(host),
  });
  let gate: RequestOriginGate | undefined;
  const mode = options.iam ?? 'off';
  const knownIdentities = identities ?? createIdentities({ accountId: registry.accountId });
  const authorizer: Authorizer | undefined =
    mode === 'off'
      ? undefined
      : createAuthorizer({
          mode,
          functions: options.functions,
          identities: knownIdentities,
          region: registry.region,
          accountId: registry.accountId,
        });
  const guard: Guard = createGuard({ authorizer, identities: knownIdentities, functions: options.functions, log });
  let baseUrl = '';
  const ctx: LambdaApiContext = {
    registry,
    invoker: options.invoker,
    startedAt: new Date(),
    functionUrl: (fn) => `${baseUrl}${LAMBDA_URL_PREFIX}${fn.deployedName}/`,
    log,
    debug,
    onInvoke: options.onInvoke,
    guard,
    eventSourceMappings: options.eventSourceMappings,
    events:
      options.events ??
      createAsyncEvents({
        functions: options.functions,
        invoker: options.invoker,
        dir: undefined,
        region: registry.region,
        accountId: registry.accountId,
        say: log,
        retryDelaysMs: options.asyncRetryDelaysMs,
      }),
  };
  const ownsEvents = options.events === undefined;
  if (ownsEvents) ctx.events.queue.start();
  const lambdaApi = createLambdaApi(ctx, verifier);
  const functionUrls = createFunctionUrls(ctx, verifier);
  const services = options.services ?? {};

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const query = q < 0 ? '' : url.slice(q + 1);
    const refused = gate?.check(req.headers, isPublicUrl(registry, path));
    if (refused !== undefined) {
      req.resume();
      answerError(log, res, refused);
      return;
    }
    if (path.startsWith('/20')) {
      if (
        path.startsWith('/2015-03-31/functions') ||
        path.startsWith('/2015-03-31/event-source-mappings') ||
        path.startsWith('/2021-10-31/functions') ||
        path.startsWith('/2019-09-25/functions')
      ) {
        void lambdaApi.handle(req, res, path, query);
        return;
      }
    } else if (path.startsWith(LAMBDA_URL_PREFIX)) {
      void functionUrls.handle(req, res, path, query);
      return;
    } else if (path === EVENTS_SUMMARY_PATH) {
      answerEventsSummary(ctx.events, req, res);
    } else if (path.startsWith(PAGES_PREFIX) && options.pages !== undefined) {
      void servePage(options.pages, path, req, res, log);
      return;
    }
    const target = req.headers['x-amz-target'];
    let name: keyof Services | undefined;
    if (typeof target === 'string') {
      if (target.startsWith('AmazonSSM.')) name = 'ssm';
      else if (target.startsWith('DynamoDB_20120810.')) name = 'dynamodb';
      else if (target.startsWith('AWSEvents.')) name = 'eventBridge';
      else if (target.startsWith('AmazonSQS.')) name = 'sqs';
    }
    if (name === undefined) {
      const scope = scopeService(req.headers.authorization);
      if (scope === 'ssm' || scope === 'dynamodb') name = scope;
      else if (scope === 'events') name = 'eventBridge';
      else if (scope === 'sqs') name = 'sqs';
    }
    if (name === undefined) {
      answerError(log, res, unknownOperation(req.method ?? 'GET', path));
      req.resume();
      return;
    }
    void serveService(name, services[name], verifier, guard, registry, log, debug, req, res);
  };

  const server = createServer(
    {
      keepAlive: true,
      headersTimeout: options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS,
      requestTimeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      // how often the time-outs above are checked (node's default, 30 s, would let them run that much over)
      connectionsCheckingInterval: 500,
    },
    onRequest,
  );
  server.keepAliveTimeout = 65_000;
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => answerClientError(error, socket, debug));
  await listen(server, options.port ?? 0, host);
  const port = (server.address() as AddressInfo).port;
  // the environments' listener: same handler, loopback, any free port (see FrontDoor.internalUrl)
  const internal = createServer({ keepAlive: true }, onRequest);
  internal.keepAliveTimeout = 65_000;
  internal.requestTimeout = 0;
  await listen(internal, 0, '127.0.0.1');
  const internalPort = (internal.address() as AddressInfo).port;
  const internalUrl = `http://127.0.0.1:${internalPort}`;
  gate = createRequestOriginGate(host, [port, internalPort]);
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  baseUrl = `http://${urlHost}:${port}`;

  let closing: Promise<void> | undefined;
  let publicClosed: Promise<void> | undefined;
  const closePublic = (): Promise<void> => {
    publicClosed ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    return publicClosed;
  };
  return {
    url: baseUrl,
    port,
    host,
    internalUrl,
    functionUrl: ctx.functionUrl,
    closePublic() {
      void closePublic();
    },
    setFunctions: (functions) => {
      guard.setFunctions(functions);
      registry.replace(functions);
    },
    close(graceMs = 2_000) {
      closing ??= (async () => {
        const closed = [closePublic(), new Promise<void>((resolve) => internal.close(() => resolve()))];
        internal.closeIdleConnections();
        if (ownsEvents) {
          await ctx.events.queue.drain(graceMs);
          await ctx.events.queue.close();
        }
        server.closeAllConnections();
        internal.closeAllConnections();
        await Promise.all(closed);
      })();
      return closing;
    },
  };
}

/**
 * A request node:http could not take: headers or body too slow (408), headers over 16 KB (431), or malformed (400).
 * Answered once, if nothing was written on the connection yet, and the connection is closed.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Socket, debug: (line: string) => void): void {
  if (error.code === 'ECONNRESET' || error.code === 'HPE_INVALID_EOF_STATE') {
    // The client closed the connection. During a request's body, the request itself reports it (ClientGoneError);
    // node marks that case by the response it has already attached to the socket.
    if ((socket as Socket & { _httpMessage?: unknown })._httpMessage === undefined) {
      debug(`client went away before its request's headers were complete (${error.code})`);
    }
    socket.destroy();
    return;
  }
  const status = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  debug(`client error: ${status} ${STATUS_CODES[status]} (${error.code ?? error.message})`);
  if (!socket.writable || socket.bytesWritten > 0) {
    socket.destroy();
    return;
  }
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
}

/** True for the path of a Function URL whose auth type is `NONE`: public, so any web page may call it. */
function isPublicUrl(registry: FunctionRegistry, path: string): boolean {
  if (!path.startsWith(LAMBDA_URL_PREFIX)) return false;
  const end = path.indexOf('/', LAMBDA_URL_PREFIX.length);
  const name = path.slice(LAMBDA_URL_PREFIX.length, end < 0 ? path.length : end);
  return registry.get(name)?.url?.authType === 'NONE';
}

/** `GET /_lambdaport/events`: the queue summary as JSON (what `lambdaport events` prints). */
export const EVENTS_SUMMARY_PATH = '/_lambdaport/events';

function answerEventsSummary(events: AsyncEvents, req: IncomingMessage, res: ServerResponse): void {
  req.resume();
  const body = JSON.stringify(events.queue.summary());
  res.writeHead(req.method === 'GET' ? 200 : 405, { 'content-type': 'application/json' });
  res.end(req.method === 'GET' ? body : '{"message":"GET only"}');
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}
