/**
 * The program an environment runs for `nodejs` functions: a Runtime API client that behaves like the managed
 * Node.js runtime (aws-lambda-nodejs-runtime-interface-client). Node builtins only; started as
 * `node --enable-source-maps [--max-old-space-size=N] node.cjs [--code-cache=DIR]` with `_HANDLER` (`index.handler`)
 * and `LAMBDA_TASK_ROOT` (the bundle's folder) in the environment.
 *
 * `--code-cache=DIR`: the module is a bundle of ours; a CommonJS one is loaded with a V8 code cache beside it, and
 * the CommonJS files it loads from node_modules with caches in DIR (code-cache.cts; Node 20 only, Node >= 22.1 has
 * its own compile cache). `--spare`: a pre-booted spare, not yet bound to a function: it waits for one JSON line
 * on fd 3 (`{ env, cwd, codeCacheDir }`), takes that environment and directory as its own, then starts as above.
 */
// CommonJS (a .cts file): no ES module loader to start, no ES facades of the builtins to build, on every cold start
import fs = require('node:fs');
import nodeModule = require('node:module');
import net = require('node:net');
import path = require('node:path');
import url = require('node:url');
import util = require('node:util');
import codeCache = require('./code-cache.cjs');

const { existsSync } = fs;
const { pathToFileURL } = url;
const { format } = util;
const { cacheNodeModules, loadCommonJs, saveCaches } = codeCache;

type Handler = (event: unknown, context: Context, callback: Callback) => unknown;
type Callback = (error?: unknown, result?: unknown) => void;

interface Context {
  callbackWaitsForEmptyEventLoop: boolean;
  readonly functionName: string;
  readonly functionVersion: string;
  readonly invokedFunctionArn: string;
  readonly memoryLimitInMB: string;
  readonly awsRequestId: string;
  readonly logGroupName: string;
  readonly logStreamName: string;
  readonly clientContext: unknown;
  readonly identity: unknown;
  getRemainingTimeInMillis(): number;
  done(error?: unknown, result?: unknown): void;
  succeed(result?: unknown): void;
  fail(error?: unknown): void;
}

interface ErrorPayload {
  errorType: string;
  errorMessage: string;
  trace: string[];
}

const env = process.env;

// The managed runtime's bootstrap is an ES module, so function code sees no `require.main`; this one is CommonJS,
// which would make it the main module of every `require` made from now on.
(process as { mainModule?: unknown }).mainModule = undefined;
// the Runtime API's address: read in main(), once the environment is known (a spare learns it late)
let host = '127.0.0.1';
let port = 9001;
let hostHeader = 'Host: 127.0.0.1:9001\r\n';
const BASE = '/2018-06-01/runtime';

function useRuntimeApi(api: string): void {
  const colon = api.lastIndexOf(':');
  host = api.slice(0, colon);
  port = Number(api.slice(colon + 1));
  hostHeader = `Host: ${api}\r\n`;
}

let requestId: string | undefined;

// ---- console in Lambda's text format: `<ISO time>\t<request id>\t<LEVEL>\t<message>`, one line per call ----

function patchConsole(): void {
  const write = (level: string, args: unknown[]): void => {
    const message = format(...args).replace(/\n/g, '\r');
    process.stdout.write(`${new Date().toISOString()}\t${requestId}\t${level}\t${message}\n`);
  };
  console.log = (...args: unknown[]) => write('INFO', args);
  console.info = (...args: unknown[]) => write('INFO', args);
  console.warn = (...args: unknown[]) => write('WARN', args);
  console.error = (...args: unknown[]) => write('ERROR', args);
  console.debug = (...args: unknown[]) => write('DEBUG', args);
  console.trace = (...args: unknown[]) => write('TRACE', args);
}

// ---- errors as the managed runtime serialises them ----

function isErrorLike(value: unknown): value is Error {
  if (value instanceof Error) return true;
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.name === 'string' && typeof v.message === 'string' && typeof v.stack === 'string';
}

function toPayload(error: unknown): ErrorPayload {
  try {
    if (isErrorLike(error)) {
      return {
        errorType: String(error.name),
        errorMessage: String(error.message),
        trace: String(error.stack ?? '').split('\n'),
      };
    }
    return { errorType: typeof error, errorMessage: String(error), trace: [] };
  } catch {
    return {
      errorType: 'handled',
      errorMessage:
        'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack',
      trace: [],
    };
  }
}

/** A runtime error (`Runtime.ImportModuleError`...) wrapping the original one, as the managed runtime does. */
function runtimeError(errorType: string, errorMessage: string, cause?: unknown): ErrorPayload {
  const frames = isErrorLike(cause)
    ? String(cause.stack ?? '')
        .split('\n')
        .slice(1)
    : [];
  return { errorType, errorMessage, trace: [`${errorType}: ${errorMessage}`, ...frames] };
}

