/**
 * The record of observed calls: the caller read from the client context (`custom.caller`), counts by caller, callee,
 * version and invocation type, in the order first seen. (`GET /_lambdaport/calls` of a real runtime, driven by the
 * typed client: packages/cli/test/graph.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { callerOf, createObservedCalls } from '../../src/observed/observed-calls.js';

const context = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64');

describe('callerOf', () => {
  it('reads custom.caller', () => {
    expect(callerOf(context({ custom: { correlationId: 'r', caller: 'dev-a-f-123456' } }))).toBe('dev-a-f-123456');
  });

  it.each([
    ['no client context', undefined],
    ['an empty one', ''],
    ['no custom', context({ env: {} })],
    ['no caller', context({ custom: { correlationId: 'r' } })],
    ['a caller that is not a string', context({ custom: { caller: 7 } })],
    ['an empty caller', context({ custom: { caller: '' } })],
    ['not base64 of JSON', '%%%'],
    ['JSON null', context(null)],
  ])('is undefined for %s', (_name, value) => {
    expect(callerOf(value)).toBeUndefined();
  });
});

describe('createObservedCalls', () => {
  it('counts each kind of call, in the order first seen', () => {
    const calls = createObservedCalls();
    const fromA = context({ custom: { caller: 'dev-a-f-123456' } });
    calls.record({ function: 'dev-b-g-654321', version: '1', invocationType: 'RequestResponse', clientContext: fromA });
    calls.record({ function: 'dev-b-g-654321', version: '1', invocationType: 'Event', clientContext: fromA });
    calls.record({ function: 'dev-b-g-654321', version: '1', invocationType: 'RequestResponse', clientContext: fromA });
    calls.record({
      function: 'dev-b-g-654321',
      version: '$LATEST',
      invocationType: 'RequestResponse',
      clientContext: undefined,
    });

    expect(calls.list()).toEqual([
      {
        caller: 'dev-a-f-123456',
        function: 'dev-b-g-654321',
        version: '1',
        invocationType: 'RequestResponse',
        count: 2,
      },
      { caller: 'dev-a-f-123456', function: 'dev-b-g-654321', version: '1', invocationType: 'Event', count: 1 },
      {
        caller: undefined,
        function: 'dev-b-g-654321',
        version: '$LATEST',
        invocationType: 'RequestResponse',
        count: 1,
      },
    ]);
  });
});
