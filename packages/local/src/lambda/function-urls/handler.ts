/**
 * Serving Function URLs on the front door's port: `/lambda-url/<deployed-name>/<path>?<query>`.
 * `AWS_IAM` URLs need a SigV4 signature for service `lambda` (403 otherwise); `NONE` URLs take anything.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type AdmissionRules, admit } from '../../http/admission.js';
import { answerError, HttpError } from '../../http/errors.js';
import type { SigV4Verifier } from '../../http/sigv4.js';
import type { LambdaApiContext } from '../api/context.js';
import { MAX_SYNC_PAYLOAD } from '../api/invoke.js';
import { ConcurrencyLimitError, type InvocationResult } from '../types.js';
import { buildUrlEvent, type IamAuthorizer } from './event.js';
import { internalError, mapUrlResult, type UrlResponse } from './result.js';

/** The path prefix of Function URLs. */
export const LAMBDA_URL_PREFIX = '/lambda-url/';

/** The 413 answer of a Function URL for a body over the buffered payload limit. */
function urlTooLarge(limit: number): HttpError {
  return new HttpError(413, 'RequestTooLargeException', `Request must be smaller than ${limit} bytes`, {
    messageKey: 'Message',
  });
}

/** An `AWS_IAM` URL: bodies up to 6 MB, signed (403 `Forbidden` when not), the signature verified. */
const IAM_ADMISSION: AdmissionRules = {
  limit: MAX_SYNC_PAYLOAD,
  tooLarge: urlTooLarge,
  unsigned: () => new HttpError(403, 'AccessDeniedException', 'Forbidden', { messageKey: 'Message' }),
};
/** A `NONE` URL: bodies up to 6 MB, any signature ignored (the caller is anonymous). */
const PUBLIC_ADMISSION: AdmissionRules = { limit: MAX_SYNC_PAYLOAD, tooLarge: urlTooLarge, signature: 'ignore' };

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
        const iam = fn.url.authType === 'AWS_IAM';
        const { body, caller } = await admit(req, verifier, iam ? IAM_ADMISSION : PUBLIC_ADMISSION);

        let authorizer: IamAuthorizer | undefined;
        let accountId = 'anonymous';
        if (iam) {
          if (caller.kind === 'anonymous' || caller.service !== 'lambda') {
            throw new HttpError(403, 'AccessDeniedException', 'Forbidden', { messageKey: 'Message' });
          }
          // IAM: `lambda:InvokeFunctionUrl` on the function (a function's role is granted none by its policy)
          const authorizing = ctx.guard?.authorize(caller, 'function-url', [
            { action: 'lambda:InvokeFunctionUrl', resource: fn.arn },
          ]);
          if (authorizing !== undefined) await authorizing;
          accountId = fn.accountId;
          authorizer = {
            accessKey: caller.accessKeyId,
            accountId: fn.accountId,
            callerId: caller.accessKeyId,
            cognitoIdentity: null,
            principalOrgId: null,
            userArn: `arn:aws:iam::${fn.accountId}:user/${caller.accessKeyId}`,
            userId: caller.accessKeyId,
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
          if (error instanceof ConcurrencyLimitError) {
            throw new HttpError(429, 'TooManyRequestsException', 'Rate Exceeded.', { messageKey: 'Message' });
          }
          ctx.log(`function URL ${fn.deployedName}: ${error instanceof Error ? error.message : String(error)}`);
          write(res, internalError(), requestId);
          return;
        }
        write(res, mapUrlResult(result.payload, result.functionError !== undefined), requestId);
      } catch (error) {
        answerError(ctx.log, res, error, ctx.debug);
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
