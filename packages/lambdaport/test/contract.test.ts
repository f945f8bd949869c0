import * as v from 'valibot';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { ContractError, defineError, defineFunction, testContext } from '../src/contract.js';
import { InvalidRequestError, LambdaportError, RemoteFunctionError } from '../src/errors.js';
import { implement } from '../src/implement.js';
import { decodeFunctionError, toFunctionErrorPayload } from '../src/wire.js';

const RecordNotFound = defineError('RecordNotFound', z.object({ id: z.number() }), { status: 404 });
const getRecord = defineFunction({
  name: 'records.get',
  version: 1,
  description: 'Fetch one record by id.',
  input: z.object({ id: z.number().int() }),
  output: z.object({ id: z.number(), name: z.string() }),
  errors: [RecordNotFound],
  idempotent: true,
});

describe('contracts', () => {
  it('infers the logic types from the contract with no annotations', async () => {
    const impl = implement(getRecord, async ({ id }) => {
      expectTypeOf(id).toEqualTypeOf<number>();
      return { id, name: `record ${id}` };
    });
    await expect(impl.logic({ id: 3 }, {}, testContext())).resolves.toEqual({ id: 3, name: 'record 3' });
  });

  it('works with valibot, another Standard Schema library', () => {
    const contract = defineFunction({
      name: 'things.get',
      version: 2,
      description: 'Get a thing.',
      input: v.object({ key: v.string() }),
      output: v.object({ key: v.string(), size: v.number() }),
    });
    const impl = implement(contract, (input) => {
      expectTypeOf(input.key).toEqualTypeOf<string>();
      return { key: input.key, size: input.key.length };
    });
    expect(impl.contract.version).toBe(2);
  });

  it('rejects a bad definition naming the bad key', () => {
    const base = { name: 'records.get', version: 1, description: 'x', input: z.object({}), output: z.object({}) };
    expect(() => defineFunction({ ...base, version: 0 })).toThrow(
      'version: expected an API major version (a whole number from 1), got 0',
    );
    expect(() => defineFunction({ ...base, name: 'Records' })).toThrow(
      'name: expected a friendly name "<service>.<function>" (exactly one "."), got "Records"',
    );
    expect(() => defineFunction({ ...base, input: {} as never })).toThrow(/input must be a Standard Schema/);
    expect(() => defineFunction({ ...base, retries: 3 } as never)).toThrow(/unknown option "retries"/);
    expect(() => defineError('bad name', z.object({}))).toThrow(/expected an error name .*, got "bad name"/);
  });

  it('declared errors are typed, branded and recognisable by name', () => {
    const e = new RecordNotFound({ id: 42 }, 'Record 42 not found');
    expect(e).toBeInstanceOf(RecordNotFound);
    expect(e).toBeInstanceOf(ContractError);
    expect(e).toBeInstanceOf(LambdaportError);
    expect(e.name).toBe('RecordNotFound');
    expect(e.code).toBe('RecordNotFound');
    expect(RecordNotFound.is(e)).toBe(true);
    expect(RecordNotFound.is(new Error('x'))).toBe(false);
    expectTypeOf(e.data).toEqualTypeOf<{ id: number }>();
    expect(e.toJSON()).toEqual({
      name: 'RecordNotFound',
      code: 'RecordNotFound',
      message: 'Record 42 not found',
      data: { id: 42 },
    });
  });
});

describe('the Invoke wire', () => {
  it('a contract error survives the trip with its type, message and data', () => {
    const payload = JSON.parse(
      JSON.stringify(toFunctionErrorPayload(new RecordNotFound({ id: 7 }, 'Record 7 not found'))),
    );
    expect(payload.errorType).toBe('RecordNotFound');
    expect(payload.errorMessage).toBe('Record 7 not found');
    const back = decodeFunctionError(Buffer.from(JSON.stringify(payload)), getRecord.errors);
    expect(RecordNotFound.is(back)).toBe(true);
    expect(back).toBeInstanceOf(RecordNotFound);
    expect((back as InstanceType<typeof RecordNotFound>).data).toEqual({ id: 7 });
  });

  it('a validation failure comes back as InvalidRequestError with its issues', () => {
    const payload = toFunctionErrorPayload(new InvalidRequestError([{ path: 'id', message: 'Expected number' }]));
    expect(payload.errorType).toBe('InvalidRequestError');
    const back = decodeFunctionError(JSON.stringify(payload));
    expect(InvalidRequestError.is(back)).toBe(true);
    expect((back as InvalidRequestError).issues).toEqual([{ path: 'id', message: 'Expected number' }]);
  });

  it('anything else is a RemoteFunctionError naming the errorType', () => {
    const back = decodeFunctionError(
      '{"errorType":"TypeError","errorMessage":"x is undefined","trace":["TypeError: x"]}',
      [],
      {
        functionName: 'records.get',
        version: '1',
      },
    );
    expect(RemoteFunctionError.is(back)).toBe(true);
    expect((back as RemoteFunctionError).errorType).toBe('TypeError');
    expect(back.message).toBe('TypeError in records.get:1: x is undefined');
  });

  it('an undeclared error name or data that fails its schema is not trusted', () => {
    const payload = toFunctionErrorPayload(new RecordNotFound({ id: 'x' } as never));
    expect(RemoteFunctionError.is(decodeFunctionError(payload, getRecord.errors))).toBe(true);
    const other = toFunctionErrorPayload(new RecordNotFound({ id: 1 }));
    expect(RemoteFunctionError.is(decodeFunctionError(other, []))).toBe(true);
  });

  it('a payload that is not JSON still decodes to a RemoteFunctionError', () => {
    expect(RemoteFunctionError.is(decodeFunctionError('not json'))).toBe(true);
  });
});
