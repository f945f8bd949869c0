/**
 * What a resolved config is made of: the services, functions, versions, tables and references every tool serves or
 * deploys. Names come from `lambdaport/names`; see docs/design/config.md.
 */
import type { LambdaRuntime, RuntimeSetting, TableAccess } from 'lambdaport/config';

/** One deployable unit: a function at one version, resolved from the config. */
export interface FunctionVersion {
  /** `$LATEST` or a published version number as a string ("1", "2"). */
  readonly version: string;
  /** How the code runs: a Node handler, or an executable bootstrap. */
  readonly runtime: 'nodejs' | 'provided';
  /** nodejs: `path/file.ts#export` relative to the service dir; provided: path of the executable bootstrap. */
  readonly handler: string;
  /** The variables, references resolved to stage-correct names. */
  readonly environment: Readonly<Record<string, string>>;
  readonly description: string;
}

/** A `calls` entry resolved to its callee. */
export interface ResolvedCall {
  /** As the config writes it: `records.get` or `records.get@v1`. */
  readonly entry: string;
  /** `records.get`. */
  readonly friendlyName: string;
  readonly service: string;
  readonly function: string;
  /** True when the entry names a major (`@v<N>`); else it means the callee's current major. */
  readonly pinned: boolean;
  /** The major called: the pinned one, else the callee's current major when its service is loaded; else undefined. */
  readonly major: number | undefined;
  /** The SSM path the caller reads the callee's names from (`/lambdaport/<stage>/<service>`, the caller's stage). */
  readonly ssmPath: string;
  /** The deployed name of the function serving that major, when the callee's service is loaded alongside. */
  readonly deployedName: string | undefined;
  /** The ARN of its alias `v<major>` (what the caller may invoke), when the callee's service is loaded alongside. */
  readonly aliasArn: string | undefined;
}

/** A function's event invoke config, destinations resolved. */
export interface ResolvedAsync {
  readonly maximumRetryAttempts: number | undefined;
  readonly maximumEventAgeInSeconds: number | undefined;
  readonly onSuccess: ResolvedCall | undefined;
  readonly onFailure: ResolvedCall | undefined;
}

/** A function's access to a table of its service. */
export interface TableGrant {
  /** The key in the config: `records`. */
  readonly table: string;
  /** `<stage>-<service>-<table>`. */
  readonly tableName: string;
  readonly tableArn: string;
  readonly access: TableAccess;
}

/** Where a function's contract is: a module export. */
export interface ContractRef {
  /** Absolute path of the module. */
  readonly file: string;
  /** The export (may be a dotted path). */
  readonly exportName: string;
}

/** An event a service publishes (one per `events` entry): on the wire, source = the service, detail-type = the name. */
export interface LocalEvent {
  /** The key in the config, which is the detail type: `OrderCreated`. */
  readonly name: string;
  /** The publishing service, which is the source: `orders`. */
  readonly service: string;
  /** The service's own bus: `<stage>-<service>` (`dev-orders`). */
  readonly busName: string;
  /** `arn:aws:events:<region>:<account>:event-bus/<busName>`. */
  readonly busArn: string;
  readonly description: string;
  /** The module export holding its `defineEvent` value, when the config names one. */
  readonly contract: ContractRef | undefined;
  /** Where the config declares it: `events.OrderCreated`. */
  readonly keyPath: string;
}

/** A `subscribe` entry of a function resolved to the EventBridge rule that delivers to it. */
export interface ResolvedSubscription {
  /** Where the config declares it: `functions.notify.subscribe[0]`. */
  readonly keyPath: string;
  /** The event subscribed to (`{ service: 'orders', name: 'OrderCreated' }`); undefined for a `{ pattern }` entry. */
  readonly event: { readonly service: string; readonly name: string } | undefined;
  /** The bus the rule lives on: `<stage>-<service>` of the event's service, or the entry's `bus` (`default`). */
  readonly busName: string;
  readonly busArn: string;
  /** The full EventBridge pattern of the rule. */
  readonly pattern: Readonly<Record<string, unknown>>;
  /** `<stage>-<service>-<function>-<n>` (n: the entry's index), cut and ended by `-<hash6>` over 64 characters. */
  readonly ruleName: string;
  /** `arn:aws:events:<region>:<account>:rule/<bus>/<rule>` (`rule/<rule>` on the default bus). */
  readonly ruleArn: string;
}

/** A function's `queue`: the SQS queue (and its dead-letter queue) in front of it, consumed by an event source mapping. */
export interface ResolvedQueue {
  /** Where the config declares it: `functions.notify.queue`. */
  readonly keyPath: string;
  /** `<stage>-<service>-<function>`, cut and ended by `-<hash6>` over 80 characters. */
  readonly queueName: string;
  /** `arn:aws:sqs:<region>:<account>:<queueName>`. */
  readonly queueArn: string;
  /** `<stage>-<service>-<function>-dlq`: where a message goes after `maxReceiveCount` receives. */
  readonly deadLetter: { readonly queueName: string; readonly queueArn: string };
  readonly batchSize: number;
  readonly maximumBatchingWindowInSeconds: number;
  readonly visibilityTimeout: number;
  readonly maxReceiveCount: number;
}

