/**
 * Types shared by the adapters.
 */
import type { DepsAreOptional } from '../contract.js';

export type { LambdaContext } from '../internal/lambda-context.js';
export type { AdapterOptions } from '../internal/options.js';

/**
 * An adapter's dependencies: the value itself, or a factory called once per execution environment (on the first
 * invocation; a factory that throws is called again next time). Build AWS SDK clients here, never per call.
 *
 * @example
 * const deps = () => ({ records: dynamoRecordRepository({ client: new DynamoDBClient({}), table }) });
 */
export type DepsSource<Deps> = Deps | (() => Deps | Promise<Deps>);

/**
 * What an adapter takes after the implementation: its deps, then its options. The deps may be left out (or given as
 * `undefined`) when the logic needs none (`{}` is a valid deps value for it); the logic then gets `{}`.
 *
 * @example
 * invokeHandler(helloLogic);                        // a logic with no deps
 * invokeHandler(helloLogic, undefined, { logger }); // no deps, some options
 * invokeHandler(getRecordLogic, deps);              // deps required: leaving them out is a type error
 */
export type AdapterArgs<Deps, Options> =
  DepsAreOptional<Deps> extends true
    ? [deps?: DepsSource<NoInfer<Deps>>, options?: Options]
    : [deps: DepsSource<NoInfer<Exclude<Deps, undefined>>>, options?: Options];
