/**
 * `Invoke`: `POST /2015-03-31/functions/{FunctionName}/invocations[?Qualifier=]`.
 * RequestResponse (no header) → 200 with the result; Event → 202, run in the background; DryRun → 204.
 * Exact wire facts: docs/reference/lambda-invoke.md and docs/reference/async-invocation.md.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type AdmissionRules, ANONYMOUS, type Caller } from '../../http/admission.js';
import { HttpError } from '../../http/errors.js';
import { isJson } from '../../http/json-check.js';
import { queryParam } from '../../http/query.js';
import { ConcurrencyLimitError, type InvocationRequest, type InvocationResult } from '../types.js';
import type { LambdaApiContext } from './context.js';

/** Largest synchronous request payload AWS accepts (bytes). */
export const MAX_SYNC_PAYLOAD = 6_291_456;
/** Largest asynchronous (`Event`) request payload AWS accepts (bytes). */
export const MAX_ASYNC_PAYLOAD = 1_048_576;
/** Largest `X-Amz-Client-Context` (base64 text) AWS accepts (bytes). */
export const MAX_CLIENT_CONTEXT = 3_583;
/** `X-Amz-Log-Result` carries the last 4 KB of the log. */
export const TAIL_BYTES = 4_096;

const EMPTY_EVENT = Buffer.from('{}');

type InvocationType = 'RequestResponse' | 'Event' | 'DryRun';

/** The 413 answer AWS gives for an oversized Invoke request. */
export function invokeTooLarge(limit: number): HttpError {
  return new HttpError(
    413,
    'RequestTooLargeException',
    `Request must be smaller than ${limit} bytes for the InvokeFunction operation`,
  );
}

/**
 * How a synchronous Invoke request is admitted: a body up to {@link MAX_SYNC_PAYLOAD}, signed for `lambda`, the
 * signature verified.
 */
export const SYNC_INVOKE_ADMISSION: AdmissionRules = {
  limit: MAX_SYNC_PAYLOAD,
  tooLarge: invokeTooLarge,
  service: 'lambda',
};
/**
 * How an `Event` Invoke request is admitted: a body up to {@link MAX_ASYNC_PAYLOAD}, signed for `lambda`, the
 * signature verified.
 */
export const EVENT_INVOKE_ADMISSION: AdmissionRules = {
  limit: MAX_ASYNC_PAYLOAD,
  tooLarge: invokeTooLarge,
  service: 'lambda',
};

/** How an Invoke request is admitted, from its invocation type header. */
export function invokeAdmission(req: IncomingMessage): AdmissionRules {
  return req.headers['x-amz-invocation-type'] === 'Event' ? EVENT_INVOKE_ADMISSION : SYNC_INVOKE_ADMISSION;
}

/**
 * Handles one Invoke request whose body was already read (and its signature checked).
 * Throws {@link HttpError} for every AWS-shaped client error.
 */
