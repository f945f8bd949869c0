import { describe, expect, it } from 'vitest';
import { sleep, waitFor } from '../../../../test-support/async.js';
import { Invocation } from '../../src/internal/invocation.js';

const lambdaContext = (remainingMs: number) => {
  const deadline = Date.now() + remainingMs;
  return { awsRequestId: 'req', getRemainingTimeInMillis: () => deadline - Date.now() };
};

describe('Invocation deadline signal', () => {
  it('a kept deadline whose timer fires while idle aborts nothing', async () => {
    const first = new Invocation(lambdaContext(200), undefined, 50);
    const signal = first.signal; // deadline ~150 ms out
    first.finish(); // kept for the next invocation, its timer still pending
    await sleep(250);
    expect(signal.aborted).toBe(false);
    // The next invocation with the same deadline gets the same, still clean, signal.
    const next = new Invocation(lambdaContext(200), undefined, 50);
    expect(next.signal).toBe(signal);
    next.finish();
  });

  it('a re-armed deadline fires for the invocation that now holds it', async () => {
    const a = new Invocation(lambdaContext(200), undefined, 50);
    const first = a.signal;
    a.finish();
    const b = new Invocation(lambdaContext(200), undefined, 50);
    const signal = b.signal;
    expect(signal).toBe(first);
    await waitFor(() => signal.aborted, { what: 'the re-armed deadline' });
    expect(signal.reason).toMatchObject({ name: 'TimeoutError' });
    b.finish();
    // An aborted signal is never handed out again.
    const c = new Invocation(lambdaContext(200), undefined, 50);
    expect(c.signal).not.toBe(signal);
    expect(c.signal.aborted).toBe(false);
    c.finish();
  });

  it('a deadline further away gets its own timer, not the kept one', async () => {
    const short = new Invocation(lambdaContext(200), undefined, 50);
    const shortSignal = short.signal;
    short.finish();
    const long = new Invocation(lambdaContext(60_000), undefined, 50);
    const longSignal = long.signal;
    expect(longSignal).not.toBe(shortSignal);
    await sleep(250);
    expect(longSignal.aborted).toBe(false);
    long.finish();
  });

  it('two invocations at once each get their own deadline', async () => {
    const a = new Invocation(lambdaContext(150), undefined, 50);
    const b = new Invocation(lambdaContext(60_000), undefined, 50);
    const sa = a.signal;
    const sb = b.signal;
    expect(sa).not.toBe(sb);
    await waitFor(() => sa.aborted, { what: 'the first deadline' });
    expect(sb.aborted).toBe(false);
    a.finish();
    b.finish();
  });
});
