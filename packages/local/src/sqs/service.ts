/**
 * SQS behind the front door, on the AWS JSON 1.0 protocol (`x-amz-target: AmazonSQS.<Op>`) and the older query
 * protocol (form-encoded `Action=<Op>`, XML answers; `query-protocol.ts`). Queues are kept in
 * `<state>/sqs` (`queues.json` and a log per queue: `store/`), in memory with `--ephemeral` (see
 * docs/design/events.md). A queue is also a destination: `destinations(arn)` sends to it.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type AdmissionRules, JSON_SERVICE_ADMISSION } from '../http/admission.js';
import type { DestinationResolver } from '../lambda/async/index.js';
import { SqsError } from './errors.js';
import {
  changeMessageVisibility,
  changeMessageVisibilityBatch,
  deleteMessage,
  deleteMessageBatch,
  receiveMessage,
  sendMessage,
  sendMessageBatch,
} from './messages.js';
import { decodeQuery, encodeQueryError, encodeQueryResult } from './query-protocol.js';
import {
  createQueue,
  deleteQueue,
  getQueueAttributes,
  getQueueUrl,
  listQueues,
  purgeQueue,
  setQueueAttributes,
} from './queue-operations.js';
import { QueueDirectory } from './queues.js';

/** Options of {@link createSqsService}. */
export interface SqsServiceOptions {
  readonly region: string;
  readonly accountId: string;
  /** `<state>/sqs`: queues and their messages are kept there (undefined: in memory, `--ephemeral`). */
  readonly dir?: string | undefined;
  /** Runtime messages (a torn tail cut at start). */
  readonly say?: ((line: string) => void) | undefined;
  /** A queue's log is compacted over this size when most of it is dead (default 1 MiB). */
  readonly compactAboveBytes?: number | undefined;
}

type Operation = (queues: QueueDirectory, input: Record<string, unknown>, host: string) => unknown;

const OPERATIONS = {
  CreateQueue: createQueue,
  GetQueueUrl: getQueueUrl,
  ListQueues: listQueues,
  DeleteQueue: deleteQueue,
  GetQueueAttributes: getQueueAttributes,
  SetQueueAttributes: setQueueAttributes,
  PurgeQueue: purgeQueue,
  SendMessage: sendMessage,
  SendMessageBatch: sendMessageBatch,
  ReceiveMessage: receiveMessage,
  DeleteMessage: deleteMessage,
  DeleteMessageBatch: deleteMessageBatch,
  ChangeMessageVisibility: changeMessageVisibility,
  ChangeMessageVisibilityBatch: changeMessageVisibilityBatch,
} satisfies Readonly<Record<string, Operation>>;
const OPERATION_BY_NAME: Readonly<Record<string, Operation>> = OPERATIONS;

const CONTENT_TYPE = 'application/x-amz-json-1.0';
const FORM = 'application/x-www-form-urlencoded';

