/**
 * Contracts are values shared by a service and its callers: a function's name, version, schemas and errors.
 */
import { type ErrorJSON, LambdaportError } from './errors.js';
import { checkExamples, type FunctionExample } from './internal/examples.js';
import { isStandardSchema } from './internal/schema.js';
import { errorNameProblem, friendlyNameProblem, majorVersionProblem } from './names.js';
import type { AnySchema, InferInput, InferOutput } from './schema.js';

export type { FunctionExample } from './internal/examples.js';

/**
 * A declared error of a contract (a class made by `defineError`): its `name` is the wire `errorType`, its `code` is
 * that name too, and its `data` is typed.
 *
 * @example
 * if (ContractError.is(e)) console.log(e.name, e.data); // any declared error, of any contract
 */
export class ContractError<Name extends string = string, Data = unknown> extends LambdaportError {
  static override readonly errorName: string = 'ContractError';

  /** A declared error's code is its name, as declared (`RecordNotFound`). */
  static override get code(): string {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class asked (`RecordNotFound.code`), not the base.
    return this.errorName;
  }

  readonly data: Data;
  declare readonly name: Name;

  constructor(data: Data, message?: string, options?: { cause?: unknown }) {
    super(message ?? (new.target as unknown as typeof ContractError).errorName, options);
    this.data = data;
  }

  override toJSON(): ErrorJSON {
    return { name: this.name, code: this.code, message: this.message, data: this.data };
  }
}

/** Options of `defineError`. */
export interface ErrorOptions {
  /** What the error means, for generated docs. */
  description?: string;
  /** The HTTP status an HTTP adapter answers with (default 422; `httpHandler` options may override). */
  status?: number;
}

/** The class `defineError` returns: construct it, test with `is()`, read its schema. */
export interface ErrorClass<Name extends string = string, Data = unknown> {
  new (data: Data, message?: string, options?: { cause?: unknown }): ContractError<Name, Data>;
  /** The error's name: its wire `errorType` and its `code`. */
  readonly errorName: Name;
  readonly schema: AnySchema;
  readonly description: string | undefined;
  readonly status: number | undefined;
  /** True when `value` is this error (by name and brand, so it works across bundled copies). */
  is(value: unknown): value is ContractError<Name, Data>;
}

// biome-ignore lint/suspicious/noExplicitAny: the widest error class, used only as a generic bound.
export type AnyErrorClass = ErrorClass<string, any>;

/**
 * Declares a typed error. Its name travels as the Lambda `errorType`, so Step Functions `Catch`,
 * CloudWatch and the AWS CLI see it; its data survives the trip.
 *
 * @example
 * export const RecordNotFound = defineError('RecordNotFound', z.object({ id: z.number() }));
 * throw new RecordNotFound({ id: 42 }, 'Record 42 not found');
 */
export function defineError<const Name extends string, S extends AnySchema>(
  name: Name,
  data: S,
  options: ErrorOptions = {},
): ErrorClass<Name, InferOutput<S>> {
  const nameProblem = errorNameProblem(name);
  if (nameProblem !== undefined) throw new TypeError(`defineError(${JSON.stringify(name)}): ${nameProblem}`);
  if (!isStandardSchema(data)) {
    throw new TypeError(`defineError('${name}'): data must be a Standard Schema (zod 4, valibot, ...)`);
  }
  checkKeys(`defineError('${name}') options`, options, ['description', 'status']);
  const cls = class extends ContractError<Name, InferOutput<S>> {
    static override readonly errorName: Name = name;
    static readonly schema = data;
    static readonly description = options.description;
    static readonly status = options.status;
  };
  Object.defineProperty(cls, 'name', { value: name });
  return cls;
}

/** What `defineFunction` takes. */
export interface FunctionDefinition<
  Name extends string,
  In extends AnySchema,
  Out extends AnySchema,
  Errors extends readonly AnyErrorClass[],
