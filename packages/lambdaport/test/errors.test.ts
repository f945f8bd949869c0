import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  BrokenCircuitError,
  BulkheadRejectedError,
  DeadlineExceededError,
  FunctionNotFoundError,
  InvocationAbortedError,
  InvocationError,
  LambdaServiceError,
  PayloadTooLargeError,
  ThrottledError,
} from '../src/client/errors.js';
import { ContractError, defineError } from '../src/contract.js';
import {
  InternalError,
  InvalidRequestError,
  InvalidResponseError,
  LambdaportError,
  RemoteFunctionError,
} from '../src/errors.js';
import { FunctionNotRegisteredError, RegistryUnavailableError } from '../src/registry/errors.js';

const origin = { functionName: 'records.get', version: 1 };
const RecordNotFound = defineError('RecordNotFound', z.object({ id: z.number() }));

/** One instance of every error class lambdaport has, with the name and code it must keep. */
const every: [LambdaportError, string, string][] = [
  [new InvalidRequestError([]), 'InvalidRequestError', 'InvalidRequest'],
  [new InvalidResponseError([]), 'InvalidResponseError', 'InvalidResponse'],
  [new InternalError('x'), 'InternalError', 'Internal'],
  [new RemoteFunctionError({ errorType: 'TypeError', errorMessage: 'x' }), 'RemoteFunctionError', 'RemoteFunction'],
  [new ThrottledError(origin, {}), 'ThrottledError', 'Throttled'],
  [new FunctionNotFoundError(origin), 'FunctionNotFoundError', 'FunctionNotFound'],
  [new PayloadTooLargeError(origin, { limit: 1 }), 'PayloadTooLargeError', 'PayloadTooLarge'],
  [new DeadlineExceededError(origin, 1), 'DeadlineExceededError', 'DeadlineExceeded'],
  [new InvocationAbortedError(origin), 'InvocationAbortedError', 'InvocationAborted'],
  [new BrokenCircuitError(origin), 'BrokenCircuitError', 'BrokenCircuit'],
  [new BulkheadRejectedError(origin), 'BulkheadRejectedError', 'BulkheadRejected'],
  [
    new LambdaServiceError(origin, { awsErrorName: 'X', sent: true, message: 'x' }),
    'LambdaServiceError',
    'LambdaService',
  ],
  [new FunctionNotRegisteredError('records.get', 1, '/p'), 'FunctionNotRegisteredError', 'FunctionNotRegistered'],
  [new RegistryUnavailableError('records.get', 1, '/p', '/p/get'), 'RegistryUnavailableError', 'RegistryUnavailable'],
  [new RecordNotFound({ id: 1 }), 'RecordNotFound', 'RecordNotFound'],
];

describe('error names and codes', () => {
  it.each(every)('%s keeps its stable name and code', (error, name, code) => {
    const cls = error.constructor as typeof LambdaportError;

    expect(error.name).toBe(name);
    expect(error.code).toBe(code);
    expect(cls.errorName).toBe(name);
    expect(cls.code).toBe(code);
    expect(error.toJSON()).toMatchObject({ name, code });
    expect(String(error.stack).split('\n')[0]).toBe(`${name}: ${error.message}`);
  });

  it('come from the literal, not from the class name a minifier changes', () => {
    class ThrottledErrorRenamed extends ThrottledError {}
    // what `minify` without `keepNames` does to a class: its runtime name becomes a short identifier
    Object.defineProperty(ThrottledError, 'name', { value: 'e', configurable: true });
    Object.defineProperty(RecordNotFound, 'name', { value: 't', configurable: true });
    try {
      expect(new ThrottledError(origin, {}).name).toBe('ThrottledError');
      expect(new ThrottledError(origin, {}).code).toBe('Throttled');
      expect(new RecordNotFound({ id: 1 }).name).toBe('RecordNotFound');
      // a subclass that declares no name of its own is its parent, by name
      expect(new ThrottledErrorRenamed(origin, {}).name).toBe('ThrottledError');
    } finally {
      Object.defineProperty(ThrottledError, 'name', { value: 'ThrottledError', configurable: true });
      Object.defineProperty(RecordNotFound, 'name', { value: 'RecordNotFound', configurable: true });
    }
  });

  it('a subclass of your own declares its name; its code follows', () => {
    class QuotaExceededError extends LambdaportError {
      static override readonly errorName = 'QuotaExceededError';
    }
    const error = new QuotaExceededError('over quota');

    expect([error.name, error.code]).toEqual(['QuotaExceededError', 'QuotaExceeded']);
    expect(QuotaExceededError.is(error)).toBe(true);
    expect(LambdaportError.is(error)).toBe(true);
    expect(QuotaExceededError.is(new InternalError('x'))).toBe(false);
  });
});

describe('is()', () => {
  it('recognises the class and its subclasses, nothing else', () => {
    for (const [error] of every) expect(LambdaportError.is(error)).toBe(true);
    const throttled = new ThrottledError(origin, {});

    expect(ThrottledError.is(throttled)).toBe(true);
    expect(InvocationError.is(throttled)).toBe(true);
    expect(DeadlineExceededError.is(throttled)).toBe(false);
    expect(ContractError.is(throttled)).toBe(false);
    expect(InvocationError.is(new InvalidRequestError([]))).toBe(false);
    expect(ContractError.is(new RecordNotFound({ id: 1 }))).toBe(true);
    expect(RecordNotFound.is(new RecordNotFound({ id: 1 }))).toBe(true);
    expect(InvalidRequestError.is(new InvalidResponseError([]))).toBe(false);
  });

  it('is false for plain errors, look-alikes and non-objects', () => {
    const lookalike = Object.assign(new Error('x'), { name: 'ThrottledError', code: 'Throttled' });

    expect(ThrottledError.is(lookalike)).toBe(false);
    expect(LambdaportError.is(new Error('x'))).toBe(false);
    expect(LambdaportError.is(null)).toBe(false);
    expect(LambdaportError.is('ThrottledError')).toBe(false);
  });

  it('called detached from its class, says how to call it', () => {
    const detached = ThrottledError.is as (value: unknown) => boolean;

    expect(() => detached(new ThrottledError(origin, {}))).toThrow(/\(e\) => ThrottledError\.is\(e\)/);
  });
});
