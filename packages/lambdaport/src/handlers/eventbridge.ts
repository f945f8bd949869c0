/**
 * The EventBridge adapter: the event's `detail` is the input.
 */
import type { AnyContract, ContractOutputIn, Implementation } from '../contract.js';
import { InvalidRequestError } from '../errors.js';
import { type AnyEventContract, isEventContract } from '../event.js';
import { begin, fail } from '../internal/begin.js';
import { checkImplementation } from '../internal/check.js';
import { fromField, saneCorrelationId } from '../internal/correlation.js';
import { depsGetter } from '../internal/deps.js';
import { eventDetail } from '../internal/event-detail.js';
import type { LambdaContext } from '../internal/lambda-context.js';
import { type AdapterOptions, resolveOptions } from '../internal/options.js';
import { execute } from '../internal/run.js';
import { toWireError } from '../wire.js';
import type { AdapterArgs } from './types.js';

/** The fields of an EventBridge event lambdaport reads. */
export interface EventBridgeEvent {
  id: string;
  'detail-type': string;
  source: string;
  detail: unknown;
  time?: string;
  account?: string;
  region?: string;
  resources?: string[];
}

/** Options of `eventBridgeHandler`. */
export interface EventBridgeHandlerOptions extends AdapterOptions {
  /** Builds the input from the event. Default: `event.detail`. Not with `event`. */
  input?: (event: EventBridgeEvent) => unknown;
  /**
   * The event contract the function reacts to (`defineEvent`): an event of another `source` or `detail-type`, or
   * whose detail does not match the contract's schema, fails with `InvalidRequestError` before the logic runs. Give
   * the function's contract the event's schema as its input (`input: OrderCreated.detail`) to have it typed.
   */
  event?: AnyEventContract;
}

/** A Lambda handler for EventBridge events. */
export type EventBridgeHandler<C extends AnyContract> = (
  event: unknown,
  context?: LambdaContext,
) => Promise<ContractOutputIn<C>>;

/**
 * Runs the logic with the event's `detail` as input. Failures are thrown as on the Invoke wire (declared errors keep
 * their name as `errorType`), so EventBridge's asynchronous invocation retries them and sends them to the
 * function's on-failure destination. The correlation id is `detail.correlationId`, else the event id.
 *
 * @example
 * export const onRecordChanged = eventBridgeHandler(indexRecordLogic, deps);
 */
export function eventBridgeHandler<C extends AnyContract, Deps>(
  impl: Implementation<C, Deps>,
  ...[deps, options = {}]: AdapterArgs<Deps, EventBridgeHandlerOptions>
): EventBridgeHandler<C> {
  checkImplementation('eventBridgeHandler', impl);
  const resolved = resolveOptions('eventBridgeHandler', options, ['input', 'event']);
  const input = options.input;
  if (input !== undefined && typeof input !== 'function') {
    throw new TypeError('eventBridgeHandler options: input must be a function (event) => input');
  }
  const contract = options.event;
  if (contract !== undefined && !isEventContract(contract)) {
    throw new TypeError('eventBridgeHandler options: event must be an event contract made by defineEvent');
  }
  if (contract !== undefined && input !== undefined) {
    throw new TypeError('eventBridgeHandler options: give input or event, not both (event: the input is its detail)');
  }
  const getDeps = depsGetter<Deps>(deps);
  const validateOutput = resolved.validateOutput;

  return async function lambdaportEventBridge(event: unknown, context?: LambdaContext) {
    const e = event as Partial<EventBridgeEvent> | null;
    const isEvent = typeof e === 'object' && e !== null && typeof e['detail-type'] === 'string' && 'detail' in e;
    const ctx = begin(resolved, context, isEvent ? (fromField(e.detail) ?? saneCorrelationId(e.id)) : undefined);
    try {
      if (!isEvent) {
        throw new InvalidRequestError([
          { path: '', message: 'Expected an EventBridge event with "detail-type" and "detail"' },
        ]);
      }
      const payload = contract
        ? await eventDetail(contract, e, impl.contract.input)
        : input
          ? input(e as EventBridgeEvent)
          : e.detail;
      return (await execute(impl, getDeps, payload, ctx, validateOutput)) as ContractOutputIn<C>;
    } catch (error) {
      fail(resolved, 'eventbridge', impl.contract, error, ctx, context, isEvent ? { event_id: e.id } : undefined);
      throw toWireError(error);
    } finally {
      ctx.finish();
    }
  };
}
