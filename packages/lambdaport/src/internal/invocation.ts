/**
 * The `ctx` an adapter hands to the logic. Cheap to make: the AbortSignal and its deadline timer are only
 * created when the logic first reads `ctx.signal`.
 */
import { randomUUID } from 'node:crypto';
import type { InvocationContext } from '../contract.js';
import { takeColdStart } from './cold-start.js';
import { REMAINING_WITHOUT_CONTEXT_MS } from './defaults.js';
import type { LambdaContext } from './lambda-context.js';

export class Invocation implements InvocationContext {
  declare readonly requestId: string;
  declare readonly correlationId: string;
  /** True for the first invocation of this execution environment. */
  declare readonly coldStart: boolean;
  #context: LambdaContext | undefined;
  #marginMs: number;
  #startedAt: number;
  #controller: AbortController | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;

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
    if (this.#controller) return this.#controller.signal;
    const controller = new AbortController();
    this.#controller = controller;
    const left = this.remainingTimeMs();
    const delay = Math.max(0, left - Math.min(this.#marginMs, left / 2));
    this.#timer = setTimeout(() => {
      controller.abort(new DOMException('The Lambda deadline is near', 'TimeoutError'));
    }, delay);
    this.#timer.unref?.();
    return controller.signal;
  }

  /** Stops the deadline timer. Called by the adapter when the invocation ends. */
  finish(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
  }
}
