/**
 * The error payloads the Lambda service itself returns (as opposed to errors the function posts), worded as AWS
 * words them. See docs/reference/execution-environment.md ("Faults Lambda itself answers").
 */
import { MAX_RESPONSE_BYTES } from './runtime-api.js';

function payload(errorType: string, errorMessage: string): Buffer {
  return Buffer.from(JSON.stringify({ errorType, errorMessage }));
}

/** `Sandbox.Timedout`: `Task timed out after 1.00 seconds`. */
export function timedOut(requestId: string, seconds: number): Buffer {
  return payload(
    'Sandbox.Timedout',
    `RequestId: ${requestId} Error: Task timed out after ${seconds.toFixed(2)} seconds`,
  );
}

/** How Lambda words a process end: `exit status 3`, `signal: killed`. */
export function exitReason(code: number | null, signal: NodeJS.Signals | null): string | undefined {
  if (signal) return `signal: ${SIGNAL_NAMES[signal] ?? signal.toLowerCase()}`;
  if (code !== null && code !== 0) return `exit status ${code}`;
  return undefined;
}

const SIGNAL_NAMES: Partial<Record<NodeJS.Signals, string>> = {
  SIGKILL: 'killed',
  SIGABRT: 'aborted',
  SIGSEGV: 'segmentation fault',
  SIGTERM: 'terminated',
  SIGILL: 'illegal instruction',
  SIGBUS: 'bus error',
  SIGINT: 'interrupt',
  SIGHUP: 'hangup',
  SIGPIPE: 'broken pipe',
  SIGTRAP: 'trace/breakpoint trap',
  SIGFPE: 'floating point exception',
};

/** `Runtime.ExitError` (or `Runtime.OutOfMemory`): the runtime process ended during an invocation. */
export function exited(requestId: string, reason: string | undefined, outOfMemory: boolean): Buffer {
  const message = reason
    ? `RequestId: ${requestId} Error: Runtime exited with error: ${reason}`
    : `RequestId: ${requestId} Error: Runtime exited without providing a reason`;
  return payload(outOfMemory ? 'Runtime.OutOfMemory' : 'Runtime.ExitError', message);
}

/** `Function.ResponseSizeTooLarge`. */
export function responseTooLarge(): Buffer {
  return payload(
    'Function.ResponseSizeTooLarge',
    `Response payload size exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`,
  );
}

/** `Runtime.InvalidEntrypoint`: a `provided` bootstrap that cannot be started. */
export function invalidEntrypoint(requestId: string, file: string, why: string): Buffer {
  return payload(
    'Runtime.InvalidEntrypoint',
    `RequestId: ${requestId} Error: Couldn't find valid bootstrap(s): [${file}] (${why})`,
  );
}

/** An init error the builder found (a build that failed): answered like one the runtime posted. */
export function initError(errorType: string, errorMessage: string): Buffer {
  return Buffer.from(JSON.stringify({ errorType, errorMessage, trace: [`${errorType}: ${errorMessage}`] }));
}

/**
 * `Runtime.Unknown`: the local runtime itself failed to run the invocation (a bug of ours, not of the function);
 * the message says what failed.
 */
export function unknownError(requestId: string, what: string): Buffer {
  return payload(
    'Runtime.Unknown',
    `RequestId: ${requestId} Error: the local runtime could not run the invocation: ${what}`,
  );
}
