/**
 * The Lambda REST API behind the front door: matches `/2015-03-31/functions...` and
 * `/2021-10-31/functions/{name}/url`, admits the request (`http/admission.ts`: the body within the route's limit,
 * the SigV4 signature) and calls the operation. Every failure is answered AWS-shaped; nothing escapes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type AdmissionRules, admit } from '../../http/admission.js';
import { answerError, HttpError } from '../../http/errors.js';
import { queryParam } from '../../http/query.js';
import type { SigV4Verifier } from '../../http/sigv4.js';
import type { Access } from '../../iam/guard.js';
import type { LambdaApiContext } from './context.js';
import { type EventInvokeConfigOperation, handleEventInvokeConfig, LAMBDA_2019 } from './event-invoke-config.js';
import {
  EVENT_SOURCE_MAPPINGS,
  type EventSourceMappingRoute,
  eventSourceMappingAccess,
  handleEventSourceMapping,
  matchEventSourceMappingRoute,
} from './event-source-mappings.js';
import { parseFunctionName } from './function-name.js';
import { handleGetFunctionUrlConfig } from './function-url-config.js';
import { handleGetFunction, handleGetFunctionConfiguration } from './get-function.js';
import { handleInvoke, invokeAdmission, SYNC_INVOKE_ADMISSION } from './invoke.js';
import { handleGetAlias, handleListAliases, handleListVersions } from './list-aliases.js';
import { handleListFunctions } from './list-functions.js';

/** Path prefixes the Lambda REST API owns (and {@link EVENT_SOURCE_MAPPINGS}, {@link LAMBDA_2019}). */
export const LAMBDA_2015 = '/2015-03-31/functions';
export const LAMBDA_2021 = '/2021-10-31/functions';

/** The read operations take no body; one up to the synchronous Invoke limit is read and ignored, as before. */
const READ_ADMISSION: AdmissionRules = SYNC_INVOKE_ADMISSION;

/** The Lambda REST API as one request handler. */
export interface LambdaApi {
  /** Handles a request whose path starts with {@link LAMBDA_2015} or {@link LAMBDA_2021}. Never rejects. */
  handle(req: IncomingMessage, res: ServerResponse, path: string, query: string): Promise<void>;
}

/**
 * Creates the Lambda REST API handler.
 *
 * @example
 * const api = createLambdaApi(ctx, verifier);
 * if (path.startsWith(LAMBDA_2015)) await api.handle(req, res, path, query);
 */
export function createLambdaApi(ctx: LambdaApiContext, verifier: SigV4Verifier): LambdaApi {
  return {
    async handle(req, res, path, query) {
      const method = req.method ?? 'GET';
      try {
        const route = matchRoute(ctx, method, path);
        const { body, caller } = await admit(
          req,
          verifier,
          route.operation === 'Invoke' ? invokeAdmission(req) : READ_ADMISSION,
        );
        if (route.operation !== 'Invoke' && ctx.guard !== undefined) {
          await ctx.guard.authorize(caller, 'lambda', [controlPlaneAccess(ctx, route, query)]);
        }
        const withEnvironment = ctx.guard === undefined || !ctx.guard.isRole(caller);
        switch (route.operation) {
          case 'Invoke':
            return await handleInvoke(ctx, req, res, route.name, query, body, caller);
          case 'ListFunctions':
            return handleListFunctions(ctx, res, query);
          case 'GetFunction':
            return handleGetFunction(ctx, res, route.name, query, withEnvironment);
          case 'GetFunctionConfiguration':
            return handleGetFunctionConfiguration(ctx, res, route.name, query, withEnvironment);
          case 'ListAliases':
            return handleListAliases(ctx, res, route.name, query);
          case 'GetAlias':
            return handleGetAlias(ctx, res, route.name, route.alias);
          case 'ListVersionsByFunction':
            return handleListVersions(ctx, res, route.name, query);
          case 'GetFunctionUrlConfig':
            return handleGetFunctionUrlConfig(ctx, res, route.name, query);
          case 'EventInvokeConfig':
            return handleEventInvokeConfig(ctx, res, route.which, route.name, query, body);
          case 'EventSourceMapping':
            return await handleEventSourceMapping(ctx.eventSourceMappings!, res, route.mapping, query, body);
        }
      } catch (error) {
        answerError(ctx.log, res, error, ctx.debug);
      }
    },
  };
}

type Route =
  | { readonly operation: 'ListFunctions' }
  | {
      readonly operation:
        | 'Invoke'
        | 'GetFunction'
        | 'GetFunctionConfiguration'
        | 'ListAliases'
        | 'ListVersionsByFunction'
        | 'GetFunctionUrlConfig';
      readonly name: string;
    }
  | { readonly operation: 'GetAlias'; readonly name: string; readonly alias: string }
  | { readonly operation: 'EventInvokeConfig'; readonly which: EventInvokeConfigOperation; readonly name: string }
  | { readonly operation: 'EventSourceMapping'; readonly mapping: EventSourceMappingRoute };

const EVENT_INVOKE_CONFIG_METHODS: Readonly<Record<string, EventInvokeConfigOperation>> = {
  PUT: 'Put',
  POST: 'Update',
  GET: 'Get',
  DELETE: 'Delete',
};

