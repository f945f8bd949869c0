/**
 * Loading the function's handler as the managed Node.js runtime does: `_HANDLER` (`index.handler`, or
 * `path/to/file.export.path`) names a module under `LAMBDA_TASK_ROOT` (`.js`, `.mjs` or `.cjs`) and an export of it
 * (also looked up on `default`, for CommonJS bundles). What goes wrong is the init error AWS would post:
 * `Runtime.MalformedHandlerName`, `Runtime.ImportModuleError`, `Runtime.UserCodeSyntaxError`,
 * `Runtime.HandlerNotFound`, or whatever the module threw. Builtins only.
 */
import fs = require('node:fs');
import nodeModule = require('node:module');
import path = require('node:path');
import url = require('node:url');
import codeCache = require('./code-cache.cjs');
import errors = require('./errors.cjs');

import type { ErrorPayload, Handler } from './types.cjs';

const { existsSync } = fs;
const { pathToFileURL } = url;
const { cacheNodeModules, loadCommonJs } = codeCache;
const { runtimeError, toPayload } = errors;

/** The handler, or the init error to post instead. */
type Loaded = { readonly handler: Handler } | { readonly initError: ErrorPayload };

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

/** The export `exportPath` of `mod` (a CommonJS module's exports may be anything, a primitive too). */
function findExport(mod: Record<string, unknown>, exportPath: readonly string[]): unknown {
  const [first, ...rest] = exportPath;
  const isObject = mod !== null && (typeof mod === 'object' || typeof mod === 'function');
  let value: unknown = first !== undefined && isObject && first in mod ? mod[first] : undefined;
  if (value === undefined && first !== undefined) {
    const fallback = isObject ? (mod.default as Record<string, unknown> | undefined) : undefined;
    if (fallback && (typeof fallback === 'object' || typeof fallback === 'function')) value = fallback[first];
  }
  for (const part of rest) value = (value as Record<string, unknown> | undefined)?.[part];
  return value;
}

/**
 * Loads the handler `handlerString` from `taskRoot` (its module through the code caches in `codeCacheDir`, when
 * given). Never rejects: a failure is the init error to post.
 *
 * @example
 * const loaded = await loadHandler(process.env.LAMBDA_TASK_ROOT, process.env._HANDLER, undefined);
 * if ('initError' in loaded) await client.postInitError(loaded.initError);
 */
async function loadHandler(taskRoot: string, handlerString: string, codeCacheDir: string | undefined): Promise<Loaded> {
  const parts = splitHandler(handlerString);
  if (!parts) return { initError: runtimeError('Runtime.MalformedHandlerName', 'Bad handler') };
  const file = findModule(taskRoot, parts.modulePath);
  if (!file) {
    const message = `Error: Cannot find module '${parts.modulePath}'\nRequire stack:\n- ${process.argv[1] ?? 'bootstrap'}`;
    return { initError: runtimeError('Runtime.ImportModuleError', message) };
  }
  let mod: Record<string, unknown>;
  try {
    mod = await loadModule(file, codeCacheDir);
  } catch (error) {
    if (error instanceof SyntaxError) {
      return { initError: runtimeError('Runtime.UserCodeSyntaxError', `${error.name}: ${error.message}`, error) };
    }
    const code = (error as { code?: unknown } | null)?.code;
    if (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') {
      return { initError: runtimeError('Runtime.ImportModuleError', String(error), error) };
    }
    return { initError: toPayload(error) };
  }
  const value = findExport(mod, parts.exportPath);
  if (value === undefined) {
    return { initError: runtimeError('Runtime.HandlerNotFound', `${handlerString} is undefined or not exported`) };
  }
  if (typeof value !== 'function') {
    return { initError: runtimeError('Runtime.HandlerNotFound', `${handlerString} is not a function`) };
  }
  return { handler: value as Handler };
}

export = { loadHandler };
