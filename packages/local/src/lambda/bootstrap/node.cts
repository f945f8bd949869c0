/**
 * The program an environment runs for `nodejs` functions: a Runtime API client that behaves like the managed
 * Node.js runtime (aws-lambda-nodejs-runtime-interface-client). Node builtins only; started as
 * `node --enable-source-maps [--max-old-space-size=N] node.cjs [--code-cache=DIR]` with `_HANDLER` (`index.handler`)
 * and `LAMBDA_TASK_ROOT` (the bundle's folder) in the environment.
 *
 * `--code-cache=DIR`: the module is a bundle of ours; a CommonJS one is loaded with a V8 code cache beside it, and
 * the CommonJS files it loads from node_modules with caches in DIR (code-cache.cts; Node 20 only). Node >= 22.1 has
 * its own compile cache: kept in DIR/../node, and written after the first call (Node writes it at exit, and an
 * environment ends by SIGKILL). `--spare`: a pre-booted spare, not yet bound to a function: it waits for one JSON line
 * on fd 3 (`{ env, cwd, codeCacheDir }`), takes that environment and directory as its own, then starts as above.
 *
 * This file wires the parts: runtime-api-client.cts (HTTP to the Runtime API), handler.cts (loading the handler),
 * invoke.cts (running invocations), console.cts (the log format), errors.cts (error payloads), spare.cts.
 */
// CommonJS (.cts files): no ES module loader to start, no ES facades of the builtins to build, on every cold start
import nodeModule = require('node:module');
import path = require('node:path');
import codeCache = require('./code-cache.cjs');
import consoleFormat = require('./console.cjs');
import errors = require('./errors.cjs');
import handlerLoading = require('./handler.cjs');
import invoke = require('./invoke.cjs');
import runtimeApiClient = require('./runtime-api-client.cjs');

import type { ErrorPayload } from './types.cjs';

const { saveCaches } = codeCache;
const { logError, patchConsole } = consoleFormat;
const { runtimeError, toPayload } = errors;
const { loadHandler } = handlerLoading;
const { Invocations } = invoke;
const { lost, RuntimeApiClient } = runtimeApiClient;

// The managed runtime's bootstrap is an ES module, so function code sees no `require.main`; this one is CommonJS,
// which would make it the main module of every `require` made from now on.
(process as { mainModule?: unknown }).mainModule = undefined;

async function main(): Promise<void> {
  const args = process.argv.splice(2);
  let codeCacheDir = args.find((arg) => arg.startsWith('--code-cache='))?.slice('--code-cache='.length);
  if (args.includes('--spare')) {
    // required here, not above: a process started for a function at once never reads the file (~0.2 ms)
    const spare = require('./spare.cjs') as typeof import('./spare.cjs');
    codeCacheDir = (await spare.becomeBound()).codeCacheDir;
  }
  const env = process.env;
  // the Runtime API's address is read now, once the environment is known (a spare learns it late)
  const client = new RuntimeApiClient(env.AWS_LAMBDA_RUNTIME_API ?? '127.0.0.1:9001');
  const invocations = new Invocations(client);
  patchConsole(() => invocations.requestId);
  // Node >= 22.1 keeps compiled code on disk between cold starts (a no-op on Node 20, which lacks it): beside our
  // own caches when the code is a bundle of ours (Node keys its caches by its own version)
  const compileCache = nodeModule as { enableCompileCache?: (dir?: string) => unknown; flushCompileCache?: () => void };
  compileCache.enableCompileCache?.(codeCacheDir === undefined ? undefined : path.join(codeCacheDir, '..', 'node'));

  /** An error outside any invocation ends init: posted to /init/error, then the process exits. */
  const failInit = async (payload: ErrorPayload): Promise<never> => {
    logError(undefined, 'Uncaught Exception', payload);
    try {
      await client.postInitError(payload);
    } catch (error) {
      lost(error);
    }
    process.exit(129);
  };
  /** An error escaping the handler fails its invocation and ends the process (as on AWS; the pool replaces it). */
  const failInvocation = (label: string, payload: ErrorPayload, exitCode: number): void => {
    const requestId = invocations.requestId;
    if (requestId === undefined) {
      void failInit(payload);
      return;
    }
    logError(requestId, label, payload);
    const exit = (): never => process.exit(exitCode);
    client.postError(requestId, payload).then(exit, exit);
  };
  process.on('uncaughtException', (error) => failInvocation('Uncaught Exception', toPayload(error), 129));
  process.on('unhandledRejection', (reason) => {
    const payload = runtimeError('Runtime.UnhandledPromiseRejection', String(reason), reason);
    failInvocation('Unhandled Promise Rejection', payload, 128);
  });

  const loaded = await loadHandler(env.LAMBDA_TASK_ROOT ?? process.cwd(), env._HANDLER ?? '', codeCacheDir);
  if ('initError' in loaded) return failInit(loaded.initError);
  for (let served = 0; ; served++) {
    const asked = client.next(); // never rejects: a lost connection ends the process
    // after an invocation (its result already posted): functions compiled lazily by then are in the caches too
    if (served > 0) saveCaches();
    // Node writes its compile cache at exit, and environments end by SIGKILL: write it after the first call
    if (served === 1) compileCache.flushCompileCache?.();
    const next = await asked;
    if (next.status !== 200) lost(new Error(`/next answered ${next.status}`));
    await invocations.run(loaded.handler, next);
  }
}

void main();
