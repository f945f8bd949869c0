/**
 * The HTTP adapter: Function URLs and API Gateway HTTP APIs (payload 2.0), and API Gateway REST APIs (payload 1.0).
 */
import type { AnyContract, ContractOutputIn, DepsAreOptional, Implementation } from '../contract.js';
import { ContractError } from '../contract.js';
import { InvalidRequestError, LambdaportError } from '../errors.js';
import { begin, fail } from '../internal/begin.js';
import { checkImplementation } from '../internal/check.js';
import { saneCorrelationId } from '../internal/correlation.js';
import { depsGetter } from '../internal/deps.js';
import { type HttpRequest, normaliseHttpEvent } from '../internal/http-event.js';
import { type HttpResponse, type HttpResult, jsonResponse, phrase, toResult } from '../internal/http-response.js';
import { compilePath, type PathMatcher } from '../internal/http-route.js';
import type { LambdaContext } from '../internal/lambda-context.js';
import { type AdapterOptions, badOption, resolveOptions } from '../internal/options.js';
import { execute } from '../internal/run.js';
import { toWireError } from '../wire.js';
import type { DepsSource } from './types.js';

export type { HttpRequest } from '../internal/http-event.js';
export type { HttpResponse, HttpResult } from '../internal/http-response.js';

/** Options of `httpHandler`. */
export interface HttpHandlerOptions<C extends AnyContract> extends AdapterOptions {
  /** Builds the contract's input from the request (query, path, body...). Throw `InvalidRequestError` for a 400. */
  input: (req: HttpRequest) => unknown;
  /** Builds the response from the logic's result. Default: 200 with the result as JSON (204 for `undefined`). */
  output?: (result: ContractOutputIn<C>, req: HttpRequest) => HttpResponse;
  /** The status of each declared error, by name. Default: the error's `status` option, else 422. */
  errors?: Partial<Record<InstanceType<C['errors'][number]>['name'], number>>;
  /** Allowed methods (others get 405). Default: any. */
  method?: string | readonly string[];
  /** The path template (`/records/{id}`); other paths get 404. Default: any path. */
  path?: string;
  /** The request header that carries a correlation id. Default `x-correlation-id`. */
  correlationHeader?: string;
}

/** A Lambda handler for HTTP events. */
export type HttpHandler = (event: unknown, context?: LambdaContext) => Promise<HttpResult>;

/**
 * What `httpHandler` takes after the implementation: its deps and options, or only the options when the logic needs
 * no deps (`{}` is a valid deps value for it; the logic then gets `{}`).
 *
 * @example
 * httpHandler(helloLogic, { input: (req) => ({ name: req.query.name }) });     // a logic with no deps
 * httpHandler(getRecordLogic, deps, { input: (req) => ({ id: numberParam(req.query.id) }) });
 */
export type HttpHandlerArgs<C extends AnyContract, Deps> =
  DepsAreOptional<Deps> extends true
    ? [options: HttpHandlerOptions<C>] | [deps: DepsSource<NoInfer<Deps>> | undefined, options: HttpHandlerOptions<C>]
    : [deps: DepsSource<NoInfer<Exclude<Deps, undefined>>>, options: HttpHandlerOptions<C>];

const OPTION_KEYS = ['input', 'output', 'errors', 'method', 'path', 'correlationHeader'] as const;

/**
 * A query or path parameter as a number when it is plainly one (`"12"`, `"-3"`, `"1.5"`), else unchanged, so the
 * contract's schema reports a clear issue (`id: expected number, received string`) instead of a silent `NaN` or `0`.
 *
 * @example
 * httpHandler(getRecordLogic, deps, { input: (req) => ({ id: numberParam(req.query.id) }) });
 */
export function numberParam(value: string | undefined): number | string | undefined {
  if (value === undefined || !/^-?\d{1,16}(\.\d{1,16})?$/.test(value)) return value;
  return Number(value);
}

/**
 * Exposes an implementation over HTTP: a Function URL, an API Gateway HTTP API (payload 2.0) or REST API (1.0).
 *
 * Status mapping: bad input (schema issues, a body that is not JSON) → 400; a declared error → `errors[name]`, else the
 * error's `status`, else 422; an unknown path → 404; a method not allowed → 405 (with `allow`); anything else → 500 with
 * a generic body (no stack, no internals; the details go to the log line). Error bodies are JSON:
 * `{ "error": "Not found.", "code": "RecordNotFound", "message": "...", "data": {...} }`.
 *
 * Takes `(logic, deps, options)`, or `(logic, options)` for a logic that needs no deps.
 *
 * @example
 * export const urlHandler = httpHandler(getRecordLogic, deps, {
 *   input: (req) => ({ id: numberParam(req.query.id) }),
 *   errors: { RecordNotFound: 404 },
 * });
 */
