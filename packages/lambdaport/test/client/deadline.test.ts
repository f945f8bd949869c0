import { describe, expect, it } from 'vitest';
import { budgetMs, CallScope, DEADLINE_DEFAULTS } from '../../src/client/deadline.js';

describe('budgetMs', () => {
  const ctx = (left: number) => ({ remainingTimeMs: () => left });

  it('uses the default outside a Lambda', () => {
    expect(budgetMs({}, undefined, 250)).toBe(DEADLINE_DEFAULTS.timeoutMs);
  });

  it('takes the call timeout over the client timeout', () => {
    expect(budgetMs({ timeoutMs: 100 }, 5_000, 250)).toBe(100);
    expect(budgetMs({}, 5_000, 250)).toBe(5_000);
  });

  it('inside a Lambda: the caller remaining time minus the margin, capped by any timeout', () => {
    expect(budgetMs({ ctx: ctx(3_000) }, undefined, 250)).toBe(2_750);
    expect(budgetMs({ ctx: ctx(3_000), timeoutMs: 500 }, undefined, 250)).toBe(500);
    expect(budgetMs({ ctx: { getRemainingTimeInMillis: () => 1_000 } }, 5_000, 100)).toBe(900);
    expect(budgetMs({ ctx: ctx(100) }, undefined, 250)).toBe(0);
  });
});

describe('CallScope', () => {
  it('aborts at the deadline with cause "deadline"', async () => {
    const scope = new CallScope(5, []);
    await new Promise((r) => scope.signal.addEventListener('abort', r));
    scope.dispose();

    expect(scope.cause).toBe('deadline');
  });

  it('aborts when a caller signal fires, keeping its reason', () => {
    const caller = new AbortController();
    const scope = new CallScope(10_000, [undefined, caller.signal]);

    caller.abort('user left');
    scope.dispose();

    expect(scope.signal.aborted).toBe(true);
    expect(scope.cause).toBe('caller');
    expect(scope.callerReason).toBe('user left');
  });

  it('starts aborted when a caller signal already fired', () => {
    const scope = new CallScope(10_000, [AbortSignal.abort('gone')]);
    scope.dispose();

    expect(scope.cause).toBe('caller');
  });
});