function errorTypeHeader(errorType: string): string {
  return errorType.replace(/[^\x20-\x7e]/g, '?');
}

// ---- the Runtime API client ----
// A minimal HTTP/1.1 client on one keep-alive socket. Requests are written at once and answered in order, so
// posting a result and asking for the next event go out together (pipelined): one wake-up of the runtime, not two.
// The socket is unref'd while nothing is outstanding, so a handler's empty event loop can be seen (beforeExit).

interface Reply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const waiting: Array<(reply: Reply) => void> = [];
let socket: net.Socket | undefined;
let buffered: Buffer = Buffer.alloc(0);

function connection(): net.Socket {
  if (socket) return socket;
  const s = net.connect({ host, port, noDelay: true });
  s.on('data', (chunk: Buffer) => {
    buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
    readReplies();
  });
  s.on('error', lost);
  s.on('close', () => lost(new Error('connection closed')));
  socket = s;
  return s;
}

function readReplies(): void {
  for (;;) {
    const end = buffered.indexOf('\r\n\r\n');
    if (end === -1) return;
    const head = buffered.toString('latin1', 0, end);
    const lines = head.split('\r\n');
    const headers: Record<string, string> = {};
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i] as string;
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const length = Number(headers['content-length'] ?? 0);
    if (buffered.length < end + 4 + length) return;
    const body = buffered.subarray(end + 4, end + 4 + length);
    buffered = buffered.subarray(end + 4 + length);
    const status = Number((lines[0] ?? '').slice(9, 12));
    const resolve = waiting.shift();
    if (waiting.length === 0) socket?.unref();
    resolve?.({ status, headers, body });
  }
}

