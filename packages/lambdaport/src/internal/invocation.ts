/**
 * The `ctx` an adapter hands to the logic. Cheap to make: the AbortSignal and its deadline timer are only
 * created when the logic first reads `ctx.signal`.
 *
 * Making an AbortController costs about 10 µs on Node 20 (measured: bench/handler-overhead), far more than the rest
 * of an invocation. An environment runs one invocation at a time, so a controller whose signal never fired and
 * that nobody still listens to is kept and handed to the next invocation instead of making a new one.
 */
import { randomUUID } from 'node:crypto';
import { getEventListeners } from 'node:events';
import type { InvocationContext } from '../contract.js';
import { takeColdStart } from './cold-start.js';
import { REMAINING_WITHOUT_CONTEXT_MS } from './defaults.js';
import type { LambdaContext } from './lambda-context.js';

/**
 * A deadline: an AbortController and the timer that aborts it. Making both costs about 10 µs on Node 20, far more
 * than the rest of an invocation (bench/handler-overhead). An environment runs one invocation at a time, so the
 * last deadline is kept and handed to the next invocation whose deadline is as far away: its timer is re-armed with
 * `refresh()`, its controller reused while it never fired and nobody still listens to it. A timer that fires
 * while its deadline is idle does nothing.
 */
interface Deadline {
  readonly controller: AbortController;
  readonly delay: number;
  timer: ReturnType<typeof setTimeout> | undefined;
  busy: boolean;
}
let kept: Deadline | undefined;

function newDeadline(delay: number): Deadline {
  const d: Deadline = { controller: new AbortController(), delay, timer: undefined, busy: true };
  d.timer = setTimeout(() => {
    if (d.busy) d.controller.abort(new DOMException('The Lambda deadline is near', 'TimeoutError'));
  }, delay);
  d.timer.unref?.();
  return d;
}

export class Invocation implements InvocationContext {
  declare readonly requestId: string;
  declare readonly correlationId: string;
  /** True for the first invocation of this execution environment. */
  declare readonly coldStart: boolean;
  #context: LambdaContext | undefined;
  #marginMs: number;
  #startedAt: number;
  #deadline: Deadline | undefined;

  constructor(context: LambdaContext | undefined, correlationId: string | undefined, marginMs: number) {
    this.#context = context;
    this.#marginMs = marginMs;
    this.requestId = context?.awsRequestId ?? randomUUID();
    this.correlationId = correlationId ?? this.requestId;
    this.coldStart = takeColdStart();
    this.#startedAt = context?.getRemainingTimeInMillis ? 0 : Date.now();
  }

  remainingTimeMs(): number {
    const get = this.#context?.getRemainingTimeInMillis;
    if (get) return Math.max(0, get.call(this.#context));
    return Math.max(0, REMAINING_WITHOUT_CONTEXT_MS - (Date.now() - this.#startedAt));
  }

  /** Aborts `marginMs` before the deadline (at most half of the time left when first read). */
  get signal(): AbortSignal {
    if (this.#deadline) return this.#deadline.controller.signal;
    const left = this.remainingTimeMs();
    const delay = Math.max(0, left - Math.min(this.#marginMs, left / 2));
    let d = kept;
    if (d && !d.busy && Math.abs(d.delay - delay) <= 5) {
      d.busy = true;
      d.timer?.refresh();
    } else {
      d = newDeadline(delay);
      if (!kept?.busy) {
        clearTimeout(kept?.timer);
        kept = d;
      }
    }
    this.#deadline = d;
    return d.controller.signal;
  }

  /** Ends the deadline. Called by the adapter when the invocation ends. */
  finish(): void {
    const d = this.#deadline;
    if (d === undefined) return;
    this.#deadline = undefined;
    d.busy = false;
    const signal = d.controller.signal;
    if (d !== kept || signal.aborted || signal.onabort !== null || getEventListeners(signal, 'abort').length > 0) {
      clearTimeout(d.timer);
      if (d === kept) kept = undefined;
    }
  }
}
