/**
 * The client context the typed client sends: the correlation id and the calling function's deployed name, base64
 * JSON under `custom`, nothing when there is neither, nothing when it would not fit Lambda's limit.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT_CONTEXT_LIMIT, callerName, encodeClientContext } from '../../src/client/client-context.js';

const decode = (value: string | undefined) =>
  value === undefined ? undefined : JSON.parse(Buffer.from(value, 'base64').toString('utf8'));

describe('encodeClientContext', () => {
  it('carries the correlation id and the caller under custom', () => {
    expect(decode(encodeClientContext('req-42'))).toEqual({ custom: { correlationId: 'req-42' } });
    expect(decode(encodeClientContext('req-42', 'dev-orders-create-1a2b3c'))).toEqual({
      custom: { correlationId: 'req-42', caller: 'dev-orders-create-1a2b3c' },
    });
    expect(decode(encodeClientContext(undefined, 'dev-orders-create-1a2b3c'))).toEqual({
      custom: { caller: 'dev-orders-create-1a2b3c' },
    });
  });

  it('is undefined with neither, or when it would not fit', () => {
    expect(encodeClientContext(undefined, undefined)).toBeUndefined();
    expect(encodeClientContext('x'.repeat(CLIENT_CONTEXT_LIMIT))).toBeUndefined();
  });
});

describe('callerName', () => {
  const before = process.env.AWS_LAMBDA_FUNCTION_NAME;
  afterEach(() => {
    if (before === undefined) delete process.env.AWS_LAMBDA_FUNCTION_NAME;
    else process.env.AWS_LAMBDA_FUNCTION_NAME = before;
  });

  it('is the deployed name of the function the code runs in, else undefined', () => {
    process.env.AWS_LAMBDA_FUNCTION_NAME = 'dev-orders-create-1a2b3c';
    expect(callerName()).toBe('dev-orders-create-1a2b3c');
    delete process.env.AWS_LAMBDA_FUNCTION_NAME;
    expect(callerName()).toBeUndefined();
  });
});
