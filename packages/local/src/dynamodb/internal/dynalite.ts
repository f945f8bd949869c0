/**
 * dynalite, embedded: its LevelDB store (`dynalite/db`), its request validations and its actions, called directly.
 * dynalite's own HTTP handler is not used: it rethrows every error it does not expect (a stack overflow in its
 * validation, a LevelDB read error in an action's callback) from inside a callback, which kills the process. Here each
 * request runs under a {@link StoreGuard}: whatever fails inside dynalite becomes that request's 500, and the runtime
 * keeps serving.
 */
import { createRequire } from 'node:module';
import { deepestValue, MAX_NESTING_LEVELS, NESTING_MESSAGE } from './nesting.js';
import type { CheckedDb } from './store-check.js';
import { type DynaliteStore, type GuardedRequest, StoreGuard } from './store-guard.js';

const require = createRequire(import.meta.url);

/** The operations dynalite implements (dynalite 4.0.0); anything else is 400 UnknownOperationException. */
export const DYNALITE_OPERATIONS: ReadonlySet<string> = new Set([
  'BatchGetItem',
  'BatchWriteItem',
  'CreateTable',
  'DeleteItem',
  'DeleteTable',
  'DescribeTable',
  'DescribeTimeToLive',
  'GetItem',
  'ListTables',
  'ListTagsOfResource',
  'PutItem',
  'Query',
  'Scan',
  'TagResource',
  'UntagResource',
  'UpdateItem',
  'UpdateTable',
]);

/** An answer of dynalite: status and JSON body (`__type` and `message` on errors). */
export interface Outcome {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** An error dynalite answers itself: it carries the status and body to send. */
interface AnsweredError extends Error {
  readonly statusCode?: number;
  readonly body?: Record<string, unknown>;
}

type Done = (error: AnsweredError | null | undefined, result?: Record<string, unknown>) => void;
type Action = (store: DynaliteStore, data: unknown, done: Done) => void;

interface ActionValidation {
  readonly types: object;
  readonly custom?: (data: unknown, store: DynaliteStore) => string | undefined;
}

interface Validations {
  checkTypes(data: unknown, types: object): unknown;
  checkValidations(data: unknown, types: object, custom: ActionValidation['custom'], store: DynaliteStore): void;
}

interface OpenableStore extends DynaliteStore {
  readonly db: DynaliteStore['db'] &
    CheckedDb & {
      open(options: { createIfMissing: boolean; errorIfExists: boolean }): Promise<void>;
      readonly status: string;
    };
  readonly lifecycleManager: { gracefulClose(): Promise<void> };
}

interface DbModule {
  create(options: {
    path?: string;
    createTableMs: number;
    deleteTableMs: number;
    updateTableMs: number;
  }): OpenableStore;
}

/** Options of {@link embedDynalite}. */
export interface EmbedOptions {
  /** The LevelDB folder; undefined → in memory. */
  readonly path: string | undefined;
  /** The error a LevelDB read or write failure becomes (it says where the state is). */
  readonly storeError: (error: Error) => Error;
  /** Called once for each request that fails inside dynalite, with the cause. */
  readonly onFailure: (operation: string, error: unknown) => void;
  /** The message of the 500 a failure is answered with. */
  readonly failureMessage: (error: unknown) => string;
}

/** One embedded dynalite. */
export interface EmbeddedDynalite {
  /** Opens the store; `createIfMissing: false` refuses a folder without a LevelDB store in it. */
  open(options: { createIfMissing: boolean }): Promise<void>;
  /** Runs one operation on a parsed input. Never rejects: errors are outcomes (4xx from dynalite, 500 from a failure). */
  execute(operation: string, input: Record<string, unknown>): Promise<Outcome>;
  /** The LevelDB database (for the start-time check). */
  readonly db: OpenableStore['db'];
  /** Waits for pending operations, then closes the store. Idempotent. */
  close(): Promise<void>;
}

const validations = (): Validations => require('dynalite/validations') as Validations;
const actionModule = (operation: string): Action =>
  require(`dynalite/actions/${operation[0]!.toLowerCase()}${operation.slice(1)}`) as Action;
const validationModule = (operation: string): ActionValidation =>
  require(`dynalite/validations/${operation[0]!.toLowerCase()}${operation.slice(1)}`) as ActionValidation;

function validationError(message: string): Outcome {
  return { status: 400, body: { __type: 'com.amazon.coral.validate#ValidationException', message } };
}

/**
 * Creates dynalite's store (on disk at `path`, or in memory), hardened by a {@link StoreGuard}. Tables become ACTIVE
 * at once. Call `open()` before anything else.
 *
 * @example
 * const dynalite = embedDynalite({ path, storeError, onFailure: (op, e) => log(`${op}: ${e}`), failureMessage });
 * await dynalite.open({ createIfMissing: true });
 * const { status, body } = await dynalite.execute('ListTables', {});
 */
export function embedDynalite(options: EmbedOptions): EmbeddedDynalite {
  const dbModule = require('dynalite/db') as DbModule;
  const store = dbModule.create({
    ...(options.path === undefined ? {} : { path: options.path }),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  const guard = new StoreGuard();
  guard.harden(store, options.storeError);
  const actions = new Map<string, { action: Action; validation: ActionValidation }>();

  function execute(operation: string, input: Record<string, unknown>): Promise<Outcome> {
    if (!DYNALITE_OPERATIONS.has(operation)) {
      return Promise.resolve({ status: 400, body: { __type: 'com.amazon.coral.service#UnknownOperationException' } });
    }
    if (deepestValue(input) > MAX_NESTING_LEVELS) return Promise.resolve(validationError(NESTING_MESSAGE));
    return new Promise((resolve) => {
      let answered = false;
      const answer = (outcome: Outcome): void => {
        if (answered) return;
        answered = true;
        guard.end(request);
        resolve(outcome);
      };
      const request: GuardedRequest = {
        locks: new Set(),
        fail(error) {
          if (answered) return;
          options.onFailure(operation, error);
          answer({
            status: 500,
            body: {
              __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError',
              message: options.failureMessage(error),
            },
          });
        },
      };
      guard.run(request, () => {
        let parts = actions.get(operation);
        if (parts === undefined) {
          parts = { action: actionModule(operation), validation: validationModule(operation) };
          actions.set(operation, parts);
        }
        const { action, validation } = parts;
        let data: unknown;
        try {
          data = validations().checkTypes(input, validation.types);
          validations().checkValidations(data, validation.types, validation.custom, store);
        } catch (error) {
          const answered = error as AnsweredError;
          if (answered.statusCode !== undefined && answered.body !== undefined) {
            answer({ status: answered.statusCode, body: answered.body });
            return;
          }
          throw error;
        }
        action(store, data, (error, result) => {
          if (error?.statusCode !== undefined && error.body !== undefined) {
            answer({ status: error.statusCode, body: error.body });
          } else if (error) {
            request.fail(error);
          } else {
            answer({ status: 200, body: result ?? {} });
          }
        });
      });
    });
  }

  let closing: Promise<void> | undefined;
  return {
    open: ({ createIfMissing }) => store.db.open({ createIfMissing, errorIfExists: false }),
    execute,
    db: store.db,
    close: () => {
      closing ??= store.lifecycleManager.gracefulClose();
      return closing;
    },
  };
}