/** Matches method and path to an operation; throws 404 UnknownOperationException / 405 for anything else. */
function matchRoute(ctx: LambdaApiContext, method: string, path: string): Route {
  if (path.startsWith(EVENT_SOURCE_MAPPINGS) && ctx.eventSourceMappings !== undefined) {
    const mapping = matchEventSourceMappingRoute(method, path);
    if (mapping !== undefined) return { operation: 'EventSourceMapping', mapping };
  } else if (path.startsWith(LAMBDA_2015)) {
    const rest = path.slice(LAMBDA_2015.length);
    if (rest === '' || rest === '/') return expect(method, 'GET', path, { operation: 'ListFunctions' });
    if (rest.charCodeAt(0) === 47 /* / */) {
      const slash = rest.indexOf('/', 1);
      const name = slash < 0 ? rest.slice(1) : rest.slice(1, slash);
      const tail = slash < 0 ? '' : rest.slice(slash);
      if (name !== '') {
        switch (tail) {
          case '/invocations':
          case '/invocations/':
            return expect(method, 'POST', path, { operation: 'Invoke', name });
          case '':
          case '/':
            return expect(method, 'GET', path, { operation: 'GetFunction', name });
          case '/configuration':
          case '/configuration/':
            return expect(method, 'GET', path, { operation: 'GetFunctionConfiguration', name });
          case '/aliases':
          case '/aliases/':
            return expect(method, 'GET', path, { operation: 'ListAliases', name });
          case '/versions':
          case '/versions/':
            return expect(method, 'GET', path, { operation: 'ListVersionsByFunction', name });
          default:
            if (tail.startsWith('/aliases/') && tail.indexOf('/', 9) < 0) {
              return expect(method, 'GET', path, { operation: 'GetAlias', name, alias: tail.slice(9) });
            }
        }
      }
    }
  } else if (path.startsWith(LAMBDA_2019)) {
    const match = /^\/([^/]+)\/event-invoke-config(\/list)?\/?$/.exec(path.slice(LAMBDA_2019.length));
    if (match !== null) {
      const name = match[1]!;
      if (match[2] !== undefined) {
        return expect(method, 'GET', path, { operation: 'EventInvokeConfig', which: 'List', name });
      }
      const which = EVENT_INVOKE_CONFIG_METHODS[method];
      if (which === undefined) {
        throw new HttpError(
          405,
          'MethodNotAllowedException',
          `${method} is not supported on ${path}; the operations there take PUT, POST, GET or DELETE.`,
          {
            headers: { allow: 'PUT, POST, GET, DELETE' },
          },
        );
      }
      return { operation: 'EventInvokeConfig', which, name };
    }
  } else if (path.startsWith(LAMBDA_2021)) {
    const rest = path.slice(LAMBDA_2021.length);
    const match = /^\/([^/]+)\/url\/?$/.exec(rest);
    if (match !== null) return expect(method, 'GET', path, { operation: 'GetFunctionUrlConfig', name: match[1]! });
  }
  throw unknownOperation(method, path);
}

const EVENT_INVOKE_CONFIG_ACTIONS: Readonly<Record<EventInvokeConfigOperation, string>> = {
  Put: 'lambda:PutFunctionEventInvokeConfig',
  Update: 'lambda:UpdateFunctionEventInvokeConfig',
  Get: 'lambda:GetFunctionEventInvokeConfig',
  Delete: 'lambda:DeleteFunctionEventInvokeConfig',
  List: 'lambda:ListFunctionEventInvokeConfigs',
};

/** The IAM action of a control-plane operation and the function (or alias) ARN it acts on (`*` for ListFunctions). */
function controlPlaneAccess(ctx: LambdaApiContext, route: Route, query: string): Access {
  if (route.operation === 'ListFunctions') return { action: 'lambda:ListFunctions', resource: '*' };
  if (route.operation === 'EventSourceMapping') {
    return eventSourceMappingAccess(route.mapping, ctx.registry.region, ctx.registry.accountId);
  }
  const action =
    route.operation === 'EventInvokeConfig' ? EVENT_INVOKE_CONFIG_ACTIONS[route.which] : `lambda:${route.operation}`;
  let name = route.name;
  try {
    name = decodeURIComponent(route.name);
  } catch {
    // answered as a bad name by the operation itself
  }
  const parsed = parseFunctionName(name);
  const qualifier =
    route.operation === 'GetAlias' ? route.alias : (parsed?.qualifier ?? queryParam(query, 'Qualifier'));
  const base = `arn:aws:lambda:${ctx.registry.region}:${ctx.registry.accountId}:function:${parsed?.name ?? name}`;
  return { action, resource: qualifier === undefined ? base : `${base}:${qualifier}` };
}

function expect<R extends Route>(method: string, wanted: string, path: string, route: R): R {
  if (method === wanted) return route;
  throw new HttpError(
    405,
    'MethodNotAllowedException',
    `${method} is not supported on ${path}; the operation there takes ${wanted}.`,
    { headers: { allow: wanted } },
  );
}

/** 404 for a path no operation of the local runtime serves. */
export function unknownOperation(method: string, path: string): HttpError {
  return new HttpError(
    404,
    'UnknownOperationException',
    `The local runtime serves no operation at ${method} ${path}. Supported: Invoke, ListFunctions, GetFunction, GetFunctionConfiguration, ListAliases, GetAlias, ListVersionsByFunction, GetFunctionUrlConfig, the event invoke config operations (Put/Update/Get/Delete/ListFunctionEventInvokeConfigs), the event source mapping operations (Create/Get/List/Update/DeleteEventSourceMapping), Function URLs under /lambda-url/<name>/, SSM and DynamoDB (JSON protocols).`,
  );
}