> {
  /** Dotted friendly name, such as `records.get`. */
  name: Name;
  /** Major version of the API: callers invoke the Lambda alias `v<version>`. */
  version: number;
  description: string;
  input: In;
  output: Out;
  errors?: Errors;
  /** True when calling twice has the same effect as once: the client may then retry time-outs and 5xx. */
  idempotent?: boolean;
  /**
   * Sample calls, for the generated docs, the `lambdaport dev` banner and sample events: an input a caller sends
   * and, optionally, the output it gets. Validated against the schemas where outputs are (development and tests).
   */
  examples?: readonly FunctionExample<NoInfer<InferInput<In>>, NoInfer<InferInput<Out>>>[];
}

/** A function contract: a value shared by the service and its callers. */
export interface FunctionContract<
  Name extends string = string,
  In extends AnySchema = AnySchema,
  Out extends AnySchema = AnySchema,
  Errors extends readonly AnyErrorClass[] = readonly AnyErrorClass[],
> {
  readonly kind: 'lambdaport.function';
  readonly name: Name;
  readonly version: number;
  readonly description: string;
  readonly input: In;
  readonly output: Out;
  readonly errors: Errors;
  readonly idempotent: boolean;
  /** Sample calls (none when the definition gives none). */
  readonly examples: readonly FunctionExample<InferInput<In>, InferInput<Out>>[];
}

// biome-ignore lint/suspicious/noExplicitAny: the widest contract, used only as a generic bound.
export type AnyContract = FunctionContract<string, any, any, readonly AnyErrorClass[]>;
/** The input a caller passes (before the schema's transforms). */
export type ContractInput<C extends AnyContract> = InferInput<C['input']>;
/** The input the logic receives (after validation). */
export type ParsedInput<C extends AnyContract> = InferOutput<C['input']>;
/** What the logic returns. */
export type ContractOutputIn<C extends AnyContract> = InferInput<C['output']>;
/** What the caller receives. */
export type ContractOutput<C extends AnyContract> = InferOutput<C['output']>;
/** The union of the contract's typed errors. */
export type ContractErrors<C extends AnyContract> = InstanceType<C['errors'][number]>;

/**
 * Declares a function's contract. An identity function that checks its argument and drives inference.
 *
 * @example
 * export const getRecord = defineFunction({
 *   name: 'records.get', version: 1, description: 'Fetch one record by id.',
 *   input: z.object({ id: z.number().int() }), output: RecordSchema,
 *   errors: [RecordNotFound], idempotent: true,
 *   examples: [{ name: 'a record that exists', input: { id: 1 } }],
 * });
 */
export function defineFunction<
  const Name extends string,
  In extends AnySchema,
  Out extends AnySchema,
  const Errors extends readonly AnyErrorClass[] = readonly [],
>(definition: FunctionDefinition<Name, In, Out, Errors>): FunctionContract<Name, In, Out, Errors> {
  const where = `defineFunction(${JSON.stringify(definition?.name)})`;
  const bad = (problem: string): never => {
    throw new TypeError(`${where}: ${problem}`);
  };
  if (typeof definition !== 'object' || definition === null) throw new TypeError('defineFunction: expected an object');
  checkKeys(where, definition, [
    'name',
    'version',
    'description',
    'input',
    'output',
    'errors',
    'idempotent',
    'examples',
  ]);
  const nameProblem = friendlyNameProblem(definition.name);
  if (nameProblem !== undefined) bad(`name: ${nameProblem}`);
  const versionProblem = majorVersionProblem(definition.version);
  if (versionProblem !== undefined) bad(`version: ${versionProblem}`);
  if (typeof definition.description !== 'string' || definition.description.trim() === '') {
    bad(`description must be a non-empty string`);
  }
  for (const key of ['input', 'output'] as const) {
    if (!isStandardSchema(definition[key])) {
      bad(`${key} must be a Standard Schema (zod 4, valibot, ...)`);
    }
  }
  const errors = (definition.errors ?? []) as unknown as Errors;
  const seen = new Set<string>();
  for (const [i, e] of (errors as readonly AnyErrorClass[]).entries()) {
    if (typeof e !== 'function' || typeof e.errorName !== 'string') {
      bad(`errors[${i}] must be a class made by defineError`);
    }
    if (seen.has(e.errorName)) bad(`errors[${i}] repeats ${e.errorName}`);
    seen.add(e.errorName);
  }
  if (definition.idempotent !== undefined && typeof definition.idempotent !== 'boolean') {
    bad(`idempotent must be a boolean`);
  }
  const examples = checkExamples(where, definition.examples, definition);
  return Object.freeze({
    kind: 'lambdaport.function',
    name: definition.name,
    version: definition.version,
    description: definition.description,
    input: definition.input,
    output: definition.output,
    errors,
    idempotent: definition.idempotent ?? false,
    examples: examples as FunctionContract<Name, In, Out, Errors>['examples'],
  });
}

