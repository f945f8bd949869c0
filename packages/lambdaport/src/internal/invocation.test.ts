import { describe, expect, it } from 'vitest';
import { Invocation } from './invocation.js';

const lambdaContext = (remainingMs: number) => {
  const deadline = Date.now() + remainingMs;
  return { awsRequestId: 'req', getRemainingTimeInMillis: () => deadline - Date.now() };
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// This file runs in a fresh module (vitest isolates files), so the first invocation below arms the shared timer.
describe('Invocation deadline signal', () => {
  it('a shared timer armed for a finished invocation does not abort the next invocation', async () => {
    const first = new Invocation(lambdaContext(200), undefined, 50);
    const firstSignal = first.signal; // arms the shared timer ~150 ms out
    first.finish();
    // Same delay class, so the next one re-arms the same timer; a longer one gets its own.
    const second = new Invocation(lambdaContext(60_000), undefined, 50);
    const secondSignal = second.signal;
    expect(secondSignal).toBe(firstSignal); // reused controller
    await sleep(300); // past the first invocation's deadline
    expect(secondSignal.aborted).toBe(false);
    second.finish();
  });

  it('the re-armed shared timer fires for its new owner', async () => {
    const a = new Invocation(lambdaContext(200), undefined, 50);
    void a.signal;
    a.finish();
    const b = new Invocation(lambdaContext(200), undefined, 50);
    const signal = b.signal;
    await sleep(250);
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toMatchObject({ name: 'TimeoutError' });
    b.finish();
  });

  it('two invocations at once each get their own deadline', async () => {
    const a = new Invocation(lambdaContext(150), undefined, 50);
    const b = new Invocation(lambdaContext(60_000), undefined, 50);
    const sa = a.signal;
    const sb = b.signal;
    expect(sa).not.toBe(sb);
    await sleep(200);
    expect(sa.aborted).toBe(true);
    expect(sb.aborted).toBe(false);
    a.finish();
    b.finish();
  });
});
