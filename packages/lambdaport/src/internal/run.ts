/**
 * The adapters' shared core: validate the input, resolve deps, call the logic, optionally validate the output.
 * Synchronous schemas and synchronous logic stay synchronous until the adapter's own `await`.
 */
import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { AnyContract, Implementation } from '../contract.js';
import { InvalidRequestError, InvalidResponseError, type Issue } from '../errors.js';
import { formatPath } from '../schema.js';
import type { DepsGetter } from './deps.js';
import type { Invocation } from './invocation.js';

function toIssues(issues: ReadonlyArray<StandardSchemaV1.Issue>): Issue[] {
  const out: Issue[] = [];
  for (const i of issues) out.push({ path: formatPath(i.path), message: i.message });
  return out;
}

function inputOf(result: StandardSchemaV1.Result<unknown>): unknown {
  if (result.issues) throw new InvalidRequestError(toIssues(result.issues));
  return result.value;
}

function checkOutput(result: StandardSchemaV1.Result<unknown>): void {
  if (result.issues) throw new InvalidResponseError(toIssues(result.issues));
}

function isPromise(value: unknown): value is PromiseLike<unknown> {
  return (
    value instanceof Promise ||
    (typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function')
  );
}

/**
 * Runs one invocation of `impl` for `payload`. Throws `InvalidRequestError` for bad input, `InvalidResponseError`
 * for a bad output (when `validateOutput`), and whatever the logic throws.
 */
export async function execute<C extends AnyContract, Deps>(
  impl: Implementation<C, Deps>,
  getDeps: DepsGetter<Deps>,
  payload: unknown,
  ctx: Invocation,
  validateOutput: boolean,
): Promise<unknown> {
  const contract = impl.contract;
  const validated = contract.input['~standard'].validate(payload);
  const input = validated instanceof Promise ? inputOf(await validated) : inputOf(validated);
  let deps = getDeps();
  if (deps instanceof Promise) deps = await deps;
  let output: unknown = impl.logic(input, deps as Deps, ctx);
  if (isPromise(output)) output = await output;
  if (validateOutput) {
    const checked = contract.output['~standard'].validate(output);
    checkOutput(checked instanceof Promise ? await checked : checked);
  }
  return output;
}
