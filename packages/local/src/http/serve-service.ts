/**
 * The front door's serving of the JSON services (SSM, DynamoDB, EventBridge, SQS): admission (body, signature), the
 * IAM check of a function role's request (what it asks: `iam/service-accesses.ts`, `iam/events-accesses.ts`), then
 * the service itself; errors AWS-shaped (XML for a client of SQS's query protocol).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { eventBridgeAccesses, sqsAccesses } from '../iam/events-accesses.js';
import type { Guard } from '../iam/guard.js';
import { dynamodbAccesses, ssmAccesses } from '../iam/service-accesses.js';
import { SqsError } from '../sqs/errors.js';
import { encodeQueryError } from '../sqs/query-protocol.js';
import { admit } from './admission.js';
import { answerError, HttpError } from './errors.js';
import type { Service, Services } from './service.js';
import type { SigV4Verifier } from './sigv4.js';

/** Serves one request of a JSON service. */
export async function serveService(
  name: keyof Services,
  service: Service | undefined,
  verifier: SigV4Verifier,
  guard: Guard,
  scope: { readonly region: string; readonly accountId: string },
  log: (line: string) => void,
  debug: (line: string) => void,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  try {
    if (service === undefined) {
      req.resume();
      throw new HttpError(
        404,
        'UnknownOperationException',
        `The ${SERVICE_TITLES[name]} service is not running in this local runtime.`,
      );
    }
    const { body, caller } = await admit(req, verifier, service.admission);
    if (guard.isRole(caller)) {
      const target = String(req.headers['x-amz-target'] ?? '');
      const operation = target.slice(target.indexOf('.') + 1);
      const accesses =
        name === 'ssm'
          ? ssmAccesses(operation, body, scope)
          : name === 'dynamodb'
            ? dynamodbAccesses(operation, body, scope)
            : name === 'eventBridge'
              ? eventBridgeAccesses(operation, body, scope)
              : sqsAccesses(target === '' ? undefined : target, body, scope);
      const authorizing = guard.authorize(caller, name === 'eventBridge' ? 'events' : name, accesses);
      if (authorizing !== undefined) await authorizing;
    }
    await service.handle(req, res, body);
  } catch (error) {
    if (name === 'sqs' && req.headers['x-amz-target'] === undefined && error instanceof HttpError) {
      answerQueryError(res, error);
      return;
    }
    answerError(log, res, error, debug);
  }
}

/** An error of the front door (a denial, a bad signature) to a client of SQS's query protocol: XML, as SQS answers. */
function answerQueryError(res: ServerResponse, error: HttpError): void {
  if (res.headersSent || res.writableEnded) return;
  const requestId = randomUUID();
  const xml = encodeQueryError(new SqsError(error.errorType, error.errorType, error.message, error.status), requestId);
  res.writeHead(error.status, {
    'content-type': 'text/xml',
    'content-length': Buffer.byteLength(xml),
    'x-amzn-requestid': requestId,
  });
  res.end(xml);
}

const SERVICE_TITLES: Readonly<Record<keyof Services, string>> = {
  ssm: 'SSM',
  dynamodb: 'DynamoDB',
  eventBridge: 'EventBridge',
  sqs: 'SQS',
};
