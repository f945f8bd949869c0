/**
 * Keeping dynalite's failures inside the request that hit them. dynalite's actions continue in callbacks of its
 * LevelDB store (and of its per-key locks); an exception thrown there would be an uncaught exception and kill the
 * process, and a lock taken before it would never be released. So every callback that leaves the store, and every
 * lock grant, runs under the request it belongs to:
 *
 * - the request is known at the time the store is called (the {@link StoreGuard} holds the request whose code is
 *   running: set while an action starts and while one of its callbacks runs);
 * - a throw inside such a callback fails that request (its 500) and releases the locks it holds;
 * - a throw that cannot be traced to a request (a step dynalite scheduled on its own) fails every request in flight.
 *
 * It also turns LevelDB's read errors into {@link StoreError}s (never "could not decode": dynalite treats that as a
 * missing table and deletes the table's entry), and replaces dynalite's streams: its prefixed key streams emitted
 * their errors on a stream nobody listened to, and its value streams (Scan, Query) never closed their LevelDB
 * iterator (they call `iterator.return`, which abstract-level iterators do not have), so every Scan and Query left
 * one open, holding a snapshot of the store: 0.8 KB (in memory) to 1.6 KB (on disk) of memory each, for ever.
 */
import { Readable } from 'node:stream';

/** A request running inside dynalite, as the guard sees it. */
export interface GuardedRequest {
  /** Answers the request with its 500 (once) and logs the cause. */
  fail(error: unknown): void;
  /** Releases of the locks this request holds, so a failure can free them. */
  readonly locks: Set<() => void>;
}

/** A LevelDB failure while reading or writing the store: `kind` says whether the data itself is damaged. */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly kind: 'corrupt' | 'io',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** What LevelDB errors mean: the data is damaged (`corrupt`), the disk failed (`io`), or something else. */
export function classifyStoreError(error: unknown): 'corrupt' | 'io' | undefined {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 5; cause = cause.cause, depth++) {
    if (cause instanceof StoreError) return cause.kind;
    const code = (cause as { code?: unknown }).code;
    if (code === 'LEVEL_CORRUPTION' || code === 'LEVEL_DECODE_ERROR' || /^Corruption:/.test(cause.message)) {
      return 'corrupt';
    }
    if (code === 'LEVEL_IO_ERROR' || /^IO error:/.test(cause.message)) return 'io';
  }
  return undefined;
}

type Callback = (error: Error | null | undefined, ...values: unknown[]) => void;
type Exec = (release: (done?: Callback) => (...args: unknown[]) => void) => void;
type Lock = (key: unknown, exec: Exec) => unknown;

interface SubDb {
  lock: Lock;
  createKeyStream(options?: Record<string, unknown>): Readable;
  [guarded]?: true;
}

interface MainDb {
  get(key: string, callback?: Callback): unknown;
  put(key: string, value: unknown, callback?: Callback): unknown;
  del(key: string, callback?: Callback): unknown;
  batch(operations: unknown[], callback?: Callback): unknown;
  keys(options: Record<string, unknown>): StoreIterator<string>;
  values(options: Record<string, unknown>): StoreIterator<unknown>;
  createValueStream(options: Record<string, unknown>): Readable;
}

interface StoreIterator<T> {
  next(): Promise<T | undefined>;
  close(): Promise<void>;
}

/** The parts of dynalite's store (`dynalite/db` `create()`) the guard wraps. */
export interface DynaliteStore {
  readonly db: MainDb;
  tableDb: SubDb;
  getItemDb(name: string): SubDb;
  getIndexDb(type: string, table: string, index: string): SubDb;
  getTagDb(name: string): SubDb;
  deleteItemDb(name: string, cb: Callback): void;
  deleteIndexDb(type: string, table: string, index: string, cb: Callback): void;
  deleteTagDb(name: string, cb: Callback): void;
}

const guarded = Symbol('guarded');

/**
 * Tracks which request dynalite's code is running for, and wraps the store so that no failure escapes it.
 *
 * @example
 * const guard = new StoreGuard();
 * guard.harden(store, (error) => new StoreError('corrupt', `state in ${folder} is corrupt`, { cause: error }));
 * guard.run(request, () => action(store, input, done));
 */
export class StoreGuard {
  #current: GuardedRequest | undefined;
  readonly #inFlight = new Set<GuardedRequest>();

  /** Runs `fn` as `request` (synchronously); a throw fails the request. The request counts as in flight until `end`. */
  run(request: GuardedRequest, fn: () => void): void {
    this.#inFlight.add(request);
    this.#invoke(request, fn);
  }

  /** The request is answered: it no longer counts as in flight. */
  end(request: GuardedRequest): void {
    this.#inFlight.delete(request);
  }

  /** Wraps a callback so that it runs as the request current now, whoever calls it later. */
  bind<A extends unknown[]>(callback: (...args: A) => void): (...args: A) => void {
    const owner = this.#current;
    return (...args: A) => this.#invoke(owner, () => callback(...args));
  }

