/**
 * What `implement()` returns is a function: `logic(input, deps, ctx?)` runs the logic as an adapter does, without
 * Lambda (input validated, a test context filled in, output validated), for unit tests and in-process calls.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { defineError, defineFunction, type InvocationContext, testContext } from '../src/contract.js';
import { InvalidRequestError, InvalidResponseError } from '../src/errors.js';
import { invokeHandler } from '../src/handlers/invoke.js';
import { implement } from '../src/implement.js';

const RecordNotFound = defineError('RecordNotFound', z.object({ id: z.number() }));
const getRecord = defineFunction({
  name: 'records.get',
  version: 1,
  description: 'Fetch one record by id.',
  input: z.object({ id: z.coerce.number().int().nonnegative() }),
  output: z.object({ id: z.number(), title: z.string() }),
  errors: [RecordNotFound],
});

interface Records {
  get(id: number): Promise<{ id: number; title: string } | undefined>;
}
const records: Records = { get: async (id) => (id === 1 ? { id: 1, title: 'Quarterly report' } : undefined) };

const contexts: InvocationContext[] = [];
const getRecordLogic = implement(getRecord, async ({ id }, deps: { records: Records }, ctx) => {
  contexts.push(ctx);
  const record = await deps.records.get(id);
  if (!record) throw new RecordNotFound({ id }, `Record ${id} not found`);
  return record;
});

describe('calling an implementation directly', () => {
  it('returns what the logic returns', async () => {
    await expect(getRecordLogic({ id: 1 }, { records })).resolves.toEqual({ id: 1, title: 'Quarterly report' });
  });

  it('hands the logic the parsed input (after the schema), as an adapter does', async () => {
    const seen: number[] = [];
    const logic = implement(getRecord, ({ id }) => {
      seen.push(id);
      return { id, title: 't' };
    });

    await logic({ id: '7' as unknown as number });

    expect(seen).toEqual([7]);
  });

  it('throws a declared error as itself (class, name and data)', async () => {
    const error = await getRecordLogic({ id: 999 }, { records }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RecordNotFound);
    expect((error as InstanceType<typeof RecordNotFound>).data).toEqual({ id: 999 });
  });

  it('rejects bad input with InvalidRequestError naming the field, before the logic runs', async () => {
    contexts.length = 0;
    const error = await getRecordLogic({ id: -1 }, { records }).catch((e: unknown) => e);

    expect(InvalidRequestError.is(error)).toBe(true);
    expect((error as InvalidRequestError).issues.map((i) => i.path)).toEqual(['id']);
    expect(contexts).toEqual([]);
  });

  it('rejects a wrong output with InvalidResponseError naming the field', async () => {
    const liar = implement(getRecord, () => ({ id: 1, title: 42 }) as unknown as { id: number; title: string });

    const error = await liar({ id: 1 }).catch((e: unknown) => e);

    expect(InvalidResponseError.is(error)).toBe(true);
    expect((error as InvalidResponseError).issues.map((i) => i.path)).toEqual(['title']);
  });

  it('fills in a test context, or completes a partial one', async () => {
    contexts.length = 0;
    const controller = new AbortController();
    await getRecordLogic({ id: 1 }, { records });
    await getRecordLogic({ id: 1 }, { records }, { correlationId: 'corr-1', signal: controller.signal });

    expect(contexts[0]).toMatchObject({ requestId: 'test-request', correlationId: 'test-correlation' });
    expect(contexts[0]?.remainingTimeMs()).toBeGreaterThan(29_000);
    expect(contexts[1]).toMatchObject({ requestId: 'test-request', correlationId: 'corr-1' });
    expect(contexts[1]?.signal).toBe(controller.signal);
  });

  it('hands a whole context on as it is (logic calling logic inside an adapter)', async () => {
    contexts.length = 0;
    const outer = implement(getRecord, (input, _deps, ctx) => getRecordLogic(input, { records }, ctx));
    const handler = invokeHandler(outer);

    await handler({ id: 1 }, { awsRequestId: 'req-42', getRemainingTimeInMillis: () => 5000 });

    expect(contexts[0]?.requestId).toBe('req-42');
    expect(contexts[0]?.remainingTimeMs()).toBe(5000);
  });

  it('a logic with no deps is called with the input alone, and gets {}', async () => {
    const deps: unknown[] = [];
    const logic = implement(getRecord, ({ id }, none) => {
      deps.push(none);
      return { id, title: 'x' };
    });

    await expect(logic({ id: 2 })).resolves.toEqual({ id: 2, title: 'x' });
    expect(deps).toEqual([{}]);
  });

  it('refuses to run as a Lambda handler, saying which adapter to export instead', async () => {
    const lambdaContext = { awsRequestId: 'req-1', getRemainingTimeInMillis: () => 1000 };

    await expect(getRecordLogic({ id: 1 }, lambdaContext as never)).rejects.toThrow(
      'records.get: an implementation was called as a Lambda handler; export an adapter instead, such as invokeHandler(logic, deps) from lambdaport/handlers',
    );
  });

  it('still exposes the contract and the logic as written', async () => {
    expect(getRecordLogic.kind).toBe('lambdaport.implementation');
    expect(getRecordLogic.contract).toBe(getRecord);
    await expect(getRecordLogic.logic({ id: 1 }, { records }, testContext())).resolves.toMatchObject({ id: 1 });
    expect(Object.isFrozen(getRecordLogic)).toBe(true);
  });
});

describe('the types of the direct call', () => {
  it('takes the contract input, the deps and an optional partial ctx; returns the output', () => {
    expectTypeOf(getRecordLogic).parameter(0).toEqualTypeOf<{ id: unknown }>();
    expectTypeOf(getRecordLogic).returns.toEqualTypeOf<Promise<{ id: number; title: string }>>();
    expectTypeOf(getRecordLogic).toBeCallableWith({ id: 1 }, { records }, { requestId: 'r' });
  });

  it('requires the deps a logic needs, and only those', () => {
    // @ts-expect-error: getRecordLogic needs { records }
    void getRecordLogic({ id: 1 }).catch(() => {});
    // @ts-expect-error: records must be a Records
    void getRecordLogic({ id: 1 }, { records: 1 }).catch(() => {});
    // @ts-expect-error: the input is the contract's
    void getRecordLogic({ key: 'a' }, { records }).catch(() => {});
  });
});
