import { Logger } from '@aws-lambda-powertools/logger';
import * as v from 'valibot';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineError, defineFunction } from '../../src/contract.js';
import { InvalidRequestError, InvalidResponseError } from '../../src/errors.js';
import { invokeHandler } from '../../src/handlers/invoke.js';
import { implement } from '../../src/implement.js';
import { decodeFunctionError, type FunctionErrorPayload } from '../../src/wire.js';

const ThingMissing = defineError('ThingMissing', z.object({ key: z.string() }));
const getThing = defineFunction({
  name: 'things.get',
  version: 1,
  description: 'Get a thing.',
  input: z.object({ key: z.string().min(1) }),
  output: z.object({ key: z.string(), size: z.number() }),
  errors: [ThingMissing],
});
const store = new Map([['a', 1]]);
const getThingLogic = implement(getThing, ({ key }, deps: { store: Map<string, number> }) => {
  const size = deps.store.get(key);
  if (size === undefined) throw new ThingMissing({ key }, `No thing ${key}`);
  return { key, size };
});

function context(overrides: { remainingMs?: number; clientContext?: unknown } = {}) {
  const deadline = Date.now() + (overrides.remainingMs ?? 3000);
  return {
    awsRequestId: 'req-1',
    functionName: 'dev-things-get-abcdef',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:dev-things-get-abcdef',
    memoryLimitInMB: '128',
    clientContext: overrides.clientContext,
    getRemainingTimeInMillis: () => deadline - Date.now(),
  };
}

/** The Node runtime's encoding of a thrown error. */
function wire(error: unknown): FunctionErrorPayload {
  const e = error as Error;
  return { errorType: e.name, errorMessage: e.message, trace: (e.stack ?? '').split('\n') };
}

async function thrownBy(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable('expected a throw'),
    (e: unknown) => e,
  );
}

let restore: (() => void) | undefined;
afterEach(() => restore?.());

/** Captures Powertools' JSON lines from stdout and stderr. */
function captureLogs(): Record<string, unknown>[] {
  const lines: Record<string, unknown>[] = [];
  const out = process.stdout.write;
  const err = process.stderr.write;
  const grab = ((chunk: unknown) => {
    for (const l of String(chunk).split('\n').filter(Boolean)) {
      try {
        lines.push(JSON.parse(l));
      } catch {
        // not a log line
      }
    }
    return true;
  }) as typeof process.stdout.write;
  process.stdout.write = grab;
  process.stderr.write = grab;
  restore = () => {
    process.stdout.write = out;
    process.stderr.write = err;
    restore = undefined;
  };
  return lines;
}

