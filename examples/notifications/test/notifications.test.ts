/**
 * The example end to end on the local runtime (real processes, real SDK clients): orders.create publishes
 * OrderCreated on `dev-orders`; the rule of notifications.notify puts it on `dev-notifications-notify`; the event
 * source mapping delivers it; the notification is recorded. A bulk order fails alone in its batch of three: the other
 * messages are deleted (notified once, in that batch), it returns to the queue after the visibility timeout, and after
 * maxReceiveCount (3) receives it is in the dead-letter queue, the queue empty.
 */
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetQueueAttributesCommand, GetQueueUrlCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../../test-support/async.js';
import { NotificationNotFound } from '../src/contract.js';
import { startShop } from './local.js';

let shop: Awaited<ReturnType<typeof startShop>>;
beforeAll(async () => {
  shop = await startShop();
});
afterAll(() => shop?.stop());

/** The notification of an order, once notifications.notify has recorded it. */
async function notificationOf(orderId: string) {
  let found: Awaited<ReturnType<typeof shop.getNotification.invoke>> | undefined;
  await waitFor(
    async () => {
      try {
        found = await shop.getNotification.invoke({ orderId });
        return true;
      } catch (error) {
        if (NotificationNotFound.is(error)) return false;
        throw error;
      }
    },
    { timeoutMs: 20_000, intervalMs: 100, what: `the notification of ${orderId}` },
  );
  return found!;
}

function order(orderId: string, quantity: number) {
  return { orderId, recordId: 1, recordTitle: 'Quarterly report', quantity, createdAt: '2026-11-28T10:00:00.000Z' };
}

async function queueUrl(name: string): Promise<string> {
  return (await shop.sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl!;
}

describe('orders → OrderCreated → notifications.notify', () => {
  it('an order placed is notified: published by orders.create, through the rule, the queue and the mapping', async () => {
    const placed = await shop.createOrder.invoke({ recordId: 2, quantity: 3 });

    const notification = await notificationOf(placed.orderId);
    expect(notification).toMatchObject({
      orderId: placed.orderId,
      message: 'Order of 3 × "Onboarding checklist" placed',
    });
  });

  it('a bulk order fails alone: the others of its batch are notified once, it ends in the dead-letter queue', async () => {
    const out = await shop.events.send(
      new PutEventsCommand({
        Entries: [order('batch-ok-1', 1), order('batch-bulk', 60), order('batch-ok-2', 2)].map((detail) => ({
          Source: 'orders',
          DetailType: 'OrderCreated',
          EventBusName: 'dev-orders',
          Detail: JSON.stringify(detail),
        })),
      }),
    );
    expect(out.FailedEntryCount).toBe(0);

    await notificationOf('batch-ok-1');
    await notificationOf('batch-ok-2');
    const dlq = await queueUrl('dev-notifications-notify-dlq');
    const dead: { Body?: string }[] = [];
    await waitFor(
      async () => {
        const received = await shop.sqs.send(
          new ReceiveMessageCommand({ QueueUrl: dlq, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
        );
        dead.push(...(received.Messages ?? []));
        return dead.length > 0;
      },
      { timeoutMs: 30_000, what: 'a message in the dead-letter queue' },
    );
    expect(dead.map((m) => JSON.parse(m.Body!).detail.orderId)).toEqual(['batch-bulk']);
    const envelope = JSON.parse(dead[0]!.Body!);
    expect(envelope).toMatchObject({
      source: 'orders',
      'detail-type': 'OrderCreated',
      detail: order('batch-bulk', 60),
    });

    // maxReceiveCount (3) receives failed, then the dead-letter queue
    const refusals = () =>
      shop.logOf('notifications.notify').filter((line) => line.includes('"error_name":"BulkOrderRefused"'));
    await waitFor(() => refusals().length >= 3, { what: 'three refusals of the bulk order in the log' });
    expect(refusals()).toHaveLength(3);
    const log = shop.logOf('notifications.notify');
    const notified = (orderId: string) => log.filter((line) => line.endsWith(`notified order ${orderId}`));
    expect(notified('batch-ok-1')).toHaveLength(1);
    expect(notified('batch-ok-2')).toHaveLength(1);
    // the three were one batch (published together, gathered by the batching window): one invocation notified the
    // two and refused the bulk order, which alone came back twice
    const requestOf = (line: string) => line.split('\t')[1];
    const firstRefusal = JSON.parse(refusals()[0]!) as { function_request_id: string };
    expect(requestOf(notified('batch-ok-1')[0]!)).toBe(firstRefusal.function_request_id);
    expect(requestOf(notified('batch-ok-2')[0]!)).toBe(firstRefusal.function_request_id);
    const attributes = await shop.sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: await queueUrl('dev-notifications-notify'),
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    expect(attributes.Attributes).toEqual({
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesNotVisible: '0',
    });
  });
});
