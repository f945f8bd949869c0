/**
 * Running invocations as the managed Node.js runtime does: the context object, async handlers (their promise),
 * callback handlers (`callbackWaitsForEmptyEventLoop`: the result waits for `beforeExit`), sync handlers (answered
 * `null` once the loop empties), and the result or the thrown error posted to the Runtime API. Builtins only.
 */
import consoleFormat = require('./console.cjs');
import errors = require('./errors.cjs');

import type { Callback, Context, Handler, Reply, ResultSink } from './types.cjs';

const { logError } = consoleFormat;
const { toPayload } = errors;
const env = process.env;

function parseJson(text: string | undefined): unknown {
  if (text === undefined || text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The invocations of this process, one at a time.
 *
 * @example
 * const invocations = new Invocations(client);
 * await invocations.run(handler, await client.next()); // resolves once the result is posted (not answered)
 */
class Invocations {
  /** The request id of the invocation in progress (of the last one between two; undefined during init). */
  requestId: string | undefined;
  /** A result waiting for the event loop to empty (callback handlers with callbackWaitsForEmptyEventLoop). */
  private waitingForEmptyLoop: (() => void) | undefined;

  constructor(private readonly sink: ResultSink) {
    process.on('beforeExit', () => {
      const post = this.waitingForEmptyLoop;
      this.waitingForEmptyLoop = undefined;
      post?.();
    });
  }

  /** Runs `handler` on the event of `next`; resolves once its result (or error) has been written to the sink. */
  run(handler: Handler, next: Reply): Promise<void> {
    const id = String(next.headers['lambda-runtime-aws-request-id'] ?? '');
    const deadline = Number(next.headers['lambda-runtime-deadline-ms'] ?? Date.now() + 3000);
    const trace = next.headers['lambda-runtime-trace-id'];
    if (typeof trace === 'string') env._X_AMZN_TRACE_ID = trace;
    else delete env._X_AMZN_TRACE_ID;
    this.requestId = id;

    return new Promise<void>((resolve) => {
      let settled = false;
      const respond = (error: unknown, result: unknown): void => {
        if (settled) return;
        settled = true;
        this.waitingForEmptyLoop = undefined;
        if (error !== undefined && error !== null) {
          const payload = toPayload(error);
          logError(id, 'Invoke Error', payload);
          void this.sink.postError(id, payload);
        } else {
          let body: string;
          try {
            body = JSON.stringify(result) ?? 'null';
          } catch (stringifyError) {
            settled = false;
            respond(stringifyError, undefined);
            return;
          }
          void this.sink.postResponse(id, body);
        }
        resolve();
      };

      const context: Context = {
        callbackWaitsForEmptyEventLoop: true,
        functionName: env.AWS_LAMBDA_FUNCTION_NAME ?? '',
        functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION ?? '$LATEST',
        invokedFunctionArn: String(next.headers['lambda-runtime-invoked-function-arn'] ?? ''),
        memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? '128',
        awsRequestId: id,
        logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME ?? '',
        logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME ?? '',
        clientContext: parseJson(next.headers['lambda-runtime-client-context']),
        identity: parseJson(next.headers['lambda-runtime-cognito-identity']),
        getRemainingTimeInMillis: () => deadline - Date.now(),
        done: (error, result) => callback(error, result),
        succeed: (result) => callback(null, result),
        fail: (error) => callback(error ?? 'handled', undefined),
      };

      const callback: Callback = (error, result) => {
        if (settled) return;
        if (context.callbackWaitsForEmptyEventLoop) {
          this.waitingForEmptyLoop = () => respond(error, result);
        } else {
          respond(error, result);
        }
      };

      let event: unknown;
      try {
        event = next.body.length === 0 ? {} : JSON.parse(next.body.toString('utf8'));
      } catch (error) {
        respond(error, undefined);
        return;
      }

      try {
        const returned = handler(event, context, callback);
        if (
          returned !== null &&
          typeof returned === 'object' &&
          typeof (returned as Promise<unknown>).then === 'function'
        ) {
          (returned as Promise<unknown>).then(
            (result) => respond(undefined, result),
            (error: unknown) => respond(error ?? new Error('Promise rejected with a nullish value'), undefined),
          );
        } else if (!settled && this.waitingForEmptyLoop === undefined && handler.length < 3) {
          // a sync handler that neither returned a promise nor takes a callback: answer when the loop empties
          this.waitingForEmptyLoop = () => respond(undefined, null);
        }
      } catch (error) {
        respond(error, undefined);
      }
    });
  }
}

export = { Invocations };
