/**
 * The event invoke config API (`/2019-09-25/functions/{name}/event-invoke-config[?Qualifier=]`):
 * PutFunctionEventInvokeConfig (PUT, replaces), UpdateFunctionEventInvokeConfig (POST, merges),
 * GetFunctionEventInvokeConfig (GET), DeleteFunctionEventInvokeConfig (DELETE, 204) and
 * ListFunctionEventInvokeConfigs (GET `.../event-invoke-config/list`). Shapes and validation as AWS answers them;
 * changes persist in `<state>/events/invoke-configs.json`. See docs/design/async-events.md.
 */
import type { ServerResponse } from 'node:http';
import { HttpError } from '../../http/errors.js';
import { sendJson } from '../../http/json.js';
import { queryParam } from '../../http/query.js';
import type { InvokeConfigFields, StoredInvokeConfig } from '../async/invoke-configs.js';
import type { LambdaApiContext } from './context.js';
import type { ResolvedFunction } from './function-name.js';
import { paginate } from './pagination.js';

/** The path prefix of the event invoke config API. */
export const LAMBDA_2019 = '/2019-09-25/functions';

const DESTINATION_ARN = /^$|^arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9-])+:([a-z]{2}(-gov)?-[a-z]+-\d{1})?:(\d{12})?:(.*)$/;

/** Which operation a request names. */
export type EventInvokeConfigOperation = 'Put' | 'Update' | 'Get' | 'Delete' | 'List';

/** Answers one event invoke config operation. */
export function handleEventInvokeConfig(
  ctx: LambdaApiContext,
  res: ServerResponse,
  operation: EventInvokeConfigOperation,
  name: string,
  query: string,
  body: Buffer,
): void {
  const configs = ctx.events.configs;
  if (operation === 'List') {
    const target = ctx.registry.resolve(name, undefined);
    if (target.qualifier !== undefined) {
      throw new HttpError(
        400,
        'InvalidParameterValueException',
        'This operation does not accept a qualified function name.',
      );
    }
    const all = configs
      .list(target.fn.deployedName)
      .map(({ qualifier, config }) => shape(`${target.fn.arn}:${qualifier}`, config));
    const page = paginate(all, query, 50, 50);
    sendJson(res, 200, {
      FunctionEventInvokeConfigs: page.items,
      ...(page.nextMarker !== undefined ? { NextMarker: page.nextMarker } : {}),
    });
    return;
  }
  const target = ctx.registry.resolve(name, queryParam(query, 'Qualifier'));
  const fnName = target.fn.deployedName;
  const arn = qualifiedArn(target);
  switch (operation) {
    case 'Get': {
      const config = configs.get(fnName, target.qualifier);
      if (config === undefined) throw noConfig(arn);
      sendJson(res, 200, shape(arn, config));
      return;
    }
    case 'Delete': {
      if (!configs.delete(fnName, target.qualifier)) {
        if (configs.get(fnName, target.qualifier) !== undefined) {
          throw new HttpError(
            400,
            'InvalidParameterValueException',
            `The EventInvokeConfig of ${arn} comes from the service config (${target.fn.configFile}, key functions.${target.fn.name}.async); change it there.`,
          );
        }
        throw noConfig(arn);
      }
      res.writeHead(204);
      res.end();
      return;
    }
    case 'Put':
    case 'Update': {
      const fields = parseBody(body);
      validate(ctx, fields);
      let next: InvokeConfigFields = fields;
      if (operation === 'Update') {
        const current = configs.get(fnName, target.qualifier);
        if (current === undefined) throw noConfig(arn);
        next = merge(current, fields);
      }
      const stored = configs.put(fnName, target.qualifier, next);
      sendJson(res, 200, shape(arn, stored));
      return;
    }
  }
}

function qualifiedArn(target: ResolvedFunction): string {
  return `${target.fn.arn}:${target.qualifier ?? '$LATEST'}`;
}

function noConfig(arn: string): HttpError {
  return new HttpError(404, 'ResourceNotFoundException', `The function ${arn} doesn't have an EventInvokeConfig`);
}

/** AWS's answer: every field it has, `DestinationConfig` always with both (empty when unset). */
function shape(arn: string, config: StoredInvokeConfig): object {
  const onSuccess = config.DestinationConfig?.OnSuccess?.Destination;
  const onFailure = config.DestinationConfig?.OnFailure?.Destination;
  return {
    LastModified: config.LastModified,
    FunctionArn: arn,
    ...(config.MaximumRetryAttempts !== undefined ? { MaximumRetryAttempts: config.MaximumRetryAttempts } : {}),
    ...(config.MaximumEventAgeInSeconds !== undefined
      ? { MaximumEventAgeInSeconds: config.MaximumEventAgeInSeconds }
      : {}),
    DestinationConfig: {
      OnSuccess: onSuccess !== undefined ? { Destination: onSuccess } : {},
      OnFailure: onFailure !== undefined ? { Destination: onFailure } : {},
    },
  };
}

