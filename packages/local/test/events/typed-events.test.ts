/**
 * Typed events end to end on the local runtime: a publisher (lambdaport/events, the real SDK client) publishes an
 * event contract's events to the local EventBridge; a rule puts them on a local SQS queue; the messages, received
 * with the SDK, run through `sqsHandler` with the same contract, which hands its logic the typed detail and fails
 * only the records it must (a partial batch failure).
 */
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { defineEvent, defineFunction, implement } from 'lambdaport';
import { createPublisher } from 'lambdaport/events';
import { sqsHandler } from 'lambdaport/handlers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createEventBridgeService } from '../../src/events/index.js';
import { type AsyncEvents, createAsyncEvents } from '../../src/lambda/async/index.js';
import { type FrontDoor, startFrontDoor } from '../../src/server.js';
import { createSqsService } from '../../src/sqs/index.js';
import { InProcessInvoker } from '../lambda/api/support/in-process-invoker.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

const OrderCreated = defineEvent({
  source: 'orders',
  detailType: 'OrderCreated',
  version: 1,
  description: 'An order was recorded.',
  detail: z.object({ orderId: z.string(), total: z.number() }),
});

const notify = defineFunction({
  name: 'notifications.on-order-created',
  version: 1,
  description: 'Tell the customer.',
  input: OrderCreated.detail,
  output: z.object({ sent: z.boolean() }),
});

let door: FrontDoor;
let events: AsyncEvents;
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const where = { region: 'us-east-1', accountId: '000000000000', say: () => {} };
const queueArn = 'arn:aws:sqs:us-east-1:000000000000:notifications';

beforeAll(async () => {
  const invoker = new InProcessInvoker({});
  const sqs = createSqsService(where);
  events = createAsyncEvents({
    functions: [],
    invoker,
    dir: undefined,
    moreDestinations: [sqs.destinations],
    ...where,
  });
  const eventBridge = createEventBridgeService({ file: undefined, destinations: events.destinations, ...where });
  door = await startFrontDoor({ functions: [], invoker, events, services: { sqs, eventBridge }, log: () => {} });
});

afterAll(async () => {
  await door.close();
  await events.queue.close();
});

describe('typed events through the local EventBridge and SQS', () => {
  it('publish → rule → queue → sqsHandler with the contract: typed detail, one record failed alone', async () => {
    const eventBridge = new EventBridgeClient({ endpoint: door.url, region: 'us-east-1', credentials });
    const sqs = new SQSClient({ endpoint: door.url, region: 'us-east-1', credentials });
    const url = (await sqs.send(new CreateQueueCommand({ QueueName: 'notifications' }))).QueueUrl!;
    await eventBridge.send(
      new PutRuleCommand({
        Name: 'order-created',
        EventPattern: JSON.stringify({ source: [OrderCreated.source], 'detail-type': [OrderCreated.detailType] }),
      }),
    );
    await eventBridge.send(new PutTargetsCommand({ Rule: 'order-created', Targets: [{ Id: 'q', Arn: queueArn }] }));

    const ids = await createPublisher(OrderCreated, { client: eventBridge }).publishAll([
      { orderId: 'o-1', total: 10 },
      { orderId: 'o-2', total: 20 },
      { orderId: 'fail', total: 30 },
    ]);
    expect(ids).toHaveLength(3);

    const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));
    expect(received.Messages).toHaveLength(3);
    const seen: { orderId: string; total: number }[] = [];
    const handler = sqsHandler(
      implement(notify, (detail) => {
        if (detail.orderId === 'fail') throw new Error('mail server down');
        seen.push(detail);
        return { sent: true };
      }),
      undefined,
      { event: OrderCreated },
    );
    const result = await handler({
      Records: (received.Messages ?? []).map((m) => ({
        messageId: m.MessageId,
        body: m.Body,
        eventSourceARN: queueArn,
      })),
    });
    expect(seen.sort((a, b) => a.orderId.localeCompare(b.orderId))).toEqual([
      { orderId: 'o-1', total: 10 },
      { orderId: 'o-2', total: 20 },
    ]);
    const failed = received.Messages?.find((m) => JSON.parse(m.Body ?? '{}').detail.orderId === 'fail');
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: failed?.MessageId }]);
    eventBridge.destroy();
    sqs.destroy();
  });
});
