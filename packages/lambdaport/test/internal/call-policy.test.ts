import { describe, expect, it } from 'vitest';
import {
  DeadlineExceededError,
  FunctionNotFoundError,
  LambdaServiceError,
  ThrottledError,
} from '../../src/client/errors.js';
import { POLICY_DEFAULTS } from '../../src/client/policies.js';
import { RemoteFunctionError } from '../../src/errors.js';
import { countsForBreaker, planRetry, retryClass } from '../../src/internal/call-policy.js';

const origin = { functionName: 'records.get', version: 1 };
const remote = (errorType: string) => new RemoteFunctionError({ errorType, errorMessage: 'x' });
const service = (statusCode: number | undefined, sent: boolean) =>
  new LambdaServiceError(origin, { awsErrorName: 'X', statusCode, sent, message: 'x' });

describe('retryClass', () => {
  it('retries only what is safe', () => {
    expect(retryClass(new ThrottledError(origin, {}))).toBe('safe');
    expect(retryClass(service(undefined, false))).toBe('safe'); // ECONNREFUSED: never reached Lambda
    expect(retryClass(service(undefined, true))).toBe('idempotent'); // ECONNRESET: may have run
    expect(retryClass(service(503, true))).toBe('idempotent');
    expect(retryClass(service(403, true))).toBe('never');
    expect(retryClass(remote('Sandbox.Timedout'))).toBe('idempotent');
    expect(retryClass(remote('Runtime.ExitError'))).toBe('idempotent');
    expect(retryClass(remote('TypeError'))).toBe('never');
    expect(retryClass(new FunctionNotFoundError(origin))).toBe('never');
    expect(retryClass(new DeadlineExceededError(origin, 10))).toBe('never');
  });
});

describe('countsForBreaker', () => {
  it('counts failures of the target, not of the caller or of business rules', () => {
    expect(countsForBreaker(remote('Sandbox.Timedout'))).toBe(true);
    expect(countsForBreaker(remote('TypeError'))).toBe(true);
    expect(countsForBreaker(new DeadlineExceededError(origin, 10))).toBe(true);
    expect(countsForBreaker(service(500, true))).toBe(true);
    expect(countsForBreaker(service(undefined, false))).toBe(true);
    expect(countsForBreaker(service(403, true))).toBe(false);
    expect(countsForBreaker(new ThrottledError(origin, {}))).toBe(false);
    expect(countsForBreaker(new FunctionNotFoundError(origin))).toBe(false);
  });
});

describe('planRetry', () => {
  const full = () => 0.999_999;

  it('waits with exponential full jitter', () => {
    const call = { idempotent: true, remainingMs: 60_000 };
    const error = remote('Sandbox.Timedout');

    expect(planRetry(error, 0, call, POLICY_DEFAULTS, full)).toBe(49);
    expect(planRetry(error, 1, call, POLICY_DEFAULTS, full)).toBe(99);
    expect(planRetry(error, 10, call, POLICY_DEFAULTS, full)).toBe(1999);
    expect(planRetry(error, 0, call, POLICY_DEFAULTS, () => 0)).toBe(0);
  });

  it('does not retry a time-out of a contract that is not idempotent', () => {
    expect(planRetry(remote('Sandbox.Timedout'), 0, { idempotent: false, remainingMs: 60_000 })).toBeUndefined();
    expect(planRetry(new ThrottledError(origin, {}), 0, { idempotent: false, remainingMs: 60_000 })).toBeTypeOf(
      'number',
    );
  });

  it('waits at least the throttle retryAfter, and gives up when the deadline does not allow it', () => {
    const throttled = new ThrottledError(origin, { retryAfter: 1 });

    expect(planRetry(throttled, 0, { idempotent: false, remainingMs: 5_000 })).toBe(1_000);
    expect(planRetry(throttled, 0, { idempotent: false, remainingMs: 1_020 })).toBeUndefined();
  });

  it('never plans a wait that leaves less than minAttemptMs before the deadline', () => {
    expect(planRetry(service(undefined, false), 0, { idempotent: true, remainingMs: 40 }, POLICY_DEFAULTS, full)).toBe(
      undefined,
    );
  });
});
