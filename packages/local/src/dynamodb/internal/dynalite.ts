/**
 * dynalite, embedded: its request handler is used in process (no port of its own), and its LevelDB store is
 * kept so that it can be closed (dynalite only closes it from `server.close()`, which needs a listening server).
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface DynaliteOptions {
  path?: string;
  createTableMs?: number;
  deleteTableMs?: number;
  updateTableMs?: number;
}

interface DynaliteStore {
  readonly db: { open(): Promise<void> };
  readonly lifecycleManager: { gracefulClose(): Promise<void> };
}

interface DbModule {
  create: (options: DynaliteOptions) => DynaliteStore;
}

/** One embedded dynalite: a request handler and a way to close its store. */
export interface EmbeddedDynalite {
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** Opens the store now (so a locked or unreadable folder fails at start, not at the first request). */
  open(): Promise<void>;
  close(): Promise<void>;
}

/** Starts dynalite in process: on disk at `path`, or in memory. Tables become ACTIVE at once. */
export function embedDynalite(path: string | undefined): EmbeddedDynalite {
  const dbModule = require('dynalite/db') as DbModule;
  const dynalite = require('dynalite') as (options: DynaliteOptions) => Server;
  const original = dbModule.create;
  let store: DynaliteStore | undefined;
  dbModule.create = (options) => {
    store = original(options);
    return store;
  };
  let server: Server;
  try {
    server = dynalite({
      ...(path === undefined ? {} : { path }),
      createTableMs: 0,
      deleteTableMs: 0,
      updateTableMs: 0,
    });
  } finally {
    dbModule.create = original;
  }
  const captured = store;
  if (captured === undefined) throw new Error('dynalite did not create its store');
  let closing: Promise<void> | undefined;
  return {
    handle: (req, res) => {
      server.emit('request', req, res);
    },
    open: () => captured.db.open(),
    close: () => {
      closing ??= captured.lifecycleManager.gracefulClose();
      return closing;
    },
  };
}
