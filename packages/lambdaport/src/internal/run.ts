/**
 * The adapters' shared core: validate the input, resolve deps, call the logic, optionally validate the output.
 * Synchronous schemas and synchronous logic stay synchronous until the adapter's own `await`.
 */
import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { AnyContract, Implementation, InvocationContext } from '../contract.js';
import { InvalidRequestError, InvalidResponseError } from '../errors.js';
import type { DepsGetter } from './deps.js';
import { toIssues } from './schema.js';

function inputOf(result: StandardSchemaV1.Result<unknown>): unknown {
  if (result.issues) throw new InvalidRequestError(toIssues(result.issues));
  return result.value;
}

function checkOutput(result: StandardSchemaV1.Result<unknown>): void {
  if (result.issues) throw new InvalidResponseError(toIssues(result.issues));
}

function isPromise(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/**
 * Runs one invocation of `impl` for `payload`. Throws (or rejects with) `InvalidRequestError` for bad input,
 * `InvalidResponseError` for a bad output (when `validateOutput`), and whatever the logic throws.
 *
 * Not an `async` function: with a synchronous schema and deps at hand it returns the logic's own promise, so the
 * adapter's single `await` is the only one on the hot path.
 */
export function execute<C extends AnyContract, Deps>(
  impl: Implementation<C, Deps>,
  getDeps: DepsGetter<Deps>,
  payload: unknown,
  ctx: InvocationContext,
  validateOutput: boolean,
): unknown {
  const validated = impl.contract.input['~standard'].validate(payload);
  if (validated instanceof Promise) {
    return validated.then((result) => withInput(impl, getDeps, inputOf(result), ctx, validateOutput));
  }
  return withInput(impl, getDeps, inputOf(validated), ctx, validateOutput);
}

function withInput<C extends AnyContract, Deps>(
  impl: Implementation<C, Deps>,
  getDeps: DepsGetter<Deps>,
  input: unknown,
  ctx: InvocationContext,
  validateOutput: boolean,
): unknown {
  const deps = getDeps();
  if (deps instanceof Promise) return deps.then((d) => call(impl, d, input, ctx, validateOutput));
  return call(impl, deps, input, ctx, validateOutput);
}

function call<C extends AnyContract, Deps>(
  impl: Implementation<C, Deps>,
  deps: Deps,
  input: unknown,
  ctx: InvocationContext,
  validateOutput: boolean,
): unknown {
  const output: unknown = impl.logic(input, deps, ctx);
  if (!validateOutput) return output;
  if (isPromise(output)) return Promise.resolve(output).then((value) => checked(impl.contract, value));
  return checked(impl.contract, output);
}

function checked(contract: AnyContract, output: unknown): unknown {
  const result = contract.output['~standard'].validate(output);
  if (result instanceof Promise) {
    return result.then((r) => {
      checkOutput(r);
      return output;
    });
  }
  checkOutput(result);
  return output;
}
