/**
 * The lines Lambda itself writes around an invocation (START, END, REPORT) and the per-invocation log buffer.
 */

/** `START RequestId: <id> Version: $LATEST`. */
export function startLine(requestId: string, version: string): string {
  return `START RequestId: ${requestId} Version: ${version}`;
}

/** `END RequestId: <id>`. */
export function endLine(requestId: string): string {
  return `END RequestId: ${requestId}`;
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

/** At most this many characters of an invocation's log are kept (the Invoke API returns the last 4 KB). */
const LOG_LIMIT = 64 * 1024;

/** The log of one invocation, kept for `X-Amz-Log-Result` (the oldest lines dropped past 64 KB). */
export class InvocationLog {
  private lines: string[] = [];
  private size = 0;

  add(line: string): void {
    this.lines.push(line);
    this.size += line.length + 1;
    while (this.size > LOG_LIMIT && this.lines.length > 1) {
      this.size -= (this.lines.shift() as string).length + 1;
    }
  }

  /** The lines, each ending in a newline. */
  text(): string {
    return this.lines.length === 0 ? '' : `${this.lines.join('\n')}\n`;
  }
}

/** Splits a stream's text into lines, calling `emit` for each complete one. */
export class LineSplitter {
  private rest = '';

  constructor(private readonly emit: (line: string) => void) {}

  push(chunk: string): void {
    let text = this.rest + chunk;
    let nl = text.indexOf('\n');
    while (nl !== -1) {
      this.emit(text.slice(0, nl));
      text = text.slice(nl + 1);
      nl = text.indexOf('\n');
    }
    this.rest = text;
  }

  /** Emits a pending partial line. */
  flush(): void {
    if (this.rest !== '') {
      const line = this.rest;
      this.rest = '';
      this.emit(line);
    }
  }
}
