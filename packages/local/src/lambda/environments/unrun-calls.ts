/**
 * Calls answered without ever reaching an environment, logged like any other (START, the error, END, REPORT): the
 * function's code does not build, the Node its runtime asks for is not installed, or it waited for an environment
 * longer than its timeout.
 */
import type { InvocationRequest, InvocationResult, LocalFunction } from '../types.js';
import { initError, timedOut } from './faults.js';
import { InvocationLog } from './invocation-log.js';
import { endLine, reportLine, startLine, timedOutLine } from './platform-lines.js';

/** Where the lines go: the invoker's log sink (`line`, the invocation it belongs to). */
export type LineSink = ((fn: LocalFunction, version: string, requestId: string, line: string) => void) | undefined;

/**
 * An init error the environment never got to raise (a failed build, a missing Node): `Unhandled`, `errorType`.
 *
 * @example
 * return initFailure(fn, '$LATEST', request, 'Runtime.UserCodeSyntaxError', 'handlers.ts:3: Expected ";"', sink);
 */
export function initFailure(
  fn: LocalFunction,
  version: string,
  request: InvocationRequest,
  errorType: string,
  errorMessage: string,
  sink: LineSink,
): InvocationResult {
  const payload = initError(errorType, errorMessage);
  const error = `${new Date().toISOString()}\t${request.requestId}\tERROR\tInit Error \t${payload.toString('utf8')}`;
  return answer(fn, version, request, payload, [error], { status: 'error', errorType, durationMs: 0 }, sink);
}

/**
 * A call that waited for an environment (the local cap, the memory budget) for the whole of its function's timeout:
 * answered as timed out, as AWS answers a call whose time ran out.
 *
 * @example
 * return waitedTooLong(fn, '$LATEST', request, sink);
 */
export function waitedTooLong(
  fn: LocalFunction,
  version: string,
  request: InvocationRequest,
  sink: LineSink,
): InvocationResult {
  const seconds = fn.timeoutSeconds;
  const payload = timedOut(request.requestId, seconds);
  const line = `${timedOutLine(request.requestId, seconds)} (waiting for an execution environment)`;
  const fault = { status: 'timeout', errorType: 'Sandbox.Timedout', durationMs: seconds * 1000 };
  return answer(fn, version, request, payload, [line], fault, sink);
}

function answer(
  fn: LocalFunction,
  version: string,
  request: InvocationRequest,
  payload: Buffer,
  middle: readonly string[],
  fault: { readonly status: string; readonly errorType: string; readonly durationMs: number },
  sink: LineSink,
): InvocationResult {
  const log = request.tail ? new InvocationLog() : undefined;
  const id = request.requestId;
  const lines = [
    startLine(id, version),
    ...middle,
    endLine(id),
    reportLine(id, {
      durationMs: fault.durationMs,
      memorySize: fn.memorySize,
      maxMemoryUsedMb: 0,
      initDurationMs: undefined,
      status: fault.status,
      errorType: fault.errorType,
    }),
  ];
  for (const line of lines) {
    log?.add(line);
    sink?.(fn, version, id, line);
  }
  return { payload, functionError: 'Unhandled', executedVersion: version, log: log?.text() };
}