function request(method: string, urlPath: string, body?: string, errorType?: string): Promise<Reply> {
  return new Promise((resolve) => {
    const s = connection();
    let text = `${method} ${urlPath} HTTP/1.1\r\n${hostHeader}`;
    if (errorType !== undefined) text += `Lambda-Runtime-Function-Error-Type: ${errorTypeHeader(errorType)}\r\n`;
    if (body !== undefined) {
      text += `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    } else {
      text += '\r\n';
    }
    waiting.push(resolve);
    s.ref();
    s.write(text);
  });
}

/** The runtime is gone: nothing left to serve. */
function lost(error: unknown): never {
  process.stderr.write(`lambdaport bootstrap: lost the Runtime API (${String(error)})\n`);
  process.exit(1);
}

async function postInitError(payload: ErrorPayload): Promise<never> {
  logError('Uncaught Exception', payload);
  try {
    await request('POST', `${BASE}/init/error`, JSON.stringify(payload), payload.errorType);
  } catch (error) {
    lost(error);
  }
  process.exit(129);
}

function logError(label: string, payload: ErrorPayload): void {
  const line = `${label} \t${JSON.stringify(payload)}`.replace(/\n/g, '\r');
  process.stdout.write(`${new Date().toISOString()}\t${requestId}\tERROR\t${line}\n`);
}

// ---- loading the handler ----

function splitHandler(handler: string): { modulePath: string; exportPath: string[] } | undefined {
  const slash = handler.lastIndexOf('/');
  const dot = handler.indexOf('.', slash + 1);
  if (dot === -1) return undefined;
  return { modulePath: handler.slice(0, dot), exportPath: handler.slice(dot + 1).split('.') };
}

function findModule(taskRoot: string, modulePath: string): string | undefined {
  const base = path.resolve(taskRoot, modulePath);
  for (const ext of ['.js', '.mjs', '.cjs']) {
    if (existsSync(base + ext)) return base + ext;
  }
  return undefined;
}

/** CommonJS bundles of ours load through code caches on Node 20; Node >= 22.1 has its own compile cache. */
async function loadModule(file: string, codeCacheDir: string | undefined): Promise<Record<string, unknown>> {
  if (codeCacheDir !== undefined && file.endsWith('.cjs')) {
    if (typeof (nodeModule as { enableCompileCache?: unknown }).enableCompileCache === 'function') {
      return nodeModule.createRequire(file)(file) as Record<string, unknown>;
    }
    cacheNodeModules(codeCacheDir);
    return loadCommonJs(file);
  }
  return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
}

async function loadHandler(codeCacheDir: string | undefined): Promise<Handler> {
  const taskRoot = env.LAMBDA_TASK_ROOT ?? process.cwd();
  const handlerString = env._HANDLER ?? '';
  const parts = splitHandler(handlerString);
  if (!parts) return postInitError(runtimeError('Runtime.MalformedHandlerName', 'Bad handler'));
  const file = findModule(taskRoot, parts.modulePath);
  if (!file) {
    return postInitError(
      runtimeError(
        'Runtime.ImportModuleError',
        `Error: Cannot find module '${parts.modulePath}'\nRequire stack:\n- ${process.argv[1] ?? 'bootstrap'}`,
      ),
    );
  }
  let mod: Record<string, unknown>;
  try {
    mod = await loadModule(file, codeCacheDir);
  } catch (error) {
    if (error instanceof SyntaxError) {
      return postInitError(runtimeError('Runtime.UserCodeSyntaxError', `${error.name}: ${error.message}`, error));
    }
    const code = (error as { code?: unknown } | null)?.code;
    if (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') {
      return postInitError(runtimeError('Runtime.ImportModuleError', String(error), error));
    }
    return postInitError(toPayload(error));
  }
  const [first, ...rest] = parts.exportPath;
  // module.exports of a CommonJS module may be anything, a primitive too
  const isObject = mod !== null && (typeof mod === 'object' || typeof mod === 'function');
  let value: unknown = first !== undefined && isObject && first in mod ? mod[first] : undefined;
  if (value === undefined && first !== undefined) {
    const fallback = isObject ? (mod.default as Record<string, unknown> | undefined) : undefined;
    if (fallback && (typeof fallback === 'object' || typeof fallback === 'function')) value = fallback[first];
  }
  for (const part of rest) value = (value as Record<string, unknown> | undefined)?.[part];
  if (value === undefined) {
    return postInitError(runtimeError('Runtime.HandlerNotFound', `${handlerString} is undefined or not exported`));
  }
  if (typeof value !== 'function') {
    return postInitError(runtimeError('Runtime.HandlerNotFound', `${handlerString} is not a function`));
  }
  return value as Handler;
}

// ---- invoking ----

/** A result waiting for the event loop to empty (callback handlers with callbackWaitsForEmptyEventLoop). */
let waitingForEmptyLoop: (() => void) | undefined;

process.on('beforeExit', () => {
  const post = waitingForEmptyLoop;
  waitingForEmptyLoop = undefined;
  post?.();
});

function parseJson(text: string | string[] | undefined): unknown {
  if (typeof text !== 'string' || text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function invoke(handler: Handler, next: Reply): Promise<void> {
  const id = String(next.headers['lambda-runtime-aws-request-id'] ?? '');
  const deadline = Number(next.headers['lambda-runtime-deadline-ms'] ?? Date.now() + 3000);
  const trace = next.headers['lambda-runtime-trace-id'];
  if (typeof trace === 'string') env._X_AMZN_TRACE_ID = trace;
  else delete env._X_AMZN_TRACE_ID;
  requestId = id;

  return new Promise<void>((resolve) => {
    let settled = false;
    const respond = (error: unknown, result: unknown): void => {
      if (settled) return;
      settled = true;
      waitingForEmptyLoop = undefined;
      let post: Promise<Reply>;
      if (error !== undefined && error !== null) {
        const payload = toPayload(error);
        logError('Invoke Error', payload);
        post = request('POST', `${BASE}/invocation/${id}/error`, JSON.stringify(payload), payload.errorType);
      } else {
        let body: string;
        try {
          body = JSON.stringify(result) ?? 'null';
        } catch (stringifyError) {
          settled = false;
          respond(stringifyError, undefined);
          return;
        }
        post = request('POST', `${BASE}/invocation/${id}/response`, body);
      }
      void post;
      resolve();
    };

    const context: Context = {
      callbackWaitsForEmptyEventLoop: true,
      functionName: env.AWS_LAMBDA_FUNCTION_NAME ?? '',
      functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION ?? '$LATEST',
      invokedFunctionArn: String(next.headers['lambda-runtime-invoked-function-arn'] ?? ''),
      memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? '128',
      awsRequestId: id,
      logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME ?? '',
      logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME ?? '',
      clientContext: parseJson(next.headers['lambda-runtime-client-context']),
      identity: parseJson(next.headers['lambda-runtime-cognito-identity']),
      getRemainingTimeInMillis: () => deadline - Date.now(),
      done: (error, result) => callback(error, result),
      succeed: (result) => callback(null, result),
      fail: (error) => callback(error ?? 'handled', undefined),
    };

    const callback: Callback = (error, result) => {
      if (settled) return;
      if (context.callbackWaitsForEmptyEventLoop) {
        waitingForEmptyLoop = () => respond(error, result);
      } else {
        respond(error, result);
      }
    };

    let event: unknown;
    try {
      event = next.body.length === 0 ? {} : JSON.parse(next.body.toString('utf8'));
    } catch (error) {
      respond(error, undefined);
      return;
    }

    try {
      const returned = handler(event, context, callback);
      if (
        returned !== null &&
        typeof returned === 'object' &&
        typeof (returned as Promise<unknown>).then === 'function'
      ) {
        (returned as Promise<unknown>).then(
          (result) => respond(undefined, result),
          (error: unknown) => respond(error ?? new Error('Promise rejected with a nullish value'), undefined),
        );
      } else if (!settled && waitingForEmptyLoop === undefined && handler.length < 3) {
        // a sync handler that neither returned a promise nor takes a callback: answer when the loop empties
        waitingForEmptyLoop = () => respond(undefined, null);
      }
    } catch (error) {
      respond(error, undefined);
    }
  });
}

/** What a spare is told when it is bound to a function (one JSON line on fd 3). */
interface Binding {
  readonly env: Record<string, string>;
  readonly cwd: string;
  readonly codeCacheDir: string | undefined;
}

/** A spare waits here, idle (no timer, no polling), until the runtime binds it; it exits if the runtime goes. */
function waitForBinding(): Promise<Binding> {
  return new Promise((resolve) => {
    const control = new net.Socket({ fd: 3, readable: true, writable: false });
    let text = '';
    control.setEncoding('utf8');
    control.on('data', (chunk: string) => {
      text += chunk;
      const newline = text.indexOf('\n');
      if (newline === -1) return;
      control.destroy();
      resolve(JSON.parse(text.slice(0, newline)) as Binding);
    });
    control.on('error', () => process.exit(0));
    control.on('end', () => process.exit(0));
  });
}

/** Becomes the function's process: its environment (exactly), its working directory, NODE_PATH re-read. */
function bind(binding: Binding): void {
  for (const key of Object.keys(env)) if (!Object.hasOwn(binding.env, key)) delete env[key];
  Object.assign(env, binding.env);
  process.chdir(binding.cwd);
  (nodeModule as { _initPaths?: () => void })._initPaths?.();
}

/**
 * Builtins the AWS SDK and most handlers load, loaded while a spare waits (their cost is then off the cold start).
 * Loading a builtin has no effect a function could observe.
 */
const PRELOADED = [
  'node:assert',
  'node:async_hooks',
  'node:child_process',
  'node:diagnostics_channel',
  'node:fs/promises',
  'node:http',
  'node:http2',
  'node:https',
  'node:os',
  'node:perf_hooks',
  'node:stream',
  'node:stream/promises',
  'node:string_decoder',
  'node:tls',
  'node:zlib',
];

/**
 * Loads the preloaded builtins one per turn of the event loop, and stops as soon as the spare is bound: a spare
 * taken while still booting starts its function no later than a fresh process would.
 */
function preloadUntil(bound: Promise<unknown>): void {
  const load = require;
  let done = false;
  void bound.then(() => {
    done = true;
  });
  let next = 0;
  const step = (): void => {
    if (done) return;
    if (next < PRELOADED.length) {
      load(PRELOADED[next++] as string);
      setImmediate(step);
    } else {
      void globalThis.crypto; // Web Crypto and web streams, loaded on first use
    }
  };
  setImmediate(step);
}

async function main(): Promise<void> {
  const args = process.argv.splice(2);
  let codeCacheDir = args.find((arg) => arg.startsWith('--code-cache='))?.slice('--code-cache='.length);
  if (args.includes('--spare')) {
    const waiting = waitForBinding();
    preloadUntil(waiting);
    const binding = await waiting;
    bind(binding);
    codeCacheDir = binding.codeCacheDir;
  }
  useRuntimeApi(env.AWS_LAMBDA_RUNTIME_API ?? '127.0.0.1:9001');
  patchConsole();
  // Node >= 22.1 keeps compiled code on disk between cold starts (a no-op on Node 20, which lacks it)
  (nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
  process.on('uncaughtException', (error) => {
    const payload = toPayload(error);
    if (requestId === undefined) {
      void postInitError(payload);
      return;
    }
    logError('Uncaught Exception', payload);
    request('POST', `${BASE}/invocation/${requestId}/error`, JSON.stringify(payload), payload.errorType).then(
      () => process.exit(129),
      () => process.exit(129),
    );
  });
  process.on('unhandledRejection', (reason) => {
    const payload = runtimeError('Runtime.UnhandledPromiseRejection', String(reason), reason);
    if (requestId === undefined) {
      void postInitError(payload);
      return;
    }
    logError('Unhandled Promise Rejection', payload);
    request('POST', `${BASE}/invocation/${requestId}/error`, JSON.stringify(payload), payload.errorType).then(
      () => process.exit(128),
      () => process.exit(128),
    );
  });

  const handler = await loadHandler(codeCacheDir);
  for (let invocations = 0; ; invocations++) {
    let next: Reply;
    try {
      const asked = request('GET', `${BASE}/invocation/next`);
      // after an invocation (its result already posted): functions compiled lazily by then are in the caches too
      if (invocations > 0) saveCaches();
      next = await asked;
    } catch (error) {
      lost(error);
    }
    if (next.status !== 200) lost(new Error(`/next answered ${next.status}`));
    await invoke(handler, next);
  }
}

void main();
