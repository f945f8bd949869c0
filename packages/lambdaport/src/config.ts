/**
 * The service config (`lambdaport.config.ts`): one source of truth for local runs, docs, permissions and deploy.
 * Types only and an identity helper: no runtime dependencies. A plain object default export works too.
 *
 * These types are the input type of the config's zod schema in `@lambdaport/config` (a type test there proves they
 * stay equal); every key, its default, limits and an example are in docs/config.md, generated from that schema.
 */

/** The Lambda runtimes a function deploys as. */
export type LambdaRuntime = 'nodejs22.x' | 'nodejs24.x' | 'provided.al2023';

/**
 * A function's `runtime` as a config may write it: a Lambda runtime, or the legacy `nodejs` (the host's Node major
 * when it is 22 or 24, else `nodejs22.x` for deploy and the host's Node locally) and `provided` (`provided.al2023`).
 */
export type RuntimeSetting = LambdaRuntime | 'nodejs' | 'provided';

/** The access a function declares to a table of its service. */
export type TableAccess = 'read' | 'read-write';

/** An environment value naming a table of the service: the stage-correct table name at resolve time. */
export interface TableReference {
  table: string;
}

/** An environment value naming a function (`<service>.<function>`): its deployed name at resolve time. */
export interface FunctionReference {
  function: string;
}

/** An environment variable's value: a string, or a reference resolved to a stage-correct name. */
export type EnvironmentValue = string | TableReference | FunctionReference;

/** A DynamoDB key attribute. */
export interface KeyAttribute {
  name: string;
  type: 'S' | 'N' | 'B';
}

/** A DynamoDB table of the service. */
export interface TableConfig {
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  /** A JSON file (relative to the service dir) holding an array of items to load at start. */
  seed?: string;
}

/** A Function URL. */
export interface UrlConfig {
  authType: 'NONE' | 'AWS_IAM';
}

/** An older major version kept deployed beside the current one: a function of its own, with its own handler. */
export interface VersionConfig {
  /** The handler that serves this version, as `path/file.ts#export` (or a bootstrap path for `provided`). */
  handler: string;
  environment?: Record<string, EnvironmentValue>;
  description?: string;
  /** `path/file.ts#export`: the module export holding this major's contract. */
  contract?: string;
}

/**
 * The event invoke config of a function's asynchronous (`Event`) invocations.
 *
 * @example
 * const audit: AsyncConfig = { maximumRetryAttempts: 1, onFailure: 'orders.failed' };
 */
export interface AsyncConfig {
  /** Retries after a function error, 0 to 2 (default 2). */
  maximumRetryAttempts?: number;
  /** Seconds an event may wait, 60 to 21,600 (default 21,600); older ones go to `onFailure`. */
  maximumEventAgeInSeconds?: number;
  /** `service.function` (or `service.function@vN`) receiving the invocation record after a success. */
  onSuccess?: string;
  /** `service.function` (or `service.function@vN`) receiving the invocation record after a failure. */
  onFailure?: string;
}

/** An event the service publishes: its key is the detail type, the service name its source. */
export interface EventConfig {
  /** `path/file.ts#export`: the module export holding the event's contract (`defineEvent`). */
  contract?: string;
  /** What the event means (at most 256 characters). */
  description?: string;
}

/** A subscription to an event of a service: `{ event: 'orders.OrderCreated', detail: { total: [{ numeric: ['>', 100] }] } }`. */
export interface EventSubscription {
  /** `<service>.<Event>`: an event of `events` in that service's config, on its bus `<stage>-<service>`. */
  event: string;
  /** An EventBridge pattern on the event's `detail` (a JSON object). */
  detail?: Record<string, unknown>;
}

/** A subscription by any EventBridge pattern on a bus: `{ pattern: { source: ['aws.s3'] } }`. */
export interface PatternSubscription {
  /** The EventBridge pattern (a JSON object). */
  pattern: Record<string, unknown>;
  /** The bus the rule is on (default `default`). */
  bus?: string;
}

/** A `subscribe` entry: `'<service>.<Event>'` (short for `{ event }`), `{ event, detail? }` or `{ pattern, bus? }`. */
export type SubscribeEntry = string | EventSubscription | PatternSubscription;

/**
 * The queue in front of a function: every subscription of the function delivers through it, and an event source
 * mapping (with `ReportBatchItemFailures`) invokes the function with its messages.
 *
 * @example
 * const queue: QueueConfig = { batchSize: 10, maxReceiveCount: 5 };
 */
export interface QueueConfig {
  /** Messages per invocation, 1 to 10,000 (default 10); over 10 needs `maximumBatchingWindowInSeconds` of 1 or more. */
  batchSize?: number;
  /** Seconds to gather a batch, 0 to 300 (default 0). */
  maximumBatchingWindowInSeconds?: number;
  /** Seconds a received message stays hidden, 0 to 43,200 (default 6 × the function's timeout); at least the timeout. */
  visibilityTimeout?: number;
  /** Receives before a message moves to the dead-letter queue, 1 to 1,000 (default 5). */
  maxReceiveCount?: number;
}

