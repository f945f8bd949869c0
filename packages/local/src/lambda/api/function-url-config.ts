/**
 * `GetFunctionUrlConfig`: `GET /2021-10-31/functions/{name}/url[?Qualifier=]`.
 */
import type { ServerResponse } from 'node:http';
import { HttpError } from '../../http/errors.js';
import { sendJson } from '../../http/json.js';
import { queryParam } from '../../http/query.js';
import type { LambdaApiContext } from './context.js';
import { lastModified } from './function-configuration.js';

/** Answers GetFunctionUrlConfig for a function with `url`; 404 for one without. */
export function handleGetFunctionUrlConfig(
  ctx: LambdaApiContext,
  res: ServerResponse,
  name: string,
  query: string,
): void {
  const target = ctx.registry.resolve(name, queryParam(query, 'Qualifier'));
  if (target.fn.url === undefined || target.qualifier !== undefined) {
    throw new HttpError(404, 'ResourceNotFoundException', 'The resource you requested does not exist.', {
      messageKey: 'Message',
    });
  }
  sendJson(res, 200, {
    FunctionUrl: ctx.functionUrl(target.fn),
    FunctionArn: target.fn.arn,
    AuthType: target.fn.url.authType,
    CreationTime: lastModified(ctx.startedAt),
    LastModifiedTime: lastModified(ctx.startedAt),
    InvokeMode: 'BUFFERED',
  });
}
