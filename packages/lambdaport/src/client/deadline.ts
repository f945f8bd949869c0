/**
 * Deadlines: each call gets one, and one AbortController that fires at it (or when the caller's signal fires).
 * Inside a Lambda the deadline comes from the caller's remaining time minus a margin; elsewhere from `timeoutMs`.
 */

/**
 * Defaults of the deadline, in one place.
 *
 * @example
 * createClient(getRecord, { timeoutMs: DEADLINE_DEFAULTS.timeoutMs * 2 });
 */
export const DEADLINE_DEFAULTS = {
  /** The deadline of a call when neither `timeoutMs` nor a caller context says otherwise. */
  timeoutMs: 10_000,
  /** Kept back from the caller's remaining Lambda time, to answer before the caller's own deadline. */
  marginMs: 250,
} as const;

/**
 * The caller's invocation, when the call is made from inside a function: lambdaport's `ctx` (an `InvocationContext`),
 * or the Lambda context object itself.
 */
export type CallerContext =
  | { remainingTimeMs(): number; signal?: AbortSignal; correlationId?: string }
  | { getRemainingTimeInMillis(): number; awsRequestId?: string };

/** Milliseconds left to the caller, from either context shape. */
export function remainingOf(ctx: CallerContext): number {
  return 'remainingTimeMs' in ctx ? ctx.remainingTimeMs() : ctx.getRemainingTimeInMillis();
}

/**
 * The time budget of one call: the smallest of the call's `timeoutMs` (else the client's), and the caller's remaining
 * time minus `marginMs`; the default when none applies. Never negative.
 *
 * @example
 * budgetMs({ ctx }) // ctx.remainingTimeMs() - 250
 */
export function budgetMs(
  sources: { timeoutMs?: number | undefined; ctx?: CallerContext | undefined },
  clientTimeoutMs: number | undefined,
  marginMs: number,
): number {
  const explicit = sources.timeoutMs ?? clientTimeoutMs;
  const fromCaller = sources.ctx ? remainingOf(sources.ctx) - marginMs : undefined;
  let budget: number;
  if (explicit !== undefined && fromCaller !== undefined) budget = Math.min(explicit, fromCaller);
  else budget = explicit ?? fromCaller ?? DEADLINE_DEFAULTS.timeoutMs;
  return Math.max(0, Math.floor(budget));
}

/** Why a call's signal fired. */
export type AbortCause = 'deadline' | 'caller';

/**
 * One call's cancellation: aborts at the deadline or when any caller signal fires, whichever comes first.
 * `dispose()` clears the timer and the listeners (always call it).
 */
export class CallScope {
  readonly signal: AbortSignal;
  readonly deadlineAt: number;
  readonly budgetMs: number;
  cause: AbortCause | undefined;
  callerReason: unknown;
  private readonly controller: AbortController;
  private readonly timer: ReturnType<typeof setTimeout>;
  private readonly callerSignals: AbortSignal[] = [];
  private readonly onCallerAbort: (event: Event) => void;

  constructor(budget: number, signals: ReadonlyArray<AbortSignal | undefined>) {
    this.controller = new AbortController();
    this.signal = this.controller.signal;
    this.budgetMs = budget;
    this.deadlineAt = Date.now() + budget;
    this.onCallerAbort = (event) => this.abort('caller', (event.target as AbortSignal).reason);
    this.timer = setTimeout(() => this.abort('deadline', undefined), budget);
    this.timer.unref?.();
    for (const s of signals) {
      if (!s) continue;
      if (s.aborted) {
        this.abort('caller', s.reason);
        break;
      }
      s.addEventListener('abort', this.onCallerAbort, { once: true });
      this.callerSignals.push(s);
    }
  }

  /** Milliseconds left before the deadline. */
  remainingMs(): number {
    return this.deadlineAt - Date.now();
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const s of this.callerSignals) s.removeEventListener('abort', this.onCallerAbort);
  }

  private abort(cause: AbortCause, reason: unknown): void {
    if (this.cause) return;
    this.cause = cause;
    this.callerReason = reason;
    this.controller.abort(reason ?? new DOMException(`Deadline of ${this.budgetMs} ms passed`, 'TimeoutError'));
  }
}
