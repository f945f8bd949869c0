/** A FIFO queue for the lanes of the event queue. */

/** A FIFO with O(1) take from the front (the queue of one function may hold many thousands of events). */
/**
 * @example
 * const ready = new Fifo<string>(); ready.push('a'); ready.shift(); // 'a'
 */
export class Fifo<T> {
  private items: T[] = [];
  private head = 0;
  get length(): number {
    return this.items.length - this.head;
  }
  push(item: T): void {
    this.items.push(item);
  }
  /** Puts an item back at the front (a throttled event keeps its place). */
  unshift(item: T): void {
    if (this.head > 0) this.items[--this.head] = item;
    else this.items.unshift(item);
  }
  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined as T;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
}
