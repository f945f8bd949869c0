/**
 * The SQS adapter: each record's body is one input; failed records are reported as partial batch failures.
 */
import type { AnyContract, Implementation } from '../contract.js';
import { InvalidRequestError } from '../errors.js';
import { type AnyEventContract, isEventContract } from '../event.js';
import { begin, fail } from '../internal/begin.js';
import { checkImplementation } from '../internal/check.js';
import { saneCorrelationId } from '../internal/correlation.js';
import { depsGetter } from '../internal/deps.js';
import { eventDetail } from '../internal/event-detail.js';
import { parseJsonOrThrow } from '../internal/json.js';
import type { LambdaContext } from '../internal/lambda-context.js';
import { type AdapterOptions, resolveOptions } from '../internal/options.js';
import { execute } from '../internal/run.js';
import { toWireError } from '../wire.js';
import type { AdapterArgs } from './types.js';

/** The fields of an SQS record lambdaport reads. */
export interface SqsRecord {
  messageId: string;
  body: string;
  eventSourceARN?: string;
  attributes?: Record<string, string | undefined>;
  messageAttributes?: Record<string, { stringValue?: string; dataType?: string } | undefined>;
}

/** The partial batch response (needs `ReportBatchItemFailures` on the event source mapping). */
export interface SqsBatchResponse {
  batchItemFailures: { itemIdentifier: string }[];
}

/** Options of `sqsHandler`. */
export interface SqsHandlerOptions extends AdapterOptions {
  /** Builds the input from a record. Default: the body parsed as JSON (not JSON → the record fails). Not with `event`. */
  input?: (record: SqsRecord) => unknown;
  /**
   * The event contract of the messages (`defineEvent`): each body is the EventBridge event a rule put on the queue;
   * the input is its `detail`, checked as `eventBridgeHandler` checks it (a record that is not such an event fails
   * alone, as a batch item failure).
   */
  event?: AnyEventContract;
}

/** A Lambda handler for SQS events. */
export type SqsHandler = (event: unknown, context?: LambdaContext) => Promise<SqsBatchResponse>;

function defaultInput(record: SqsRecord): unknown {
  if (typeof record.body !== 'string') throw new InvalidRequestError([{ path: 'body', message: 'Expected a string' }]);
  return parseJsonOrThrow(record.body, 'body');
}

/**
 * Runs the logic once per SQS record, in order, and answers `{ batchItemFailures }` naming the records that failed
 * (bad input, a declared error or anything else), so only those are retried. Enable `ReportBatchItemFailures` on
 * the event source mapping. On a FIFO queue the records after the first failure are not run and are reported as
 * failed too, keeping each message group's order. Each failed record writes one log line (with its `message_id`).
 * The correlation id is the message attribute `correlationId`, else the message id.
 *
 * @example
 * export const worker = sqsHandler(recordOrderLogic, deps);
 */
export function sqsHandler<C extends AnyContract, Deps>(
  impl: Implementation<C, Deps>,
  ...[deps, options = {}]: AdapterArgs<Deps, SqsHandlerOptions>
): SqsHandler {
  checkImplementation('sqsHandler', impl);
  const resolved = resolveOptions('sqsHandler', options, ['input', 'event']);
  const input = options.input ?? defaultInput;
  if (typeof input !== 'function')
    throw new TypeError('sqsHandler options: input must be a function (record) => input');
  const contract = options.event;
  if (contract !== undefined && !isEventContract(contract)) {
    throw new TypeError('sqsHandler options: event must be an event contract made by defineEvent');
  }
  if (contract !== undefined && options.input !== undefined) {
    throw new TypeError('sqsHandler options: give input or event, not both (event: the input is its detail)');
  }
  const recordInput = async (record: SqsRecord): Promise<unknown> => {
    if (contract === undefined) return input(record);
    const envelope = defaultInput(record);
    if (typeof envelope !== 'object' || envelope === null || Array.isArray(envelope)) {
      throw new InvalidRequestError([{ path: 'body', message: 'Expected an EventBridge event (a JSON object)' }]);
    }
    return eventDetail(contract, envelope, impl.contract.input);
  };
  const getDeps = depsGetter<Deps>(deps);
  const validateOutput = resolved.validateOutput;

  return async function lambdaportSqs(event: unknown, context?: LambdaContext): Promise<SqsBatchResponse> {
    const records = (event as { Records?: unknown } | null)?.Records;
    if (!Array.isArray(records)) {
      const error = new InvalidRequestError([
        { path: 'Records', message: 'Expected an SQS event with a Records array' },
      ]);
      const ctx = begin(resolved, context, undefined);
      fail(resolved, 'sqs', impl.contract, error, ctx, context);
      ctx.finish();
      throw toWireError(error);
    }
    const batchItemFailures: { itemIdentifier: string }[] = [];
    let stopped = false;
    for (const item of records as SqsRecord[]) {
      const messageId = typeof item?.messageId === 'string' ? item.messageId : '';
      if (stopped) {
        batchItemFailures.push({ itemIdentifier: messageId });
        continue;
      }
      const ctx = begin(
        resolved,
        context,
        saneCorrelationId(item?.messageAttributes?.correlationId?.stringValue) ?? saneCorrelationId(messageId),
      );
      try {
        await execute(impl, getDeps, await recordInput(item), ctx, validateOutput);
      } catch (error) {
        fail(resolved, 'sqs', impl.contract, error, ctx, context, { message_id: messageId });
        batchItemFailures.push({ itemIdentifier: messageId });
        if (typeof item?.eventSourceARN === 'string' && item.eventSourceARN.endsWith('.fifo')) stopped = true;
      } finally {
        ctx.finish();
      }
    }
    return { batchItemFailures };
  };
}
