/**
 * Serving Function URLs on the front door's port: `/lambda-url/<deployed-name>/<path>?<query>`.
 * `AWS_IAM` URLs need a SigV4 signature for service `lambda` (403 otherwise); `NONE` URLs take anything.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, readBody } from '../../http/body.js';
import { answerError, HttpError } from '../../http/errors.js';
import type { SigV4Verifier } from '../../http/sigv4.js';
import type { LambdaApiContext } from '../api/context.js';
import { MAX_SYNC_PAYLOAD } from '../api/invoke.js';
import type { InvocationResult } from '../types.js';
import { buildUrlEvent, type IamAuthorizer } from './event.js';
import { internalError, mapUrlResult, type UrlResponse } from './result.js';

/** The path prefix of Function URLs. */
export const LAMBDA_URL_PREFIX = '/lambda-url/';

/** Function URL requests as one handler. */
export interface FunctionUrls {
  /** Handles a request whose path starts with {@link LAMBDA_URL_PREFIX}. Never rejects. */
  handle(req: IncomingMessage, res: ServerResponse, path: string, query: string): Promise<void>;
}

/**
 * Creates the Function URL handler.
 *
 * @example
 * const urls = createFunctionUrls(ctx, verifier);
 * if (path.startsWith(LAMBDA_URL_PREFIX)) await urls.handle(req, res, path, query);
 */
export function createFunctionUrls(ctx: LambdaApiContext, verifier: SigV4Verifier): FunctionUrls {
  return {
    async handle(req, res, path, query) {
      try {
        const nameEnd = path.indexOf('/', LAMBDA_URL_PREFIX.length);
        const name = path.slice(LAMBDA_URL_PREFIX.length, nameEnd < 0 ? path.length : nameEnd);
        const rawPath = nameEnd < 0 ? '/' : path.slice(nameEnd);
        const fn = ctx.registry.get(name);
        if (fn === undefined || fn.url === undefined) {
          throw new HttpError(
            404,
            'ResourceNotFoundException',
            `No Function URL is configured for '${name}'. Function URLs are served at /lambda-url/<deployed-name>/.`,
            { messageKey: 'Message' },
          );
        }
        let body: Buffer;
        try {
          body = await readBody(req, MAX_SYNC_PAYLOAD);
        } catch (error) {
          if (error instanceof BodyTooLargeError) {
            throw new HttpError(
              413,
              'RequestTooLargeException',
              `Request must be smaller than ${MAX_SYNC_PAYLOAD} bytes`,
              {
                messageKey: 'Message',
              },
            );
          }
          throw error;
        }

        let authorizer: IamAuthorizer | undefined;
        let accountId = 'anonymous';
        if (fn.url.authType === 'AWS_IAM') {
          const outcome = await verifier.verify({
            method: req.method ?? 'GET',
            url: req.url ?? path,
            headers: req.headers,
            body,
          });
          if (outcome.kind === 'invalid') throw new HttpError(403, 'InvalidSignatureException', outcome.message);
          if (outcome.kind === 'unsigned' || outcome.authorization.service !== 'lambda') {
            throw new HttpError(403, 'AccessDeniedException', 'Forbidden', { messageKey: 'Message' });
          }
          accountId = fn.accountId;
          authorizer = {
            accessKey: outcome.authorization.accessKeyId,
            accountId: fn.accountId,
            callerId: outcome.authorization.accessKeyId,
            cognitoIdentity: null,
            principalOrgId: null,
            userArn: `arn:aws:iam::${fn.accountId}:user/${outcome.authorization.accessKeyId}`,
            userId: outcome.authorization.accessKeyId,
          };
        }

        const requestId = randomUUID();
        const event = buildUrlEvent(req, {
          rawPath,
          rawQuery: query,
          body,
          requestId,
          apiId: fn.deployedName,
          accountId,
          authorizer,
          now: Date.now(),
        });
        let result: InvocationResult;
        try {
          result = await ctx.invoker.invoke(fn, '$LATEST', {
            requestId,
            payload: Buffer.from(JSON.stringify(event)),
            clientContext: undefined,
            invokedFunctionArn: fn.arn,
            tail: false,
          });
        } catch (error) {
          if (error instanceof Error && error.name === 'TooManyRequestsException') {
            throw new HttpError(429, 'TooManyRequestsException', 'Rate Exceeded.', { messageKey: 'Message' });
          }
          ctx.log(`function URL ${fn.deployedName}: ${error instanceof Error ? error.message : String(error)}`);
          write(res, internalError(), requestId);
          return;
        }
        write(res, mapUrlResult(result.payload, result.functionError !== undefined), requestId);
      } catch (error) {
        answerError(ctx.log, res, error);
      }
    },
  };
}

function write(res: ServerResponse, response: UrlResponse, requestId: string): void {
  const headers: string[] = [];
  for (const [name, value] of response.headers) headers.push(name, value);
  headers.push('content-length', String(response.body.length), 'x-amzn-requestid', requestId);
  res.writeHead(response.status, headers);
  res.end(response.body);
}