/** One function of the service. */
export interface FunctionConfig {
  /** `path/file.ts#export` for Node; the path of an executable `bootstrap` for `provided`. */
  handler: string;
  /** Default `nodejs` (the host's Node major, see {@link RuntimeSetting}). */
  runtime?: RuntimeSetting;
  /** Seconds, default 3, at most 900. */
  timeout?: number;
  /** MB, default 128, 128 to 10240. */
  memorySize?: number;
  /** Maximum concurrent environments; calls beyond it are throttled (429). */
  reservedConcurrency?: number;
  environment?: Record<string, EnvironmentValue>;
  url?: UrlConfig;
  description?: string;
  /**
   * The functions this function calls: `service.function` (the callee's current major) or `service.function@vN`:
   * the basis of its least-privilege policy.
   */
  calls?: string[];
  /** Access to its own service's tables: `{ records: 'read' }`. */
  tables?: Record<string, TableAccess>;
  /** `path/file.ts#export`: the module export holding the function's contract (`defineFunction`). */
  contract?: string;
  /** Retries, maximum event age and destinations of its asynchronous (`Event`) invocations. */
  async?: AsyncConfig;
  /** The API's major version served by `handler` (default 1), published as the alias `v<version>`. */
  version?: number;
  /** Older major versions still served, each by a function of its own: `{ 1: { handler: 'src/v1.ts#handler' } }`. */
  versions?: Record<number, VersionConfig>;
  /** Events of its service (keys of `events`) it publishes: it gets `events:PutEvents` on its service's bus. */
  publishes?: string[];
  /** The events (or patterns) it reacts to, each delivered by an EventBridge rule (through `queue` when set). */
  subscribe?: SubscribeEntry[];
  /** A queue in front of the function, with a dead-letter queue, consumed by an event source mapping. */
  queue?: QueueConfig;
}

/** A service's config. */
export interface ServiceConfig {
  /** The JSON Schema of the config, for editors (JSON configs). */
  $schema?: string;
  service: string;
  /** Default `dev`. */
  stage?: string;
  /** Default `us-east-1`. */
  region?: string;
  functions: Record<string, FunctionConfig>;
  tables?: Record<string, TableConfig>;
  /** The events the service publishes, keyed by detail type (PascalCase), on its bus `<stage>-<service>`. */
  events?: Record<string, EventConfig>;
}

/**
 * `T` checked against `Shape` key by key, deeply: a key `Shape` does not have becomes `never`, so an object literal
 * with a misspelt key (`tiemout`) fails to compile even where a `const` type parameter turns off TypeScript's own
 * excess-property check. Unions (`EnvironmentValue`) are checked against the keys of all their object members.
 */
export type StrictConfig<T, Shape> = T extends readonly unknown[]
  ? { [I in keyof T]: StrictConfig<T[I], Shape extends readonly (infer E)[] ? E : never> }
  : T extends object
    ? [Extract<Shape, object>] extends [never]
      ? T
      : {
          [K in keyof T]: K extends AllKeys<Extract<Shape, object>>
            ? StrictConfig<T[K], ValueAt<Extract<Shape, object>, K>>
            : never;
        }
    : T;

type AllKeys<U> = U extends unknown ? keyof U : never;
type ValueAt<U, K> = U extends unknown ? (K extends keyof U ? U[K] : never) : never;

/**
 * Declares a service config. An identity function that exists for type checking and editor help: literal types are
 * kept (`service: 'records'`), and a misspelt key is a compile error.
 *
 * @example
 * export default defineConfig({
 *   service: 'records',
 *   functions: {
 *     get: {
 *       handler: 'src/handlers.ts#handler',
 *       timeout: 3,
 *       environment: { RECORDS_TABLE: { table: 'records' } },
 *       tables: { records: 'read' },
 *     },
 *   },
 *   tables: { records: { partitionKey: { name: 'id', type: 'S' }, seed: 'data/records.json' } },
 * });
 */
export function defineConfig<const C extends ServiceConfig>(config: C & StrictConfig<C, ServiceConfig>): C {
  return config;
}

/** Defaults of the config, in one place (the schema's defaults are these). */
export const CONFIG_DEFAULTS = {
  stage: 'dev',
  region: 'us-east-1',
  runtime: 'nodejs',
  timeout: 3,
  memorySize: 128,
  version: 1,
  accountId: '000000000000',
  /** A function `queue`'s defaults (its `visibilityTimeout` defaults to 6 × the function's timeout). */
  queueBatchSize: 10,
  queueMaximumBatchingWindowInSeconds: 0,
  queueMaxReceiveCount: 5,
  queueVisibilityTimeoutPerTimeout: 6,
} as const;
