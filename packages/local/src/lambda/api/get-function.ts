/**
 * `GetFunction` (`GET /2015-03-31/functions/{name}`) and `GetFunctionConfiguration`
 * (`GET /2015-03-31/functions/{name}/configuration`), both with an optional `Qualifier`.
 */
import type { ServerResponse } from 'node:http';
import { sendJson } from '../../http/json.js';
import { queryParam } from '../../http/query.js';
import type { LambdaApiContext } from './context.js';
import { functionConfiguration } from './function-configuration.js';
import type { ResolvedFunction } from './function-name.js';

/**
 * The configuration of the resolved version; its environment variables only for the administrator (`withEnvironment`):
 * to a function's role they are an `Environment.Error`, as AWS reports variables a caller may not decrypt.
 */
function configurationOf(ctx: LambdaApiContext, target: ResolvedFunction, withEnvironment: boolean): object {
  const version = target.fn.versions.get(target.version);
  // resolve() only returns versions that exist
  const configuration = functionConfiguration(target.fn, version!, ctx.startedAt);
  if (withEnvironment) return configuration;
  return {
    ...configuration,
    Environment: {
      Error: {
        ErrorCode: 'AccessDeniedException',
        Message:
          "Environment variables are returned to the administrator only (the developer's key), not to a function's role.",
      },
    },
  };
}

/** Answers GetFunction: `{ Configuration, Code, Tags, Concurrency? }`. */
export function handleGetFunction(
  ctx: LambdaApiContext,
  res: ServerResponse,
  name: string,
  query: string,
  withEnvironment = true,
): void {
  const target = ctx.registry.resolve(name, queryParam(query, 'Qualifier'));
  const body: Record<string, unknown> = {
    Configuration: configurationOf(ctx, target, withEnvironment),
    Code: { RepositoryType: 'S3', Location: `file://${target.fn.dir}` },
    Tags: { 'lambdaport:service': target.fn.service, 'lambdaport:stage': target.fn.stage },
  };
  if (target.fn.reservedConcurrency !== undefined) {
    body.Concurrency = { ReservedConcurrentExecutions: target.fn.reservedConcurrency };
  }
  sendJson(res, 200, body);
}

/** Answers GetFunctionConfiguration: the configuration alone. */
export function handleGetFunctionConfiguration(
  ctx: LambdaApiContext,
  res: ServerResponse,
  name: string,
  query: string,
  withEnvironment = true,
): void {
  const target = ctx.registry.resolve(name, queryParam(query, 'Qualifier'));
  sendJson(res, 200, configurationOf(ctx, target, withEnvironment));
}