describe('invokeHandler', () => {
  it('validates the payload and returns the logic result', async () => {
    const handler = invokeHandler(getThingLogic, { store });
    await expect(handler({ key: 'a' }, context())).resolves.toEqual({ key: 'a', size: 1 });
  });

  it('throws InvalidRequestError naming the field, encoded for the wire', async () => {
    const handler = invokeHandler(getThingLogic, { store });
    const thrown = await thrownBy(handler({ key: '' }, context()));
    const payload = wire(thrown);
    expect(payload.errorType).toBe('InvalidRequestError');
    const decoded = decodeFunctionError(payload, getThing.errors);
    expect(InvalidRequestError.is(decoded) && decoded.issues.map((i) => i.path)).toEqual(['key']);
  });

  it('keeps a declared error name as errorType and its data through the wire', async () => {
    const handler = invokeHandler(getThingLogic, { store });
    const payload = wire(await thrownBy(handler({ key: 'zz' }, context())));
    expect(payload.errorType).toBe('ThingMissing');
    expect(payload.errorMessage).toBe('No thing zz');
    const decoded = decodeFunctionError(payload, getThing.errors);
    expect(ThingMissing.is(decoded) && decoded.data).toEqual({ key: 'zz' });
  });

  it('rethrows an unexpected error as it is, after one error log line with the cause', async () => {
    const boom = new TypeError('boom', { cause: new Error('root cause') });
    const impl = implement(getThing, () => {
      throw boom;
    });
    const logs = captureLogs();
    const thrown = await thrownBy(invokeHandler(impl, undefined)({ key: 'a' }, context()));
    restore?.();
    expect(thrown).toBe(boom);
    const failures = logs.filter((l) => l.message === 'Invocation failed');
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({
      level: 'ERROR',
      error_name: 'TypeError',
      error_code: 'Internal',
      function_request_id: 'req-1',
      function_name: 'dev-things-get-abcdef',
      function_contract: 'things.get',
      error: { name: 'TypeError', message: 'boom', cause: { message: 'root cause' } },
    });
    expect(typeof failures[0]?.cold_start).toBe('boolean');
  });

  it('logs expected failures once at WARN with name and code', async () => {
    const logs = captureLogs();
    await thrownBy(invokeHandler(getThingLogic, { store })({ key: 'zz' }, context()));
    restore?.();
    const failures = logs.filter((l) => l.message === 'Invocation failed');
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ level: 'WARN', error_name: 'ThingMissing', error_code: 'ThingMissing' });
  });

  it('calls a deps factory once per environment, and again after it failed', async () => {
    let calls = 0;
    const handler = invokeHandler(getThingLogic, async () => {
      calls += 1;
      if (calls === 1) throw new Error('not yet');
      return { store };
    });
    captureLogs();
    await thrownBy(handler({ key: 'a' }, context()));
    restore?.();
    await handler({ key: 'a' }, context());
    await handler({ key: 'a' }, context());
    expect(calls).toBe(2);
  });

  it('validates the output when asked, and not when told not to', async () => {
    const bad = implement(getThing, () => ({ key: 'a', size: 'big' }) as unknown as { key: string; size: number });
    captureLogs();
    const thrown = await thrownBy(invokeHandler(bad, undefined, { validateOutput: true })({ key: 'a' }, context()));
    restore?.();
    expect(InvalidResponseError.is(decodeFunctionError(wire(thrown)))).toBe(true);
    await expect(invokeHandler(bad, undefined, { validateOutput: false })({ key: 'a' })).resolves.toEqual({
      key: 'a',
      size: 'big',
    });
  });

  it('validates output by default under NODE_ENV=test', async () => {
    const bad = implement(getThing, () => ({ key: 'a' }) as unknown as { key: string; size: number });
    captureLogs();
    const thrown = await thrownBy(invokeHandler(bad, undefined)({ key: 'a' }, context()));
    restore?.();
    expect((thrown as Error).name).toBe('InvalidResponseError');
  });

  it('takes the correlation id from the client context, then the payload, then the request id', async () => {
    const seen: string[] = [];
    const impl = implement(getThing, ({ key }, _deps, ctx) => {
      seen.push(ctx.correlationId);
      return { key, size: 0 };
    });
    const handler = invokeHandler(impl, undefined);
    await handler({ key: 'a' }, context({ clientContext: { custom: { correlationId: 'from-client' } } }));
    await handler({ key: 'a', correlationId: 'from-field' } as { key: string }, context());
    await handler({ key: 'a', correlationId: 'bad value with spaces' } as { key: string }, context());
    expect(seen).toEqual(['from-client', 'from-field', 'req-1']);
  });

  it('fills a given Powertools logger with the Lambda context and correlation id', async () => {
    const logger = new Logger({ serviceName: 'things' });
    const impl = implement(getThing, ({ key }) => {
      logger.info('inside');
      return { key, size: 0 };
    });
    const logs = captureLogs();
    await invokeHandler(impl, undefined, { logger })(
      { key: 'a' },
      context({ clientContext: { custom: { correlationId: 'c-1' } } }),
    );
    restore?.();
    expect(logs.find((l) => l.message === 'inside')).toMatchObject({
      service: 'things',
      function_request_id: 'req-1',
      function_name: 'dev-things-get-abcdef',
      correlation_id: 'c-1',
    });
  });

  it('aborts ctx.signal before the deadline', async () => {
    const impl = implement(getThing, async ({ key }, _deps, ctx) => {
      await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve(), { once: true }));
      expect(ctx.signal.reason).toMatchObject({ name: 'TimeoutError' });
      expect(ctx.remainingTimeMs()).toBeGreaterThan(0);
      return { key, size: 0 };
    });
    const handler = invokeHandler(impl, undefined, { deadlineMarginMs: 150 });
    await expect(handler({ key: 'a' }, context({ remainingMs: 200 }))).resolves.toEqual({ key: 'a', size: 0 });
  });

  it('each invocation gets its own deadline, even when its signal object is reused', async () => {
    const seen: AbortSignal[] = [];
    const impl = implement(getThing, async ({ key }, _deps, ctx) => {
      const signal = ctx.signal;
      seen.push(signal);
      if (key === 'wait') {
        await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
        return { key, size: signal.aborted ? 1 : 0 };
      }
      return { key, size: 0 };
    });
    const handler = invokeHandler(impl, undefined, { deadlineMarginMs: 100 });
    // A long deadline first, then a short one: the short one must still fire in time.
    await handler({ key: 'a' }, context({ remainingMs: 60_000 }));
    await handler({ key: 'b' }, context({ remainingMs: 60_000 }));
    expect(seen[1]).toBe(seen[0]); // never aborted, no listener left: reused
    expect(seen[1]?.aborted).toBe(false);
    await expect(handler({ key: 'wait' }, context({ remainingMs: 250 }))).resolves.toEqual({ key: 'wait', size: 1 });
    // An aborted signal is never handed out again.
    await handler({ key: 'c' }, context({ remainingMs: 60_000 }));
    expect(seen[3]).not.toBe(seen[2]);
    expect(seen[3]?.aborted).toBe(false);
  });

  it('a signal that still has a listener after the invocation is not reused', async () => {
    const seen: AbortSignal[] = [];
    const impl = implement(getThing, ({ key }, _deps, ctx) => {
      seen.push(ctx.signal);
      if (key === 'keep') ctx.signal.addEventListener('abort', () => {});
      return { key, size: 0 };
    });
    const handler = invokeHandler(impl, undefined);
    await handler({ key: 'keep' }, context({ remainingMs: 60_000 }));
    await handler({ key: 'next' }, context({ remainingMs: 60_000 }));
    expect(seen[1]).not.toBe(seen[0]);
  });

  it('works with a valibot contract', async () => {
    const contract = defineFunction({
      name: 'things.size',
      version: 1,
      description: 'Size of a key.',
      input: v.object({ key: v.pipe(v.string(), v.minLength(2)) }),
      output: v.object({ size: v.number() }),
    });
    const handler = invokeHandler(
      implement(contract, ({ key }) => ({ size: key.length })),
      undefined,
    );
    await expect(handler({ key: 'abc' }, context())).resolves.toEqual({ size: 3 });
    captureLogs();
    const decoded = decodeFunctionError(wire(await thrownBy(handler({ key: 'a' }, context()))));
    restore?.();
    expect(InvalidRequestError.is(decoded) && decoded.issues[0]?.path).toBe('key');
  });

  it('rejects bad options naming the key', () => {
    expect(() => invokeHandler(getThingLogic, { store }, { validateOuptut: true } as never)).toThrow(
      /unknown option "validateOuptut"/,
    );
    expect(() => invokeHandler(getThingLogic, { store }, { deadlineMarginMs: -1 })).toThrow(/deadlineMarginMs/);
    expect(() => invokeHandler({} as never, undefined)).toThrow(/implement\(\)/);
  });
});
