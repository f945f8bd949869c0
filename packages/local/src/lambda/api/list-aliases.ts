/**
 * `ListAliases` (`GET /2015-03-31/functions/{name}/aliases`), `GetAlias` (`.../aliases/{alias}`) and
 * `ListVersionsByFunction` (`GET /2015-03-31/functions/{name}/versions`).
 */
import type { ServerResponse } from 'node:http';
import { functionArn } from 'lambdaport/names';
import { HttpError } from '../../http/errors.js';
import { sendJson } from '../../http/json.js';
import { decode, queryParam } from '../../http/query.js';
import type { LocalFunction } from '../types.js';
import type { LambdaApiContext } from './context.js';
import { functionConfiguration, versionsInOrder } from './function-configuration.js';
import { paginate } from './pagination.js';

function aliasConfiguration(fn: LocalFunction, alias: string, version: string): object {
  const description = fn.versions.get(version)?.description ?? '';
  return {
    AliasArn: functionArn(fn.region, fn.accountId, fn.deployedName, alias),
    Name: alias,
    FunctionVersion: version,
    Description: description,
    RevisionId: `${fn.deployedName}-${alias}-${version}`,
  };
}

function unqualified(ctx: LambdaApiContext, name: string) {
  const target = ctx.registry.resolve(name, undefined);
  if (target.qualifier !== undefined) {
    throw new HttpError(
      400,
      'InvalidParameterValueException',
      'This operation does not accept a qualified function name.',
    );
  }
  return target.fn;
}

/** Answers ListAliases (optionally only those of `FunctionVersion`), sorted by name. */
export function handleListAliases(ctx: LambdaApiContext, res: ServerResponse, name: string, query: string): void {
  const fn = unqualified(ctx, name);
  const onlyVersion = queryParam(query, 'FunctionVersion');
  const aliases = [...fn.aliases.entries()]
    .filter(([, version]) => onlyVersion === undefined || version === onlyVersion)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([alias, version]) => aliasConfiguration(fn, alias, version));
  const page = paginate(aliases, query, 50, 10_000);
  sendJson(res, 200, { Aliases: page.items, ...(page.nextMarker ? { NextMarker: page.nextMarker } : {}) });
}

/** Answers GetAlias; 404 for an unknown alias. */
export function handleGetAlias(ctx: LambdaApiContext, res: ServerResponse, name: string, aliasRaw: string): void {
  const fn = unqualified(ctx, name);
  const alias = decode(aliasRaw);
  const version = fn.aliases.get(alias);
  if (version === undefined) {
    const aliasArn = functionArn(fn.region, fn.accountId, fn.deployedName, alias);
    throw new HttpError(404, 'ResourceNotFoundException', `Alias not found: ${aliasArn}`, { messageKey: 'Message' });
  }
  sendJson(res, 200, aliasConfiguration(fn, alias, version));
}

/** Answers ListVersionsByFunction: `$LATEST` then the published versions. */
export function handleListVersions(ctx: LambdaApiContext, res: ServerResponse, name: string, query: string): void {
  const fn = unqualified(ctx, name);
  const versions = versionsInOrder(fn).map((v) => functionConfiguration(fn, v, ctx.startedAt));
  const page = paginate(versions, query, 50, 10_000);
  sendJson(res, 200, { Versions: page.items, ...(page.nextMarker ? { NextMarker: page.nextMarker } : {}) });
}
