/**
 * What the front door (src/server.ts) hands requests to. The SSM and DynamoDB services implement it; the
 * front door picks one by `x-amz-target` (`AmazonSSM.*` → ssm, `DynamoDB_20120810.*` → dynamodb) or, failing
 * that, by the service named in the SigV4 credential scope (`.../ssm/aws4_request`, `.../dynamodb/aws4_request`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AdmissionRules } from './admission.js';

/**
 * One AWS service behind the front door.
 *
 * Contract: the front door admits the request first (`./admission.ts`: the whole body up to `admission.limit`, else 413; the
 * SigV4 signature checked when the access key is one it knows, 403 `InvalidSignatureException` otherwise), then
 * calls `handle(req, res, body)` with the body already read: `req`'s stream is consumed, so use `body`.
 * The service must always answer (`res.end()`), AWS-shaped on errors (see `sendJsonError` in `./errors.js`). A
 * thrown error or rejected promise is caught by the front door and answered `500 ServiceException` if no response
 * was started; the server keeps serving.
 *
 * @example
 * const ssm: Service = {
 *   admission: JSON_SERVICE_ADMISSION,
 *   handle(req, res, body) {
 *     const input = JSON.parse(body.toString('utf8'));
 *     res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' }).end('{}');
 *   },
 * };
 */
export interface Service {
  /** How the front door admits this service's requests (body limit and its 413; signatures). */
  readonly admission: AdmissionRules;
  handle(req: IncomingMessage, res: ServerResponse, body: Buffer): void | Promise<void>;
}

/** The services the front door can route to besides Lambda. Each is optional. */
export interface Services {
  readonly ssm?: Service | undefined;
  readonly dynamodb?: Service | undefined;
  /** EventBridge (`AWSEvents.*`, SigV4 scope `events`). */
  readonly eventBridge?: Service | undefined;
  /** SQS on the JSON 1.0 protocol (`AmazonSQS.*`, SigV4 scope `sqs`). */
  readonly sqs?: Service | undefined;
}
