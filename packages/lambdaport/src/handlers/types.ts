/**
 * Types shared by the adapters.
 */
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
