/**
 * The service config (`lambdaport.config.ts`): one source of truth for local runs, docs, permissions and deploy.
 * Types only and an identity helper: no runtime dependencies. A plain object default export works too.
 */

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

/** An older major version kept deployed beside the current one, served by its own handler. */
export interface VersionConfig {
  /** The handler that serves this version, as `path/file.ts#export` (or a bootstrap path for `provided`). */
  handler: string;
  environment?: Record<string, string>;
  description?: string;
}

/** One function of the service. */
export interface FunctionConfig {
  /** `path/file.ts#export` for `nodejs`; the path of an executable `bootstrap` for `provided`. */
  handler: string;
  /** Default `nodejs`. */
  runtime?: 'nodejs' | 'provided';
  /** Seconds, default 3, at most 900. */
  timeout?: number;
  /** MB, default 128, 128 to 10240. */
  memorySize?: number;
  /** Maximum concurrent environments; calls beyond it are throttled (429). */
  reservedConcurrency?: number;
  environment?: Record<string, string>;
  url?: UrlConfig;
  description?: string;
  /** The friendly names (`service.function`) this function calls: the basis of its least-privilege policy. */
  calls?: string[];
  /**
   * The API's major version served by `handler` (default 1), published as the alias `v<version>`.
   */
  version?: number;
  /** Older major versions still served, keyed by their number: `{ 1: { handler: 'src/v1.ts#handler' } }`. */
  versions?: Record<number, VersionConfig>;
}

/** A service's config. */
export interface ServiceConfig {
  service: string;
  /** Default `dev`. */
  stage?: string;
  /** Default `us-east-1`. */
  region?: string;
  functions: Record<string, FunctionConfig>;
  tables?: Record<string, TableConfig>;
}

/**
 * Declares a service config. An identity function that exists for type checking and editor help.
 *
 * @example
 * export default defineConfig({
 *   service: 'records',
 *   functions: { get: { handler: 'src/handlers.ts#handler', timeout: 3 } },
 *   tables: { records: { partitionKey: { name: 'id', type: 'S' }, seed: 'data/records.json' } },
 * });
 */
export function defineConfig<const C extends ServiceConfig>(config: C): C {
  return config;
}

/** Defaults of the config, in one place. */
export const CONFIG_DEFAULTS = {
  stage: 'dev',
  region: 'us-east-1',
  runtime: 'nodejs',
  timeout: 3,
  memorySize: 128,
  version: 1,
  accountId: '000000000000',
} as const;
