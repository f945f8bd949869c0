/**
 * Functions as destinations: the invocation record becomes an `Event` invocation of the destination function,
 * accepted into the same durable queue (with that function's own retries), as AWS invokes a destination function
 * asynchronously.
 */
import { randomUUID } from 'node:crypto';
import type { FunctionRegistry } from '../api/function-name.js';
import type { DestinationResolver } from './destinations.js';
import type { AcceptRequest } from './event-queue.js';

/**
 * Resolves `arn:aws:lambda:…:function:<name>[:<qualifier>]` to a target that queues an Event invocation.
 *
 * @example
 * const resolve = functionDestinations(registry, (request) => queue.accept(request));
 */
export function functionDestinations(
  registry: FunctionRegistry,
  accept: (request: AcceptRequest) => Promise<void>,
): DestinationResolver {
  return (arn) => {
    if (!arn.startsWith('arn:aws:lambda:')) return undefined;
    let target: ReturnType<FunctionRegistry['resolve']>;
    try {
      target = registry.resolve(arn, undefined);
    } catch {
      return undefined;
    }
    return {
      arn,
      deliver: (message) =>
        accept({
          fn: target.fn,
          version: target.version,
          qualifier: target.qualifier,
          requestId: randomUUID(),
          payload: message,
          clientContext: undefined,
          invokedFunctionArn: target.invokedArn,
        }),
    };
  };
}