/**
 * A function as every tool knows it: one per API major ("one function per major"). The current major is served by
 * the function's canonical deployed name; each older major listed in the config's `versions` by a function of its
 * own. Each has `$LATEST`, one published version (its major) and one alias `v<major>`.
 */
export interface LocalFunction {
  /** Friendly name within the service: `get` (the same for every major of the function). */
  readonly name: string;
  readonly service: string;
  readonly stage: string;
  readonly region: string;
  readonly accountId: string;
  /** The API major this function serves. */
  readonly major: number;
  /** True for the function serving the current major (`version`); false for an older major's (`versions.<N>`). */
  readonly current: boolean;
  /** `<stage>-<service>-<function>-<hash6>`, or `<stage>-<service>-<function>-v<N>-<hash6>` for an older major. */
  readonly deployedName: string;
  /** `arn:aws:lambda:<region>:<account>:function:<deployedName>`. */
  readonly arn: string;
  /** The ARN of its alias `v<major>`: what callers of this major invoke, and what SSM `.../<function>/v<N>` holds. */
  readonly aliasArn: string;
  /** Absolute path of the service dir (where its config lives). */
  readonly dir: string;
  /** Absolute path of the config file that declares it. */
  readonly configFile: string;
  /** The Lambda runtime it deploys as (`nodejs22.x`, `nodejs24.x` or `provided.al2023`). */
  readonly lambdaRuntime: LambdaRuntime;
  /**
   * The runtime as the config sets it (`nodejs` when it does not). For the legacy `nodejs`, the local runtime runs the
   * host's Node, whatever `lambdaRuntime` says; for `nodejs22.x` / `nodejs24.x`, that Node.
   */
  readonly runtimeSetting: RuntimeSetting;
  readonly timeoutSeconds: number;
  readonly memorySize: number;
  readonly reservedConcurrency: number | undefined;
  /** Its Function URL (the current major's function only). */
  readonly url: { readonly authType: 'NONE' | 'AWS_IAM' } | undefined;
  readonly description: string;
  /** The functions it may call, resolved. */
  readonly calls: readonly ResolvedCall[];
  /** Its `async` config (event invoke config), destinations resolved like calls; undefined when not set. */
  readonly async: ResolvedAsync | undefined;
  /** The tables of its service it may use, and how. */
  readonly tables: readonly TableGrant[];
  /** The module export holding the contract of the major it serves, when the config names one. */
  readonly contract: ContractRef | undefined;
  /** The events of its service it may publish (`publishes`); empty for an older major's function. */
  readonly publishes: readonly LocalEvent[];
  /** The rules delivering events to it (`subscribe`); empty for an older major's function. */
  readonly subscriptions: readonly ResolvedSubscription[];
  /** The queue in front of it (`queue`); undefined when not set, and for an older major's function. */
  readonly queue: ResolvedQueue | undefined;
  /** `$LATEST` plus its published version (its major), keyed by version string. */
  readonly versions: ReadonlyMap<string, FunctionVersion>;
  /** Aliases (`v<major>`) → version string. */
  readonly aliases: ReadonlyMap<string, string>;
}

/** A key attribute of a table. */
export interface LocalKeyAttribute {
  readonly name: string;
  readonly type: 'S' | 'N' | 'B';
}

/** A DynamoDB table of a service, as the tools create it. */
export interface LocalTable {
  /** The key in the config: `records`. */
  readonly name: string;
  readonly service: string;
  readonly stage: string;
  /** `<stage>-<service>-<table>`: `dev-records-records`. */
  readonly tableName: string;
  readonly tableArn: string;
  readonly partitionKey: LocalKeyAttribute;
  readonly sortKey: LocalKeyAttribute | undefined;
  /** Absolute path of the seed file (a JSON array of items), if any. */
  readonly seedFile: string | undefined;
}

/** A service loaded from its dir: everything the tools need. */
export interface LoadedService {
  readonly service: string;
  readonly stage: string;
  readonly region: string;
  readonly accountId: string;
  /** Absolute path of the service dir. */
  readonly dir: string;
  /** Absolute path of its config file. */
  readonly configFile: string;
  /** One per function and API major, in config order: each function's current major, then its older ones. */
  readonly functions: readonly LocalFunction[];
  readonly tables: readonly LocalTable[];
  /** The events it publishes (`events`), in config order, on its bus `<stage>-<service>`. */
  readonly events: readonly LocalEvent[];
}

/** Options shared by the loaders. */
export interface LoadOptions {
  /** Overrides the config's `stage` (the CLI's `--stage`). */
  readonly stage?: string | undefined;
  /** The major of the Node that runs here, for the legacy `runtime: 'nodejs'`; default this process's. */
  readonly hostNodeMajor?: number | undefined;
}
