/**
 * `ListFunctions`: `GET /2015-03-31/functions/?Marker=&MaxItems=&FunctionVersion=ALL`.
 */
import type { ServerResponse } from 'node:http';
import { HttpError } from '../../http/errors.js';
import { sendJson } from '../../http/json.js';
import { queryParam } from '../../http/query.js';
import type { LambdaApiContext } from './context.js';
import { functionConfiguration, latestVersion, versionsInOrder } from './function-configuration.js';
import { paginate } from './pagination.js';

/** Answers ListFunctions: `$LATEST` of every function (every version with `FunctionVersion=ALL`), by name. */
export function handleListFunctions(ctx: LambdaApiContext, res: ServerResponse, query: string): void {
  const functionVersion = queryParam(query, 'FunctionVersion');
  if (functionVersion !== undefined && functionVersion !== 'ALL') {
    throw new HttpError(
      400,
      'InvalidParameterValueException',
      `1 validation error detected: Value '${functionVersion}' at 'functionVersion' failed to satisfy constraint: Member must satisfy enum value set: [ALL]`,
    );
  }
  const configurations = ctx.registry.list.flatMap((fn) =>
    (functionVersion === 'ALL' ? versionsInOrder(fn) : [latestVersion(fn)]).map((v) =>
      functionConfiguration(fn, v, ctx.startedAt),
    ),
  );
  const page = paginate(configurations, query, 50, 10_000);
  sendJson(res, 200, { Functions: page.items, ...(page.nextMarker ? { NextMarker: page.nextMarker } : {}) });
}
