/**
 * What every Lambda REST API handler needs: the functions, the invoker, the base URL (for Function URLs)
 * and where runtime messages go.
 */

import type { Guard } from '../../iam/guard.js';
import type { InvocationSeen } from '../../observed/observed-calls.js';
import type { EventSourceMappings } from '../../sqs/mappings/mappings.js';
import type { AsyncEvents } from '../async/index.js';
import type { Invoker, LocalFunction } from '../types.js';
import type { FunctionRegistry } from './function-name.js';

/** Shared state of the Lambda REST API and the Function URLs. */
export interface LambdaApiContext {
  readonly registry: FunctionRegistry;
  readonly invoker: Invoker;
  /** When the runtime started: reported as `LastModified` / `CreationTime`. */
  readonly startedAt: Date;
  /** The Function URL of a function (`http://127.0.0.1:PORT/lambda-url/<deployed-name>/`). */
  functionUrl(fn: LocalFunction): string;
  /** Runtime messages (failed async invocations, unexpected errors). */
  log(line: string): void;
  /** Debug lines (a client that went away mid-request); dropped unless asked for. */
  debug(line: string): void;
  /** Asynchronous (`Event`) invocations: the queue and the event invoke configs. */
  readonly events: AsyncEvents;
  /** The event source mappings (`/2015-03-31/event-source-mappings`); none: that API is not served. */
  readonly eventSourceMappings?: EventSourceMappings | undefined;
  /** Authorization (docs/design/iam.md); none: every signed caller may do everything. */
  readonly guard?: Guard | undefined;
  /** Told of each Invoke accepted (not DryRun), before it runs. */
  readonly onInvoke?: ((invocation: InvocationSeen) => void) | undefined;
}
