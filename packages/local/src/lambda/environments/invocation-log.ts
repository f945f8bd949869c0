/** The log of one invocation, as `X-Amz-Log-Result` returns it (its last 4 KB) when the caller asks for the tail. */

/** At most this many characters of an invocation's log are kept (the Invoke API returns the last 4 KB). */
const LOG_LIMIT = 64 * 1024;

/**
 * The log of one invocation, kept for `X-Amz-Log-Result` (the oldest lines dropped past 64 KB).
 *
 * @example
 * const log = new InvocationLog();
 * log.add(startLine(id, '$LATEST'));
 * log.text(); // 'START RequestId: ... Version: $LATEST\n'
 */
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