/** The SQS service. */
export interface SqsService {
  readonly admission: AdmissionRules;
  handle(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void>;
  /** Queues as destinations (rule targets, async destinations): their ARN → a target that sends the message. */
  readonly destinations: DestinationResolver;
  /** The queues (by name, URL or ARN): what event source mappings read. */
  readonly queues: QueueDirectory;
  /** Waits for pending writes and closes the queues' logs. */
  close(): Promise<void>;
  /**
   * Runs one operation in process, as a client's request would run it (the event source mappings read queues this
   * way): its JSON output, or a rejection with {@link SqsError}. Queue URLs may name any host.
   */
  run(operation: SqsOperationName, input: Record<string, unknown>): Promise<unknown>;
}

/** The operations {@link SqsService.run} takes. */
export type SqsOperationName = keyof typeof OPERATIONS;

/**
 * Creates the service with the queues kept in `dir` (read back now: throws `QueueLogError` naming a damaged log), or
 * none in memory.
 *
 * @example
 * const sqs = createSqsService({ region: 'us-east-1', accountId: '000000000000', dir: '.lambdaport/sqs', say: console.error });
 * const door = await startFrontDoor({ functions, invoker, services: { sqs } });
 */
export function createSqsService(options: SqsServiceOptions): SqsService {
  const queues = new QueueDirectory(
    options.region,
    options.accountId,
    options.dir === undefined
      ? undefined
      : { dir: options.dir, say: options.say ?? (() => {}), compactAboveBytes: options.compactAboveBytes },
  );
  queues.restore();

  async function handle(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    const requestId = randomUUID();
    if (req.headers['x-amz-target'] === undefined && String(req.headers['content-type']).startsWith(FORM)) {
      await handleQuery(req, res, body, requestId);
      return;
    }
    try {
      const target = String(req.headers['x-amz-target'] ?? '');
      const name = target.startsWith('AmazonSQS.') ? target.slice('AmazonSQS.'.length) : undefined;
      const operation = name === undefined ? undefined : OPERATION_BY_NAME[name];
      if (req.method !== 'POST' || operation === undefined) {
        throw new SqsError(
          'UnsupportedOperation',
          'AWS.SimpleQueueService.UnsupportedOperation',
          `Unknown operation ${target === '' ? '(no x-amz-target)' : target}`,
        );
      }
      let input: unknown;
      try {
        input = body.length === 0 ? {} : (JSON.parse(body.toString('utf8')) as unknown);
      } catch (error) {
        throw new SqsError(
          'InvalidParameterValueException',
          'InvalidParameterValue',
          `Could not parse the request body as JSON: ${(error as Error).message}`,
        );
      }
      if (input === null || typeof input !== 'object' || Array.isArray(input)) {
        throw new SqsError(
          'InvalidParameterValueException',
          'InvalidParameterValue',
          'Expected the request body to be a JSON object',
        );
      }
      const host = req.headers.host ?? '127.0.0.1';
      send(res, 200, requestId, await operation(queues, input as Record<string, unknown>, host));
    } catch (error) {
      const failure =
        error instanceof SqsError
          ? error
          : new SqsError('InternalError', 'InternalError', error instanceof Error ? error.message : String(error), 500);
      send(res, failure.statusCode, requestId, failure.toJSON(), `${failure.queryCode};Sender`);
    }
  }

  /** The query protocol: the same operations, form-encoded in, XML out. */
  async function handleQuery(
    req: IncomingMessage,
    res: ServerResponse,
    body: Buffer,
    requestId: string,
  ): Promise<void> {
    const { action, input } = decodeQuery(body);
    let status = 200;
    let xml: string;
    try {
      const operation = OPERATION_BY_NAME[action];
      if (req.method !== 'POST' || operation === undefined) {
        throw new SqsError('InvalidAction', 'InvalidAction', `The action ${action} is not valid for this endpoint.`);
      }
      xml = encodeQueryResult(action, await operation(queues, input, req.headers.host ?? '127.0.0.1'), requestId);
    } catch (error) {
      const failure =
        error instanceof SqsError
          ? error
          : new SqsError('InternalError', 'InternalError', error instanceof Error ? error.message : String(error), 500);
      status = failure.statusCode;
      xml = encodeQueryError(failure, requestId);
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    res.writeHead(status, {
      'content-type': 'text/xml',
      'content-length': Buffer.byteLength(xml),
      'x-amzn-requestid': requestId,
    });
    res.end(xml);
  }

  return {
    admission: JSON_SERVICE_ADMISSION,
    handle,
    queues,
    close: () => queues.close(),
    run: async (operation, input) => (OPERATIONS[operation] as Operation)(queues, input, '127.0.0.1'),
    destinations: (arn) => {
      if (!arn.startsWith('arn:aws:sqs:')) return undefined;
      const queue = queues.byArn(arn);
      if (queue === undefined) return undefined;
      return {
        arn,
        deliver: async (message) => {
          const body = message.toString('utf8');
          queue.send({
            body,
            groupId: queue.fifo ? 'lambdaport' : undefined,
            deduplicationId: queue.fifo ? randomUUID() : undefined,
          });
          await queue.synced();
        },
      };
    },
  };
}

function send(res: ServerResponse, status: number, requestId: string, body: unknown, queryError?: string): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': CONTENT_TYPE,
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': requestId,
    ...(queryError === undefined ? {} : { 'x-amzn-query-error': queryError }),
  });
  res.end(text);
}
