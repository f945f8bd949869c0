/**
 * Unit tests of the notifications logic: each implementation called directly with an in-memory repository and a
 * fixed clock; and the SQS handler's partial batch answer with those deps (a bulk order fails alone).
 * (The services on the local runtime, with the queue and its dead-letter queue: notifications.test.ts.)
 */
import { InvalidRequestError } from 'lambdaport/client';
import { sqsHandler } from 'lambdaport/handlers';
import { describe, expect, it } from 'vitest';
import { OrderCreated } from '../../orders/src/events.js';
import { BULK_ORDER_LIMIT, BulkOrderRefused, type Notification, NotificationNotFound } from '../src/contract.js';
import { getNotificationLogic, notifyLogic } from '../src/logic.js';
import type { NotificationRepository } from '../src/repository.js';

function inMemoryNotifications(): NotificationRepository & { items: Map<string, Notification> } {
  const items = new Map<string, Notification>();
  return {
    items,
    async put(notification) {
      items.set(notification.orderId, notification);
    },
    async get(orderId) {
      return items.get(orderId);
    },
  };
}

const now = () => new Date('2026-02-01T10:00:00.050Z');

function order(orderId: string, quantity: number) {
  return { orderId, recordId: 1, recordTitle: 'Quarterly report', quantity, createdAt: '2026-02-01T10:00:00.000Z' };
}

/** An SQS record whose body is the EventBridge event a rule put on the queue. */
function record(messageId: string, detail: unknown, detailType = 'OrderCreated') {
  const envelope = {
    version: '0',
    id: `event-${messageId}`,
    'detail-type': detailType,
    source: 'orders',
    account: '000000000000',
    time: '2026-02-01T10:00:00Z',
    region: 'us-east-1',
    resources: [],
    detail,
  };
  return { messageId, body: JSON.stringify(envelope) };
}

describe('notifications.notify logic', () => {
  it('records a notification of the order, keyed by its id (a redelivery writes the same one)', async () => {
    const notifications = inMemoryNotifications();

    await expect(notifyLogic(order('o-1', 2), { notifications, now })).resolves.toEqual({ orderId: 'o-1' });
    await notifyLogic(order('o-1', 2), { notifications, now });

    expect([...notifications.items.values()]).toEqual([
      { orderId: 'o-1', message: 'Order of 2 × "Quarterly report" placed', notifiedAt: '2026-02-01T10:00:00.050Z' },
    ]);
  });

  it(`refuses a bulk order (over ${BULK_ORDER_LIMIT} copies) with BulkOrderRefused, and records nothing`, async () => {
    const notifications = inMemoryNotifications();

    const error = await notifyLogic(order('o-2', BULK_ORDER_LIMIT + 1), { notifications, now }).catch((e) => e);

    expect(error).toBeInstanceOf(BulkOrderRefused);
    expect((error as InstanceType<typeof BulkOrderRefused>).data).toEqual({
      orderId: 'o-2',
      quantity: BULK_ORDER_LIMIT + 1,
      limit: BULK_ORDER_LIMIT,
    });
    expect(notifications.items.size).toBe(0);
    // the limit itself is not a bulk order
    await expect(notifyLogic(order('o-3', BULK_ORDER_LIMIT), { notifications, now })).resolves.toEqual({
      orderId: 'o-3',
    });
  });
});

describe('notifications.notify as an SQS handler of OrderCreated', () => {
  it('reports only the failed records of a batch: a bulk order and a body that is not an OrderCreated', async () => {
    const notifications = inMemoryNotifications();
    const handler = sqsHandler(notifyLogic, { notifications, now }, { event: OrderCreated });

    const answer = await handler({
      Records: [
        record('m-1', order('o-1', 1)),
        record('m-2', order('o-2', 99)),
        record('m-3', order('o-3', 3), 'OrderCancelled'),
        record('m-4', order('o-4', 4)),
      ],
    });

    expect(answer).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-2' }, { itemIdentifier: 'm-3' }] });
    expect([...notifications.items.keys()]).toEqual(['o-1', 'o-4']);
  });
});

describe('notifications.get logic', () => {
  it('reads a notification back; an unknown order is NotificationNotFound', async () => {
    const notifications = inMemoryNotifications();
    await notifyLogic(order('o-5', 1), { notifications, now });

    await expect(getNotificationLogic({ orderId: 'o-5' }, { notifications })).resolves.toMatchObject({
      orderId: 'o-5',
    });
    await expect(getNotificationLogic({ orderId: 'nope' }, { notifications })).rejects.toBeInstanceOf(
      NotificationNotFound,
    );
    const error = await getNotificationLogic({ orderId: '' }, { notifications }).catch((e) => e);
    expect(InvalidRequestError.is(error)).toBe(true);
  });
});
