/**
 * The event a target receives: AWS's envelope around an entry of PutEvents.
 */
import { randomUUID } from 'node:crypto';

/** The envelope's fields, as EventBridge sends them. */
export interface EventEnvelope {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': string;
  readonly source: string;
  readonly account: string;
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: unknown;
}

/**
 * Wraps an entry: a new id, the entry's time (or now) to the second, the account and region.
 *
 * @example
 * envelope({ source: 'orders', detailType: 'OrderCreated', detail: { orderId: 'o-1' } }, { region, accountId });
 */
export function envelope(
  entry: { source: string; detailType: string; detail: unknown; resources?: readonly string[]; time?: Date },
  where: { region: string; accountId: string },
): EventEnvelope {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': entry.detailType,
    source: entry.source,
    account: where.accountId,
    time: (entry.time ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: where.region,
    resources: entry.resources ?? [],
    detail: entry.detail,
  };
}
