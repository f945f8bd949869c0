/**
 * The rules tying a function's event keys to the rest of the config: each `publishes` entry names an event of the
 * service, and a `queue` is one AWS accepts for the function (a batch over 10 needs a batching window; messages
 * stay hidden at least as long as the function may run).
 */
import type { z } from 'zod';

type Plain = Record<string, unknown>;

function isPlain(value: unknown): value is Plain {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Checks, over a parsed (perhaps partly invalid) config, that each `publishes` entry is a key of `events`. */
export function checkPublishes(config: Plain, ctx: z.RefinementCtx): void {
  if (!isPlain(config.functions)) return;
  const known = isPlain(config.events) ? Object.keys(config.events) : [];
  const listed = known.length === 0 ? 'it declares no events' : `its events: ${known.join(', ')}`;
  for (const [name, fn] of Object.entries(config.functions)) {
    if (!isPlain(fn) || !Array.isArray(fn.publishes)) continue;
    fn.publishes.forEach((event: unknown, index) => {
      if (typeof event !== 'string' || known.includes(event)) return;
      ctx.addIssue({
        code: 'custom',
        path: ['functions', name, 'publishes', index],
        input: event,
        message: `${JSON.stringify(event)} is not an event of this service (${listed})`,
      });
    });
  }
}

/** Checks a function's `queue` against AWS's rules between its keys and the function's timeout. */
export function checkQueue(fn: Plain, ctx: z.RefinementCtx): void {
  const queue = fn.queue;
  if (!isPlain(queue)) return;
  const { batchSize, maximumBatchingWindowInSeconds: window, visibilityTimeout } = queue;
  if (typeof batchSize === 'number' && batchSize > 10 && !(typeof window === 'number' && window >= 1)) {
    ctx.addIssue({
      code: 'custom',
      path: ['queue', 'batchSize'],
      input: batchSize,
      message: `a batch size of ${batchSize} (over 10) needs maximumBatchingWindowInSeconds of at least 1, as AWS requires; got ${window === undefined ? 'none' : String(window)}`,
    });
  }
  if (typeof visibilityTimeout === 'number' && typeof fn.timeout === 'number' && visibilityTimeout < fn.timeout) {
    ctx.addIssue({
      code: 'custom',
      path: ['queue', 'visibilityTimeout'],
      input: visibilityTimeout,
      message: `a visibility timeout of ${visibilityTimeout} s is below the function's timeout (${fn.timeout} s); AWS refuses it: expected at least ${fn.timeout}`,
    });
  }
}
