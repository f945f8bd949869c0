/**
 * The StoreGuard on its own: a throw inside a callback fails the request the callback belongs to and releases the locks
 * that request holds; a throw it cannot trace to a request fails every request in flight. (Through dynalite, the first
 * is covered by containment.test.ts; the second has no request that reaches it on purpose.)
 */
import { describe, expect, it } from 'vitest';
import { type GuardedRequest, StoreGuard } from '../../src/dynamodb/internal/store-guard.js';

function request(name: string, failures: string[]): GuardedRequest {
  return { locks: new Set(), fail: (error) => failures.push(`${name}: ${(error as Error).message}`) };
}

/** Runs `fn` on the next turn of the event loop, as LevelDB's callbacks are. */
const later = (fn: () => void) =>
  new Promise<void>((resolve) =>
    setImmediate(() => {
      fn();
      resolve();
    }),
  );

describe('StoreGuard', () => {
  it('fails the request a throwing callback belongs to, releases its locks, and leaves the others alone', async () => {
    const guard = new StoreGuard();
    const failures: string[] = [];
    const a = request('a', failures);
    const b = request('b', failures);
    const released: string[] = [];
    let callbackOfA: (() => void) | undefined;
    guard.run(a, () => {
      a.locks.add(() => released.push('lock of a'));
      callbackOfA = guard.bind(() => {
        throw new Error('boom in a callback');
      });
    });
    guard.run(b, () => {
      b.locks.add(() => released.push('lock of b'));
    });

    await later(() => callbackOfA?.());

    expect(failures).toEqual(['a: boom in a callback']);
    expect(released).toEqual(['lock of a']);
    expect(b.locks.size).toBe(1);
  });

  it('fails a request whose own start throws', () => {
    const guard = new StoreGuard();
    const failures: string[] = [];

    guard.run(request('a', failures), () => {
      throw new RangeError('Maximum call stack size exceeded');
    });

    expect(failures).toEqual(['a: Maximum call stack size exceeded']);
  });

  it('fails every request in flight when a throw cannot be traced to one, but not those already answered', async () => {
    const guard = new StoreGuard();
    const failures: string[] = [];
    const a = request('a', failures);
    const b = request('b', failures);
    const done = request('done', failures);
    guard.run(a, () => {});
    guard.run(b, () => {});
    guard.run(done, () => {});
    guard.end(done);
    const orphan = guard.bind(() => {
      throw new Error('from nowhere');
    });

    await later(orphan);

    expect(failures.sort()).toEqual(['a: from nowhere', 'b: from nowhere']);
  });
});
