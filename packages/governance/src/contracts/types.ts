/**
 * What the tools know of a function's contract once loaded: its schemas as JSON Schema, its errors, its examples, and
 * where it came from; and of an event's contract (`defineEvent`): its detail's schema. See docs/design/governance.md.
 */
import type { LocalEvent, LocalFunction } from '@lambdaport/config';
import type { AnyEventContract, FunctionContract } from 'lambdaport';

/** A JSON Schema document (draft 2020-12), as plain JSON data. */
export type JSONSchema = { readonly [key: string]: unknown };

/** A declared error of a contract (`defineError`), as the tools see it. */
export interface LoadedError {
  /** The error's name: its wire `errorType` and its `code` (`RecordNotFound`). */
  readonly name: string;
  readonly description: string | undefined;
  /** The HTTP status given by `defineError(..., { status })`; undefined when the error declares none. */
  readonly status: number | undefined;
  /** The JSON Schema of its `data` (output form: what a caller receives). */
  readonly dataSchema: JSONSchema;
}

/** A sample call of the function, from the contract's `examples`. */
export interface LoadedExample {
  readonly name: string | undefined;
  readonly input: unknown;
  /** What the function answers; undefined when the example gives no output. */
  readonly output: unknown;
  /** True when the example gives an output (which may itself be `undefined`-free JSON such as `null`). */
  readonly hasOutput: boolean;
}

/**
 * One function's contract, for one API major ("one function per major": an older major listed in `versions` has a
 * contract of its own).
 */
export interface LoadedContract {
  /** `records.get`: the service and the function's key in the config (the same for every major). */
  readonly friendlyName: string;
  /** How a person names this major's function: `records.get`, or `records.get@v1` for an older major. */
  readonly label: string;
  readonly service: string;
  /** The function's key in the config: `get`. */
  readonly function: string;
  /** The API major this function serves (`version`, or the key under `versions`). */
  readonly major: number;
  /** True for the function serving the current major. */
  readonly current: boolean;
  /** The contract's `version` (equal to `major`: a mismatch is reported, never loaded). */
  readonly version: number;
  /** The contract's own name (`records.get`): functions may share a contract (records.getUrl serves records.get's). */
  readonly contractName: string;
  readonly description: string;
  readonly idempotent: boolean;
  readonly errors: readonly LoadedError[];
  /** The input as a caller may send it (`io: input`: fields with defaults are optional). */
  readonly inputSchema: JSONSchema;
  /** The output as a caller receives it (`io: output`). */
  readonly outputSchema: JSONSchema;
  readonly examples: readonly LoadedExample[];
  /** The contract value itself (its Standard Schemas, error classes). */
  readonly contract: FunctionContract;
  /**
   * Where it was found: the module (absolute), the export, the config key that names it, and the files its module was
   * bundled from (absolute: the module and the relative imports it inlines; packages are not among them).
   */
  readonly source: {
    readonly file: string;
    readonly exportName: string;
    readonly keyPath: string;
    readonly inputs: readonly string[];
  };
  /** The function as the config resolves it (deployed name, aliases, calls, URL...). */
  readonly fn: LocalFunction;
}

/** What kind of problem a {@link ContractProblem} is. */
export type ContractProblemKind =
  /** The function's config has no `contract` key. */
  | 'no-contract'
  /** The contract's module could not be bundled or imported. */
  | 'module-not-loaded'
  /** The module has no such export. */
  | 'missing-export'
  /** The export is not a contract made by `defineFunction`. */
  | 'not-a-contract'
  /** The contract's `version` is not the major the config serves it as. */
  | 'version-mismatch'
  /** A schema (input, output or an error's data) has no JSON Schema form. */
  | 'schema-not-convertible'
  /** An example does not match the contract's schemas. */
  | 'invalid-example';

/** A function whose contract could not be loaded or documented, with what to do about it. */
export interface ContractProblem {
  readonly kind: ContractProblemKind;
  readonly service: string;
  /** The function's key in the config. */
  readonly function: string;
  /** The API major of the function concerned. */
  readonly major: number;
  /** The config file (absolute) that declares the function. */
  readonly configFile: string;
  /** The config key concerned: `functions.get.contract`, or `functions.get.versions.1.contract`. */
  readonly keyPath: string;
  /** What is wrong and what to add or change. */
  readonly message: string;
}

/**
 * What {@link loadContracts} returns: every function is in exactly one of `contracts` and `problems`; every event of
 * the configs' `events` in exactly one of `events` and `eventProblems` (an event without a contract is loaded, with
 * no schema: its contract is optional).
 */
export interface LoadedContracts {
  /** The functions whose contract loaded with no problem, in the order of the services and their configs. */
  readonly contracts: readonly LoadedContract[];
  /** Every problem found, in the same order. */
  readonly problems: readonly ContractProblem[];
  /** The events published, in the order of the services and their configs. */
  readonly events: readonly LoadedEvent[];
  /** Every problem of an event contract, in the same order. */
  readonly eventProblems: readonly EventContractProblem[];
}

/** An event a service publishes (an `events` entry of its config), with its contract when the config names one. */
export interface LoadedEvent {
  /** `orders.OrderCreated`: the publishing service (the event's source) and the event's name (its detail type). */
  readonly label: string;
  readonly service: string;
  /** The detail type: the key under `events` (`OrderCreated`). */
  readonly name: string;
  /** The description of the contract, else the config's. */
  readonly description: string;
  /** The contract's `version` (the detail's major); undefined without a contract. */
  readonly version: number | undefined;
  /** The JSON Schema of the detail as it travels (what a publisher sends); undefined without a contract. */
  readonly detailSchema: JSONSchema | undefined;
  /** The contract value itself (`defineEvent`); undefined when the config names none. */
  readonly contract: AnyEventContract | undefined;
  /** Where the contract was found (as for a function's), when there is one. */
  readonly source:
    | {
        readonly file: string;
        readonly exportName: string;
        readonly keyPath: string;
        readonly inputs: readonly string[];
      }
    | undefined;
  /** The event as the config resolves it (bus, key path). */
  readonly event: LocalEvent;
}

/** What kind of problem an {@link EventContractProblem} is. */
export type EventContractProblemKind =
  /** The contract's module could not be bundled or imported. */
  | 'module-not-loaded'
  /** The module has no such export. */
  | 'missing-export'
  /** The export is not an event contract made by `defineEvent`. */
  | 'not-an-event'
  /** The contract's `source` is not the service's name, or its `detailType` not the key under `events`. */
  | 'event-mismatch'
  /** The detail schema has no JSON Schema form. */
  | 'schema-not-convertible';

/** An event whose contract could not be loaded or documented, with what to do about it. */
export interface EventContractProblem {
  readonly kind: EventContractProblemKind;
  readonly service: string;
  /** The event's name (its key under `events`). */
  readonly event: string;
  /** The config file (absolute) that declares the event. */
  readonly configFile: string;
  /** The config key concerned: `events.OrderCreated.contract`. */
  readonly keyPath: string;
  /** What is wrong and what to add or change. */
  readonly message: string;
}