/** What the logic receives besides input and deps. Adapters fill it; tests may build one with `testContext()`. */
export interface InvocationContext {
  /** Fires shortly before the Lambda deadline (or when the caller goes away). */
  readonly signal: AbortSignal;
  /** The Lambda request id (a random id outside Lambda). */
  readonly requestId: string;
  /** Correlation id from the event or the caller's client context; propagated by the client. */
  readonly correlationId: string;
  /** Milliseconds left before the Lambda deadline. */
  remainingTimeMs(): number;
}

/** Business logic: a plain function of (input, deps, ctx); no Lambda types in sight. */
export type Logic<C extends AnyContract, Deps> = (
  input: ParsedInput<C>,
  deps: Deps,
  ctx: InvocationContext,
) => ContractOutputIn<C> | Promise<ContractOutputIn<C>>;

/**
 * True when a logic needs no deps: `{}` is a valid deps value for it (it declares none, or only optional ones).
 * Adapters and the direct call then take the deps as optional, and hand the logic `{}` when none are given.
 */
export type DepsAreOptional<Deps> = Record<never, never> extends Deps ? true : false;

/** What the direct call of an implementation takes after the input: the deps (optional when none are needed), a ctx. */
export type LogicCallArgs<Deps> =
  DepsAreOptional<Deps> extends true
    ? [deps?: Deps, ctx?: Partial<InvocationContext>]
    : [deps: Exclude<Deps, undefined>, ctx?: Partial<InvocationContext>];

/**
 * A contract with the logic that implements it: what `implement()` returns, ready for an adapter, and a function
 * to call directly (in unit tests, or from other logic in the same process).
 */
export interface Implementation<C extends AnyContract = AnyContract, Deps = unknown> {
  /**
   * Runs the logic as an adapter does, without Lambda: validates the input (`InvalidRequestError` naming each field),
   * calls the logic with `deps` (`{}` when left out) and `ctx` (a whole context is used as it is; a partial one or
   * none is completed by `testContext()`), then validates the output (`InvalidResponseError`) by the adapters' rule:
   * always, except in AWS Lambda or under `NODE_ENV=production`. Errors the logic throws reach the caller as they are.
   *
   * @example
   * expect(await getRecordLogic({ id: 1 }, { records: inMemoryRecords() })).toMatchObject({ id: 1 });
   * await expect(getRecordLogic({ id: 999 }, { records: inMemoryRecords() })).rejects.toBeInstanceOf(RecordNotFound);
   */
  (input: ContractInput<C>, ...rest: LogicCallArgs<Deps>): Promise<ContractOutputIn<C>>;
  readonly kind: 'lambdaport.implementation';
  readonly contract: C;
  /** The logic as written: `(input, deps, ctx)`, called with no validation. */
  readonly logic: Logic<C, Deps>;
}

/**
 * An invocation context for calling logic outside Lambda: request and correlation ids `test-request` and
 * `test-correlation`, 30 s to the deadline, a signal that never fires; `overrides` replace any of them.
 * Calling an implementation directly completes a partial ctx with it.
 *
 * @example
 * const controller = new AbortController();
 * await getRecordLogic({ id: 1 }, deps, testContext({ signal: controller.signal }));
 */
export function testContext(overrides: Partial<InvocationContext> = {}): InvocationContext {
  const deadline = Date.now() + 30_000;
  return {
    signal: new AbortController().signal,
    requestId: 'test-request',
    correlationId: 'test-correlation',
    remainingTimeMs: () => Math.max(0, deadline - Date.now()),
    ...overrides,
  };
}

/** Throws a TypeError naming the first key of `value` not in `allowed`. */
export function checkKeys(where: string, value: object, allowed: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      throw new TypeError(`${where}: unknown option "${key}" (expected one of: ${allowed.join(', ')})`);
    }
  }
}
