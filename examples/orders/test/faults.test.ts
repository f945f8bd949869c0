/**
 * orders calling a records double that misbehaves on demand (real processes): a callee time-out, a crashed callee,
 * and the breaker in orders opening and recovering. Each failure reaches our caller as a typed RecordsUnavailable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordsUnavailable } from '../src/contract.js';
import { CRASHES, THROWS, TIMES_OUT } from './fixtures/records-double/handlers.js';
import { ORDERS_DIR, RECORDS_DOUBLE_DIR, rejectionOf, sleep, startOrders } from './local.js';

type Unavailable = InstanceType<typeof RecordsUnavailable>;

let env: Awaited<ReturnType<typeof startOrders>>;
beforeAll(async () => {
  env = await startOrders([RECORDS_DOUBLE_DIR, ORDERS_DIR]);
});
afterAll(() => env?.stop());

describe('orders when records misbehaves', () => {
  it('the breaker in orders opens after 3 consecutive failures, fails fast, and recovers after 2 s', async () => {
    await env.create.invoke({ recordId: 1, quantity: 1 }); // healthy: the count starts at 0

    const failures = [];
    for (let i = 0; i < 3; i++) failures.push(await rejectionOf(env.create.invoke({ recordId: THROWS, quantity: 1 })));
    const fast = await rejectionOf(env.create.invoke({ recordId: 1, quantity: 1 }));
    await sleep(2_100);
    const recovered = await env.create.invoke({ recordId: 1, quantity: 1 });

    for (const f of failures) {
      expect(RecordsUnavailable.is(f)).toBe(true);
      expect((f as Unavailable).data).toEqual({ reason: 'RemoteFunction', errorType: 'TypeError' });
    }
    expect((fast as Unavailable).data.reason).toBe('BrokenCircuit');
    expect(fast.message).toContain('records.get v1');
    expect(recovered.recordId).toBe(1);
  });

  it('a callee time-out comes back as RecordsUnavailable (Sandbox.Timedout)', async () => {
    await env.create.invoke({ recordId: 1, quantity: 1 }); // healthy: the breaker's count starts at 0

    const error = await rejectionOf(env.create.invoke({ recordId: TIMES_OUT, quantity: 1 }));

    expect(RecordsUnavailable.is(error)).toBe(true);
    expect((error as Unavailable).data).toEqual({ reason: 'RemoteFunction', errorType: 'Sandbox.Timedout' });
    expect(error.message).toContain('records.get');
  });

  it('a crashed callee comes back as RecordsUnavailable (Runtime.ExitError), and records serves again', async () => {
    await env.create.invoke({ recordId: 1, quantity: 1 }); // healthy: the breaker's count starts at 0

    const error = await rejectionOf(env.create.invoke({ recordId: CRASHES, quantity: 1 }));
    const after = await env.create.invoke({ recordId: 5, quantity: 2 });

    expect((error as Unavailable).data).toEqual({ reason: 'RemoteFunction', errorType: 'Runtime.ExitError' });
    expect(after.recordId).toBe(5);
  });
});