  #invoke(owner: GuardedRequest | undefined, fn: () => void): void {
    const previous = this.#current;
    this.#current = owner;
    try {
      fn();
    } catch (error) {
      this.#fail(owner, error);
    } finally {
      this.#current = previous;
    }
  }

  #fail(owner: GuardedRequest | undefined, error: unknown): void {
    const failing = owner === undefined ? [...this.#inFlight] : [owner];
    for (const request of failing) {
      for (const release of [...request.locks]) release();
      request.locks.clear();
      request.fail(error);
    }
  }

  /**
   * Wraps `store` in place: callbacks of the LevelDB calls, lock grants and key streams. `readError` turns a LevelDB
   * read or write error into the error dynalite passes on (a {@link StoreError} saying where the state is).
   */
  harden(store: DynaliteStore, readError: (error: Error) => Error): void {
    const db = store.db;
    const wrapCallback = (callback: Callback | undefined): Callback | undefined => {
      if (typeof callback !== 'function') return callback;
      return this.bind((error: Error | null | undefined, ...values: unknown[]) =>
        callback(error ? mapError(error, readError) : error, ...values),
      );
    };
    const { get, put, del, batch } = db;
    db.get = (key, callback) => get.call(db, key, wrapCallback(callback));
    db.put = (key, value, callback) => put.call(db, key, value, wrapCallback(callback));
    db.del = (key, callback) => del.call(db, key, wrapCallback(callback));
    db.batch = (operations, callback) => batch.call(db, operations, wrapCallback(callback));
    db.createValueStream = (options) => iteratorStream(db.values(options), (value) => value, readError, this);

    const guardSubDb = (sub: SubDb, prefix: string): SubDb => {
      if (sub[guarded]) return sub;
      sub[guarded] = true;
      const lock = sub.lock;
      sub.lock = (key, exec) => lock(key, this.#grant(exec));
      sub.createKeyStream = () =>
        iteratorStream(
          db.keys({ gte: prefix, lt: `${prefix}\xff` }),
          (key) => key.slice(prefix.length),
          readError,
          this,
        );
      return sub;
    };
    store.tableDb = guardSubDb(store.tableDb, 'table~');
    const { getItemDb, getIndexDb, getTagDb, deleteItemDb, deleteIndexDb, deleteTagDb } = store;
    store.getItemDb = (name) => guardSubDb(getItemDb.call(store, name), `item-${name}~`);
    store.getIndexDb = (type, table, index) =>
      guardSubDb(getIndexDb.call(store, type, table, index), `index-${type.toLowerCase()}~${table}~${index}~`);
    store.getTagDb = (name) => guardSubDb(getTagDb.call(store, name), `tag-${name}~`);
    // dynalite deletes a table's data through its own (unguarded) lookup: hand it the guarded one first.
    store.deleteItemDb = (name, cb) => {
      store.getItemDb(name);
      deleteItemDb.call(store, name, wrapCallback(cb) as Callback);
    };
    store.deleteIndexDb = (type, table, index, cb) => {
      store.getIndexDb(type, table, index);
      deleteIndexDb.call(store, type, table, index, wrapCallback(cb) as Callback);
    };
    store.deleteTagDb = (name, cb) => {
      store.getTagDb(name);
      deleteTagDb.call(store, name, wrapCallback(cb) as Callback);
    };
  }

  /** A lock grant that runs as the requesting request and is released if that request fails while holding it. */
  #grant(exec: Exec): Exec {
    const owner = this.#current;
    return (release) => {
      const force = (): void => {
        release()();
      };
      // (dynalite locks one key at a time; a released lock is never released twice by the lock module)
      owner?.locks.add(force);
      const tracked = (done?: Callback): ((...args: unknown[]) => void) => {
        const released = release(done);
        return (...args) => {
          owner?.locks.delete(force);
          released(...args);
        };
      };
      this.#invoke(owner, () => exec(tracked));
    };
  }
}

function mapError(error: Error, readError: (error: Error) => Error): Error {
  // dynalite's own errors (NotFoundError, "Database is closed") and answers with a status pass as they are.
  if (classifyStoreError(error) === undefined) return error;
  return readError(error);
}

/**
 * A LevelDB iterator as the object stream dynalite reads (`map` applied to each entry). A read error ends the stream
 * with that error; the iterator is closed when the stream ends or is destroyed (dynalite destroys a stream it stops
 * reading early). Entries are pushed as the request that opened the stream: what dynalite does with them runs under
 * the guard.
 */
function iteratorStream<T>(
  iterator: StoreIterator<T>,
  map: (entry: T) => unknown,
  readError: (error: Error) => Error,
  guard: StoreGuard,
): Readable {
  let stream: Readable | undefined;
  const push = guard.bind((entry: T | undefined) => {
    stream?.push(entry === undefined ? null : map(entry));
  });
  stream = new Readable({
    objectMode: true,
    read() {
      iterator.next().then(push, (error: Error) => stream?.destroy(mapError(error, readError)));
    },
    destroy(error, callback) {
      const done = (): void => callback(error);
      iterator.close().then(done, done);
    },
  });
  return stream;
}
