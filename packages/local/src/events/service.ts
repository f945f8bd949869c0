/**
 * EventBridge behind the front door: the AWS JSON 1.1 protocol (`x-amz-target: AWSEvents.<Op>`). See
 * docs/design/events.md.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type AdmissionRules, JSON_SERVICE_ADMISSION } from '../http/admission.js';
import type { DestinationResolver } from '../lambda/async/index.js';
import { createEventBus, deleteEventBus, describeEventBus, listEventBuses } from './buses.js';
import type { EventsContext } from './context.js';
import { EventsError } from './errors.js';
import { putEvents } from './put-events.js';
import {
  deleteRule,
  describeRule,
  listRules,
  listTargetsByRule,
  putRule,
  putTargets,
  removeTargets,
  testEventPattern,
} from './rules.js';
import { EventBridgeStore } from './store.js';

type Operation = (context: EventsContext, input: Record<string, unknown>) => unknown;

const OPERATIONS = {
  PutEvents: putEvents,
  PutRule: putRule,
  DescribeRule: describeRule,
  ListRules: listRules,
  DeleteRule: deleteRule,
  PutTargets: putTargets,
  ListTargetsByRule: listTargetsByRule,
  RemoveTargets: removeTargets,
  TestEventPattern: testEventPattern,
  CreateEventBus: createEventBus,
  DescribeEventBus: describeEventBus,
  ListEventBuses: listEventBuses,
  DeleteEventBus: deleteEventBus,
} satisfies Readonly<Record<string, Operation>>;
const OPERATION_BY_NAME: Readonly<Record<string, Operation>> = OPERATIONS;

/** The operations {@link EventBridgeService.run} takes. */
export type EventsOperationName = keyof typeof OPERATIONS;

const CONTENT_TYPE = 'application/x-amz-json-1.1';

/** Options of {@link createEventBridgeService}. */
export interface EventBridgeServiceOptions {
  /** `<state>/events/buses.json`; undefined keeps buses and rules in memory (`--ephemeral`). */
  readonly file: string | undefined;
  readonly region: string;
  readonly accountId: string;
  /** Where targets' events go: the async events' destinations (functions as `Event` invocations, later queues). */
  readonly destinations: DestinationResolver;
  readonly say: (line: string) => void;
}

/** The EventBridge service. */
export interface EventBridgeService {
  readonly admission: AdmissionRules;
  handle(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void>;
  /** Settles when every change is on disk (writes nothing itself: no file until something changes). */
  close(): Promise<void>;
  /**
   * Runs one operation in process, as a request would run it (the config's buses and rules are made this way): its
   * JSON output, or a rejection with {@link EventsError}.
   */
  run(operation: EventsOperationName, input: Record<string, unknown>): Promise<unknown>;
}

/**
 * Opens the store (reading `file` when it exists; throws EventBridgeStateError when it is not this store's) and
 * returns the service.
 *
 * @example
 * const eventBridge = createEventBridgeService({ file, region, accountId, destinations: events.destinations, say });
 * const door = await startFrontDoor({ functions, invoker, events, services: { eventBridge } });
 */
export function createEventBridgeService(options: EventBridgeServiceOptions): EventBridgeService {
  const store = EventBridgeStore.open(options.file);
  const context: EventsContext = { ...options, store };

  async function handle(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    const requestId = randomUUID();
    try {
      const target = String(req.headers['x-amz-target'] ?? '');
      const name = target.startsWith('AWSEvents.') ? target.slice('AWSEvents.'.length) : undefined;
      const operation = name === undefined ? undefined : OPERATION_BY_NAME[name];
      if (req.method !== 'POST' || operation === undefined) {
        throw new EventsError(
          'UnknownOperationException',
          `Unknown operation ${target === '' ? '(no x-amz-target)' : target}`,
        );
      }
      let input: unknown;
      try {
        input = body.length === 0 ? {} : (JSON.parse(body.toString('utf8')) as unknown);
      } catch (error) {
        throw new EventsError(
          'SerializationException',
          `Could not parse the request body as JSON: ${(error as Error).message}`,
        );
      }
      if (input === null || typeof input !== 'object' || Array.isArray(input)) {
        throw new EventsError('SerializationException', 'Expected the request body to be a JSON object');
      }
      send(res, 200, requestId, await operation(context, input as Record<string, unknown>));
    } catch (error) {
      const failure =
        error instanceof EventsError
          ? error
          : new EventsError('InternalException', error instanceof Error ? error.message : String(error), 500);
      send(res, failure.statusCode, requestId, failure.toJSON());
    }
  }

  return {
    admission: JSON_SERVICE_ADMISSION,
    handle,
    close: () => store.settled(),
    run: async (operation, input) => (OPERATIONS[operation] as Operation)(context, input),
  };
}

function send(res: ServerResponse, status: number, requestId: string, body: unknown): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': CONTENT_TYPE,
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': requestId,
  });
  res.end(text);
}
