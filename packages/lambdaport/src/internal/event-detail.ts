/**
 * The detail of an EventBridge envelope, checked against an event contract: its `source` and `detail-type` must be
 * the contract's, its `detail` must match the contract's schema. Used by `eventBridgeHandler` and `sqsHandler`.
 */
import { InvalidRequestError, type Issue } from '../errors.js';
import type { AnyEventContract } from '../event.js';
import type { AnySchema } from '../schema.js';
import { validate } from './schema.js';

/**
 * The envelope's detail when it is the contract's event; throws `InvalidRequestError` naming each problem (paths
 * from the envelope: `source`, `detail-type`, `detail.total`). The detail is checked here only when the logic's
 * input schema is not the event's own (which the adapter checks anyway).
 *
 * @example
 * const detail = await eventDetail(OrderCreated, envelope, impl.contract.input);
 */
export async function eventDetail(
  event: AnyEventContract,
  envelope: { source?: unknown; 'detail-type'?: unknown; detail?: unknown },
  inputSchema: AnySchema,
): Promise<unknown> {
  const issues: Issue[] = [];
  if (envelope.source !== event.source) {
    issues.push({ path: 'source', message: `Expected ${JSON.stringify(event.source)}, got ${shown(envelope.source)}` });
  }
  if (envelope['detail-type'] !== event.detailType) {
    issues.push({
      path: 'detail-type',
      message: `Expected ${JSON.stringify(event.detailType)}, got ${shown(envelope['detail-type'])}`,
    });
  }
  if (issues.length > 0) throw new InvalidRequestError(issues);
  if (inputSchema !== event.detail) {
    const checked = await validate(event.detail, envelope.detail);
    if (!checked.ok) {
      throw new InvalidRequestError(
        checked.issues.map((issue) => ({
          path: issue.path === '' ? 'detail' : `detail.${issue.path}`,
          message: issue.message,
        })),
      );
    }
  }
  return envelope.detail;
}

function shown(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}
