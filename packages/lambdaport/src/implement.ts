/**
 * `implement()`: binds business logic to its contract. What it returns is both what an adapter takes and a function
 * that runs the logic directly, with the contract's validation, for unit tests and in-process calls.
 */
import {
  type AnyContract,
  type ContractOutputIn,
  type Implementation,
  type InvocationContext,
  type Logic,
  testContext,
} from './contract.js';
import { validateOutputDefault } from './internal/options.js';
import { execute } from './internal/run.js';

/**
 * Binds business logic to its contract. The input and output types come from the contract; the deps type from
 * the logic's second parameter (a logic that needs nothing takes none, and its deps are `{}`).
 *
 * Call the result directly to run the logic as an adapter would, without Lambda: `getRecordLogic(input, deps, ctx?)`
 * validates the input, calls the logic (with `testContext()` filling what `ctx` leaves out) and validates the output.
 *
 * @example
 * export const getRecordLogic = implement(getRecord, async ({ id }, { records }: { records: RecordRepository }) => {
 *   const record = await records.get(id);
 *   if (!record) throw new RecordNotFound({ id }, `Record ${id} not found`);
 *   return record;
 * });
 * // in a unit test
 * expect(await getRecordLogic({ id: 1 }, { records: inMemoryRecords() })).toMatchObject({ id: 1 });
 */
export function implement<C extends AnyContract, Deps = Record<never, never>>(
  contract: C,
  logic: Logic<C, Deps>,
): Implementation<C, Deps> {
  if (typeof contract !== 'object' || contract === null || contract.kind !== 'lambdaport.function') {
    throw new TypeError('implement: the first argument must be a contract made by defineFunction');
  }
  if (typeof logic !== 'function') throw new TypeError(`implement(${contract.name}): logic must be a function`);
  // read once, as an adapter reads it when it is made
  const validateOutput = validateOutputDefault();

  const call = async (input: unknown, deps?: Deps, ctx?: Partial<InvocationContext>): Promise<ContractOutputIn<C>> => {
    if (isLambdaContext(deps)) {
      throw new TypeError(
        `${contract.name}: an implementation was called as a Lambda handler; export an adapter instead, ` +
          'such as invokeHandler(logic, deps) from lambdaport/handlers',
      );
    }
    const context = isWholeContext(ctx) ? ctx : testContext(ctx);
    const given = (deps ?? {}) as Deps;
    return (await execute(impl, () => given, input, context, validateOutput)) as ContractOutputIn<C>;
  };
  const impl = Object.freeze(
    Object.assign(call, { kind: 'lambdaport.implementation' as const, contract, logic }),
  ) as unknown as Implementation<C, Deps>;
  return impl;
}

/** A Lambda context object (what the Node runtime passes a handler as its second argument). */
function isLambdaContext(value: unknown): boolean {
  const context = value as { awsRequestId?: unknown; getRemainingTimeInMillis?: unknown } | null | undefined;
  return typeof context?.awsRequestId === 'string' && typeof context.getRemainingTimeInMillis === 'function';
}

/** A whole invocation context (an adapter's, handed on by logic calling logic), used as it is. */
function isWholeContext(ctx: Partial<InvocationContext> | undefined): ctx is InvocationContext {
  return (
    ctx !== undefined &&
    typeof ctx.remainingTimeMs === 'function' &&
    typeof ctx.requestId === 'string' &&
    typeof ctx.correlationId === 'string' &&
    'signal' in ctx
  );
}