export async function handleInvoke(
  ctx: LambdaApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  encodedName: string,
  query: string,
  body: Buffer,
  caller: Caller = ANONYMOUS,
): Promise<void> {
  const requestId = randomUUID();
  const target = ctx.registry.resolve(encodedName, queryParam(query, 'Qualifier'));
  // IAM names the function's ARN, qualified as the caller qualified it (an alias ARN is a resource of its own)
  const authorizing = ctx.guard?.authorize(caller, 'lambda', [
    { action: 'lambda:InvokeFunction', resource: target.invokedArn },
  ]);
  if (authorizing !== undefined) await authorizing;
  // node:http joins repeated custom headers into one string; only set-cookie is an array.
  const headers = req.headers as Record<string, string | undefined>;
  const invocationType = parseInvocationType(headers['x-amz-invocation-type']);
  const tail = parseLogType(headers['x-amz-log-type']);
  const clientContext = checkClientContext(headers['x-amz-client-context']);
  const payload = body.length === 0 ? EMPTY_EVENT : checkJson(body);

  if (invocationType === 'DryRun') {
    res.writeHead(204, { 'x-amzn-requestid': requestId });
    res.end();
    return;
  }

  ctx.onInvoke?.({
    function: target.fn.deployedName,
    version: target.version,
    invocationType,
    clientContext,
    signedBy: ctx.guard?.functionOf(caller),
  });

  const request: InvocationRequest = {
    requestId,
    payload,
    clientContext,
    invokedFunctionArn: target.invokedArn,
    tail: invocationType === 'RequestResponse' && tail,
  };

  if (invocationType === 'Event') {
    // durable (written and fsynced) before the 202, unless the queue is in memory (--ephemeral)
    try {
      await ctx.events.queue.accept({
        fn: target.fn,
        version: target.version,
        qualifier: target.qualifier,
        requestId,
        payload,
        clientContext,
        invokedFunctionArn: target.invokedArn,
      });
    } catch (error) {
      throw new HttpError(500, 'ServiceException', `The local runtime could not queue the event: ${String(error)}`, {
        type: 'Service',
        requestId,
      });
    }
    res.writeHead(202, {
      'content-length': 0,
      'x-amzn-requestid': requestId,
      'x-amz-executed-version': target.version,
    });
    res.end();
    return;
  }

  let result: InvocationResult;
  try {
    result = await ctx.invoker.invoke(target.fn, target.version, request);
  } catch (error) {
    throw toHttpError(error, requestId);
  }
  const responseHeaders: string[] = [
    'content-type',
    'application/json',
    'content-length',
    String(result.payload.length),
    'x-amzn-requestid',
    requestId,
    'x-amz-executed-version',
    result.executedVersion,
  ];
  if (result.functionError !== undefined) responseHeaders.push('x-amz-function-error', result.functionError);
  if (request.tail && result.log !== undefined) responseHeaders.push('x-amz-log-result', tailOf(result.log));
  res.writeHead(200, responseHeaders);
  res.end(result.payload);
}

/** Base64 of the last 4 KB of a log. */
export function tailOf(log: string): string {
  const bytes = Buffer.from(log, 'utf8');
  return (bytes.length > TAIL_BYTES ? bytes.subarray(bytes.length - TAIL_BYTES) : bytes).toString('base64');
}

function parseInvocationType(value: string | undefined): InvocationType {
  if (value === undefined || value === 'RequestResponse') return 'RequestResponse';
  if (value === 'Event' || value === 'DryRun') return value;
  throw new HttpError(
    400,
    'InvalidParameterValueException',
    `1 validation error detected: Value '${value}' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]`,
  );
}

function parseLogType(value: string | undefined): boolean {
  if (value === undefined || value === 'None') return false;
  if (value === 'Tail') return true;
  throw new HttpError(
    400,
    'InvalidParameterValueException',
    `1 validation error detected: Value '${value}' at 'logType' failed to satisfy constraint: Member must satisfy enum value set: [None, Tail]`,
  );
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Checks `X-Amz-Client-Context`: base64 of a JSON object, at most 3,583 bytes. Returns it as sent. */
export function checkClientContext(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (value.length > MAX_CLIENT_CONTEXT) {
    throw new HttpError(
      400,
      'InvalidRequestContentException',
      `Client context must be at most ${MAX_CLIENT_CONTEXT} bytes of base64-encoded JSON; got ${value.length} bytes (X-Amz-Client-Context header).`,
    );
  }
  let parsed: unknown;
  try {
    if (!BASE64.test(value) || value.length % 4 === 1) throw new Error('not base64');
    parsed = JSON.parse(Buffer.from(value, 'base64').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new HttpError(
      400,
      'InvalidRequestContentException',
      'Client context must be a valid Base64-encoded JSON object (X-Amz-Client-Context header).',
    );
  }
  return value;
}

/** The payload must be JSON; it is checked without being parsed (the function parses it). */
function checkJson(body: Buffer): Buffer {
  if (isJson(body)) return body;
  let why = 'not JSON';
  try {
    JSON.parse(body.toString('utf8'));
  } catch (error) {
    why = (error as Error).message; // JSON.parse's own words, as before
  }
  throw new HttpError(
    400,
    'InvalidRequestContentException',
    `Could not parse request body into json: Could not parse payload into json: ${why}`,
  );
}

function toHttpError(error: unknown, requestId: string): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof ConcurrencyLimitError) {
    return new HttpError(429, 'TooManyRequestsException', 'Rate Exceeded.', {
      requestId,
      fields: { Reason: error.reason, retryAfterSeconds: 1 },
      headers: { 'retry-after': '1' },
    });
  }
  return new HttpError(500, 'ServiceException', `The local runtime failed to run the function: ${String(error)}`, {
    type: 'Service',
    requestId,
  });
}
