/**
 * The lines Lambda itself writes into a function's log around an invocation: START, END, REPORT, and the line of
 * a time-out.
 */

/** `START RequestId: <id> Version: $LATEST`. */
export function startLine(requestId: string, version: string): string {
  return `START RequestId: ${requestId} Version: ${version}`;
}

/** `END RequestId: <id>`. */
export function endLine(requestId: string): string {
  return `END RequestId: ${requestId}`;
}

/** `2024-01-01T00:00:00.000Z <id> Task timed out after 1.00 seconds`. */
export function timedOutLine(requestId: string, seconds: number): string {
  return `${new Date().toISOString()} ${requestId} Task timed out after ${seconds.toFixed(2)} seconds`;
}

/** Figures of one invocation's REPORT line. */
export interface ReportFigures {
  readonly durationMs: number;
  readonly memorySize: number;
  readonly maxMemoryUsedMb: number;
  /** Only on a cold start. */
  readonly initDurationMs: number | undefined;
  /** `timeout` or `error` when the invocation ended in a platform fault. */
  readonly status: string | undefined;
  readonly errorType: string | undefined;
}

/**
 * `REPORT RequestId: <id>\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB`
 * (`\tInit Duration: 150.00 ms` on cold starts).
 */
export function reportLine(requestId: string, r: ReportFigures): string {
  let line =
    `REPORT RequestId: ${requestId}\tDuration: ${r.durationMs.toFixed(2)} ms\tBilled Duration: ${Math.max(1, Math.ceil(r.durationMs))} ms` +
    `\tMemory Size: ${r.memorySize} MB\tMax Memory Used: ${r.maxMemoryUsedMb} MB`;
  if (r.initDurationMs !== undefined) line += `\tInit Duration: ${r.initDurationMs.toFixed(2)} ms`;
  if (r.status !== undefined) line += `\tStatus: ${r.status}`;
  if (r.errorType !== undefined) line += `\tError Type: ${r.errorType}`;
  return line;
}
