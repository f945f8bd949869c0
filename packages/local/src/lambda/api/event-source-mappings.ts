/**
 * The event source mapping API (`/2015-03-31/event-source-mappings[/{UUID}]`): CreateEventSourceMapping (POST, 202),
 * ListEventSourceMappings (GET, `FunctionName`, `EventSourceArn`, `Marker`, `MaxItems`), GetEventSourceMapping (GET
 * `/{UUID}`), UpdateEventSourceMapping (PUT `/{UUID}`, 202) and DeleteEventSourceMapping (DELETE `/{UUID}`, 202).
 * The mappings themselves: `sqs/mappings/` (docs/design/events.md).
 */
import type { ServerResponse } from 'node:http';
import { HttpError } from '../../http/errors.js';
import { sendJson } from '../../http/json.js';
import { queryParam } from '../../http/query.js';
import type { Access } from '../../iam/guard.js';
import type { EventSourceMappings } from '../../sqs/mappings/mappings.js';
import { mappingArn } from '../../sqs/mappings/model.js';
import { parseMappingRequest } from '../../sqs/mappings/request.js';
import { paginate } from './pagination.js';

/** The path prefix of the API. */
export const EVENT_SOURCE_MAPPINGS = '/2015-03-31/event-source-mappings';

/** One of the five operations, and the mapping it names. */
export type EventSourceMappingRoute =
  | { readonly operation: 'CreateEventSourceMapping' | 'ListEventSourceMappings' }
  | {
      readonly operation: 'GetEventSourceMapping' | 'UpdateEventSourceMapping' | 'DeleteEventSourceMapping';
      readonly uuid: string;
    };

const BY_METHOD = {
  GET: 'GetEventSourceMapping',
  PUT: 'UpdateEventSourceMapping',
  DELETE: 'DeleteEventSourceMapping',
} as const;

/** The operation of a request under {@link EVENT_SOURCE_MAPPINGS}; 405 for a method the path does not take. */
export function matchEventSourceMappingRoute(method: string, path: string): EventSourceMappingRoute | undefined {
  const rest = path.slice(EVENT_SOURCE_MAPPINGS.length);
  if (rest === '' || rest === '/') {
    if (method === 'POST') return { operation: 'CreateEventSourceMapping' };
    if (method === 'GET') return { operation: 'ListEventSourceMappings' };
    throw notAllowed(method, path, 'POST, GET');
  }
  const match = /^\/([^/]+)\/?$/.exec(rest);
  if (match === null) return undefined;
  const operation = BY_METHOD[method as keyof typeof BY_METHOD];
  if (operation === undefined) throw notAllowed(method, path, 'GET, PUT, DELETE');
  let uuid = match[1]!;
  try {
    uuid = decodeURIComponent(uuid);
  } catch {
    // not a UUID of ours either way: answered 404 by the operation
  }
  return { operation, uuid };
}

/** The IAM access of a request: `*` for Create and List, the mapping's ARN for the others. */
export function eventSourceMappingAccess(route: EventSourceMappingRoute, region: string, accountId: string): Access {
  const resource = 'uuid' in route ? mappingArn(region, accountId, route.uuid) : '*';
  return { action: `lambda:${route.operation}`, resource };
}

/**
 * Answers one operation.
 *
 * @example
 * await handleEventSourceMapping(mappings, res, { operation: 'ListEventSourceMappings' }, 'MaxItems=10', Buffer.alloc(0));
 */
export async function handleEventSourceMapping(
  mappings: EventSourceMappings,
  res: ServerResponse,
  route: EventSourceMappingRoute,
  query: string,
  body: Buffer,
): Promise<void> {
  switch (route.operation) {
    case 'CreateEventSourceMapping': {
      const mapping = await mappings.create(parseMappingRequest(body));
      sendJson(res, 202, mappings.describe(mapping, 'Creating'));
      return;
    }
    case 'ListEventSourceMappings': {
      const all = mappings.list({
        functionName: queryParam(query, 'FunctionName'),
        eventSourceArn: queryParam(query, 'EventSourceArn'),
      });
      const page = paginate(all, query, 100, 10_000);
      sendJson(res, 200, {
        EventSourceMappings: page.items.map((m) => mappings.describe(m)),
        ...(page.nextMarker !== undefined ? { NextMarker: page.nextMarker } : {}),
      });
      return;
    }
    case 'GetEventSourceMapping':
      sendJson(res, 200, mappings.describe(mappings.get(route.uuid)));
      return;
    case 'UpdateEventSourceMapping': {
      const request = parseMappingRequest(body);
      const before = mappings.get(route.uuid);
      const after = await mappings.update(route.uuid, request);
      const state = before.enabled === after.enabled ? 'Updating' : after.enabled ? 'Enabling' : 'Disabling';
      sendJson(res, 202, mappings.describe(after, state));
      return;
    }
    case 'DeleteEventSourceMapping': {
      const mapping = await mappings.delete(route.uuid);
      sendJson(res, 202, mappings.describe(mapping, 'Deleting'));
      return;
    }
  }
}

function notAllowed(method: string, path: string, allowed: string): HttpError {
  return new HttpError(
    405,
    'MethodNotAllowedException',
    `${method} is not supported on ${path}; the operations there take ${allowed}.`,
    { headers: { allow: allowed } },
  );
}
