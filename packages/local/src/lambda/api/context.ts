/**
 * What every Lambda REST API handler needs: the functions, the invoker, the base URL (for Function URLs)
 * and where runtime messages go.
 */

import type { InvocationSeen } from '../../observed/observed-calls.js';
import type { Invoker, LocalFunction } from '../types.js';
import type { FunctionRegistry } from './function-name.js';

/** Shared state of the Lambda REST API and the Function URLs. */
export interface LambdaApiContext {
  readonly registry: FunctionRegistry;
  readonly invoker: Invoker;
  /** When the runtime started: reported as `LastModified` / `CreationTime`. */
  readonly startedAt: Date;
  /** The Function URL of a function (`http://127.0.0.1:PORT/lambda-url/<deployed-name>/`). */
  functionUrl(fn: LocalFunction): string;
  /** Runtime messages (failed async invocations, unexpected errors). */
  log(line: string): void;
  /** Debug lines (a client that went away mid-request); dropped unless asked for. */
  debug(line: string): void;
  /** Async (`Event`) invocations in flight, so `close()` can wait for them or drop them. */
  readonly background: AsyncInvocations;
  /** Told of each Invoke accepted (not DryRun), before it runs. */
  readonly onInvoke?: ((invocation: InvocationSeen) => void) | undefined;
}

/** Tracks async invocations and their retry timers. */
export interface AsyncInvocations {
  /** Runs `task` in the background; its rejection is logged, never thrown. */
  run(task: (signal: AbortSignal) => Promise<void>): void;
  /** Waits `ms` unless closed (then resolves false). */
  sleep(ms: number, signal: AbortSignal): Promise<boolean>;
  /** Stops retries and waits for running invocations to settle (at most `graceMs`). */
  close(graceMs: number): Promise<void>;
  readonly size: number;
}

/**
 * Creates the tracker of background invocations.
 *
 * @example
 * const background = createAsyncInvocations((line) => console.error(line));
 * background.run(async () => { await invoker.invoke(fn, '$LATEST', request); });
 */
export function createAsyncInvocations(log: (line: string) => void): AsyncInvocations {
  const running = new Set<Promise<void>>();
  const controller = new AbortController();
  return {
    run(task) {
      const promise: Promise<void> = task(controller.signal)
        .catch((error: unknown) =>
          log(`async invocation failed: ${error instanceof Error ? error.message : String(error)}`),
        )
        .finally(() => running.delete(promise));
      running.add(promise);
    },
    sleep(ms, signal) {
      if (signal.aborted) return Promise.resolve(false);
      return new Promise((resolve) => {
        const onAbort = (): void => {
          clearTimeout(timer);
          resolve(false);
        };
        const timer = setTimeout(() => {
          signal.removeEventListener('abort', onAbort);
          resolve(true);
        }, ms);
        signal.addEventListener('abort', onAbort, { once: true });
      });
    },
    async close(graceMs) {
      controller.abort();
      if (running.size === 0) return;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...running]),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, graceMs);
        }),
      ]);
      clearTimeout(timer);
    },
    get size() {
      return running.size;
    },
  };
}
