/**
 * The Lambda Invoke adapter: the payload is the input, the result is the output. Also serves Step Functions
 * (a `Task` state with `arn:aws:states:::lambda:invoke` passes the state input as the payload).
 */
import type { AnyContract, ContractInput, ContractOutputIn, Implementation } from '../contract.js';
import { begin, fail } from '../internal/begin.js';
import { checkImplementation } from '../internal/check.js';
import { fromClientContext, fromField } from '../internal/correlation.js';
import { depsGetter } from '../internal/deps.js';
import type { LambdaContext } from '../internal/lambda-context.js';
import { type AdapterOptions, resolveOptions } from '../internal/options.js';
import { execute } from '../internal/run.js';
import { toWireError } from '../wire.js';
import type { AdapterArgs } from './types.js';

/** Options of `invokeHandler`. */
export type InvokeHandlerOptions = AdapterOptions;

/** A Lambda handler for the Invoke API: `(payload, context) => result`. */
export type InvokeHandler<C extends AnyContract> = (
  event: ContractInput<C>,
  context?: LambdaContext,
) => Promise<ContractOutputIn<C>>;

/**
 * Exposes an implementation through the Lambda Invoke API (and Step Functions tasks).
 *
 * Bad input throws `InvalidRequestError` (errorType `InvalidRequestError`, issues naming each field); a declared
 * error keeps its name as the wire `errorType` and its data in the trace (see docs/design/wire-format.md);
 * anything else is rethrown as it is, an `Unhandled` function error. Each failure writes one log line.
 * The correlation id comes from the client context (`custom.correlationId`), else a `correlationId` field of the
 * payload, else the request id.
 *
 * @example
 * export const handler = invokeHandler(getRecordLogic, () => ({ records: dynamoRecordRepository({ client, table }) }));
 */
export function invokeHandler<C extends AnyContract, Deps>(
  impl: Implementation<C, Deps>,
  ...[deps, options = {}]: AdapterArgs<Deps, InvokeHandlerOptions>
): InvokeHandler<C> {
  checkImplementation('invokeHandler', impl);
  const resolved = resolveOptions('invokeHandler', options, []);
  const getDeps = depsGetter<Deps>(deps);
  const validateOutput = resolved.validateOutput;
  return async function lambdaportInvoke(event: unknown, context?: LambdaContext) {
    const ctx = begin(resolved, context, fromClientContext(context?.clientContext) ?? fromField(event));
    try {
      return (await execute(impl, getDeps, event, ctx, validateOutput)) as ContractOutputIn<C>;
    } catch (error) {
      fail(resolved, 'invoke', impl.contract, error, ctx, context);
      throw toWireError(error);
    } finally {
      ctx.finish();
    }
  };
}