export function httpHandler<C extends AnyContract, Deps>(
  impl: Implementation<C, Deps>,
  ...args: HttpHandlerArgs<C, Deps>
): HttpHandler {
  checkImplementation('httpHandler', impl);
  // (logic, options) for a logic with no deps; (logic, deps, options) otherwise
  const [deps, options] = args.length === 1 ? [undefined, args[0]] : args;
  const resolved = resolveOptions('httpHandler', options, OPTION_KEYS);
  const { input, output } = options;
  if (typeof input !== 'function') bad('input', 'a function (req) => input');
  if (output !== undefined && typeof output !== 'function') bad('output', 'a function (result, req) => response');
  const statuses = declaredStatuses(impl.contract, options.errors);
  const methods = allowedMethods(options.method);
  const matchPath = routePath(options.path);
  const correlationHeader = (options.correlationHeader ?? 'x-correlation-id').toLowerCase();
  const getDeps = depsGetter<Deps>(deps);
  const validateOutput = resolved.validateOutput;
  const contract = impl.contract;

  return async function lambdaportHttp(event: unknown, context?: LambdaContext): Promise<HttpResult> {
    let req: ReturnType<typeof normaliseHttpEvent>;
    try {
      req = normaliseHttpEvent(event);
    } catch (error) {
      // Not an HTTP event at all: nobody to answer with a status, so fail like the Invoke adapter.
      const ctx = begin(resolved, context, undefined);
      fail(resolved, 'http', contract, error, ctx, context);
      ctx.finish();
      throw toWireError(error);
    }
    const ctx = begin(resolved, context, saneCorrelationId(req.headers[correlationHeader]) ?? req.requestId);
    try {
      if (methods && !methods.includes(req.method)) {
        throw new MethodNotAllowedError(`Method ${req.method} is not allowed`, methods.join(', '));
      }
      if (matchPath) {
        const params = matchPath(req.path);
        if (params === false) throw new RouteNotFoundError(`No route for ${req.path}`);
        if (params) req.pathParams = { ...req.pathParams, ...params };
      }
      const result = (await execute(impl, getDeps, input(req), ctx, validateOutput)) as ContractOutputIn<C>;
      return toResult(output ? output(result, req) : jsonResponse(200, result), req.payloadVersion);
    } catch (error) {
      const route = error instanceof RouteError;
      const extra = { http_method: req.method, http_path: req.path };
      const kind = fail(resolved, 'http', contract, error, ctx, context, extra, route ? 'invalid' : undefined);
      return toResult(errorResponse(error, kind, statuses, ctx.requestId), req.payloadVersion);
    } finally {
      ctx.finish();
    }
  };
}

/** No route for this path (404) or method (405, with the allowed ones). */
abstract class RouteError extends LambdaportError {
  abstract readonly status: number;
  readonly allow: string | undefined = undefined;
}

/** No route for this path: 404, code `RouteNotFound`. */
class RouteNotFoundError extends RouteError {
  static override readonly errorName = 'RouteNotFoundError';
  readonly status = 404;
}

/** A method the route does not take: 405 with the allowed ones, code `MethodNotAllowed`. */
class MethodNotAllowedError extends RouteError {
  static override readonly errorName = 'MethodNotAllowedError';
  readonly status = 405;
  override readonly allow: string;

  constructor(message: string, allow: string) {
    super(message);
    this.allow = allow;
  }
}

function errorResponse(
  error: unknown,
  kind: 'invalid' | 'declared' | 'unexpected',
  statuses: ReadonlyMap<string, number>,
  requestId: string,
): HttpResponse {
  if (error instanceof RouteError) {
    const { status, code, message, allow } = error;
    return jsonResponse(status, { error: phrase(status), code, message }, allow ? { allow } : undefined);
  }
  if (kind === 'invalid' && InvalidRequestError.is(error)) {
    return jsonResponse(400, { error: phrase(400), code: error.code, message: error.message, issues: error.issues });
  }
  if (kind === 'declared' && ContractError.is(error)) {
    const status = statuses.get(error.name) ?? 422;
    return jsonResponse(status, { error: phrase(status), code: error.code, message: error.message, data: error.data });
  }
  return jsonResponse(500, { error: phrase(500), code: 'Internal', requestId });
}

function bad(key: string, what: string): never {
  return badOption('httpHandler', key, what);
}

function declaredStatuses(contract: AnyContract, overrides: Record<string, number | undefined> | undefined) {
  const statuses = new Map<string, number>();
  for (const e of contract.errors) statuses.set(e.errorName, e.status ?? 422);
  if (overrides === undefined) return statuses;
  if (typeof overrides !== 'object' || overrides === null) bad('errors', 'an object { ErrorName: status }');
  for (const [name, status] of Object.entries(overrides)) {
    if (!statuses.has(name)) bad(`errors.${name}`, `an error of ${contract.name} (${[...statuses.keys()].join(', ')})`);
    if (!(Number.isInteger(status) && (status as number) >= 400 && (status as number) <= 599)) {
      bad(`errors.${name}`, 'an HTTP status from 400 to 599');
    }
    statuses.set(name, status as number);
  }
  return statuses;
}

function allowedMethods(method: string | readonly string[] | undefined): readonly string[] | undefined {
  if (method === undefined) return undefined;
  const list = typeof method === 'string' ? [method] : method;
  if (!Array.isArray(list) || list.length === 0 || !list.every((m) => /^[A-Za-z]+$/.test(m))) {
    bad('method', 'a method name or a non-empty list of them');
  }
  return list.map((m) => m.toUpperCase());
}

function routePath(path: string | undefined): PathMatcher | undefined {
  if (path === undefined) return undefined;
  if (typeof path !== 'string' || path[0] !== '/') bad('path', 'a template starting with "/", such as "/records/{id}"');
  return compilePath(path);
}