function merge(current: InvokeConfigFields, change: InvokeConfigFields): InvokeConfigFields {
  return {
    MaximumRetryAttempts: change.MaximumRetryAttempts ?? current.MaximumRetryAttempts,
    MaximumEventAgeInSeconds: change.MaximumEventAgeInSeconds ?? current.MaximumEventAgeInSeconds,
    DestinationConfig: {
      OnSuccess: change.DestinationConfig?.OnSuccess ?? current.DestinationConfig?.OnSuccess,
      OnFailure: change.DestinationConfig?.OnFailure ?? current.DestinationConfig?.OnFailure,
    },
  };
}

function parseBody(body: Buffer): InvokeConfigFields {
  let parsed: unknown;
  try {
    parsed = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
  } catch {
    throw new HttpError(400, 'InvalidRequestContentException', 'Could not parse request body into json');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new HttpError(400, 'InvalidRequestContentException', 'Could not parse request body into json');
  }
  const body_ = parsed as Record<string, unknown>;
  const destination = (side: unknown, field: string): { Destination?: string } | undefined => {
    if (side === undefined || side === null) return undefined;
    const value = (side as Record<string, unknown>).Destination;
    if (value === undefined || value === null) return {};
    if (typeof value !== 'string') throw typeError(field, value);
    return { Destination: value };
  };
  const number = (value: unknown, field: string): number | undefined => {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value)) throw typeError(field, value);
    return value;
  };
  const destinations = body_.DestinationConfig as Record<string, unknown> | undefined;
  return {
    MaximumRetryAttempts: number(body_.MaximumRetryAttempts, 'MaximumRetryAttempts'),
    MaximumEventAgeInSeconds: number(body_.MaximumEventAgeInSeconds, 'MaximumEventAgeInSeconds'),
    DestinationConfig:
      destinations === undefined || destinations === null
        ? undefined
        : {
            OnSuccess: destination(destinations.OnSuccess, 'DestinationConfig.OnSuccess.Destination'),
            OnFailure: destination(destinations.OnFailure, 'DestinationConfig.OnFailure.Destination'),
          },
  };
}

function typeError(field: string, value: unknown): HttpError {
  return new HttpError(400, 'SerializationException', `Value ${JSON.stringify(value)} of ${field} has the wrong type`);
}

/** The model's constraints (ValidationException, all at once), then whether each destination exists. */
function validate(ctx: LambdaApiContext, fields: InvokeConfigFields): void {
  const problems: string[] = [];
  const retries = fields.MaximumRetryAttempts;
  if (retries !== undefined && retries > 2)
    problems.push(violation(retries, 'maximumRetryAttempts', 'less than or equal to 2'));
  if (retries !== undefined && retries < 0)
    problems.push(violation(retries, 'maximumRetryAttempts', 'greater than or equal to 0'));
  const age = fields.MaximumEventAgeInSeconds;
  if (age !== undefined && age > 21_600)
    problems.push(violation(age, 'maximumEventAgeInSeconds', 'less than or equal to 21600'));
  if (age !== undefined && age < 60)
    problems.push(violation(age, 'maximumEventAgeInSeconds', 'greater than or equal to 60'));
  const sides = [
    ['onSuccess', fields.DestinationConfig?.OnSuccess?.Destination],
    ['onFailure', fields.DestinationConfig?.OnFailure?.Destination],
  ] as const;
  for (const [side, arn] of sides) {
    if (arn === undefined) continue;
    if (arn.length > 350) {
      problems.push(
        `Value '${arn}' at 'destinationConfig.${side}.destination' failed to satisfy constraint: Member must have length less than or equal to 350`,
      );
    } else if (!DESTINATION_ARN.test(arn)) {
      problems.push(
        `Value '${arn}' at 'destinationConfig.${side}.destination' failed to satisfy constraint: Member must satisfy regular expression pattern: ${DESTINATION_ARN.source}`,
      );
    }
  }
  if (problems.length > 0) {
    throw new HttpError(
      400,
      'ValidationException',
      `${problems.length} validation error${problems.length === 1 ? '' : 's'} detected: ${problems.join('; ')}`,
    );
  }
  for (const [, arn] of sides) {
    if (arn === undefined || arn === '') continue;
    if (ctx.events.destinations(arn) === undefined) {
      throw new HttpError(
        400,
        'InvalidParameterValueException',
        `The destination ARN ${arn} is invalid: the local runtime serves no function, queue or bus with that ARN.`,
      );
    }
  }
}

function violation(value: number, field: string, constraint: string): string {
  return `Value '${value}' at '${field}' failed to satisfy constraint: Member must have value ${constraint}`;
}
