/**
 * Splits a stream's text into lines, calling `emit` for each complete one.
 *
 * @example
 * const lines = new LineSplitter((line) => console.log(line));
 * lines.push('one\ntw'); // emits 'one'
 * lines.flush();          // emits 'tw'
 */
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
