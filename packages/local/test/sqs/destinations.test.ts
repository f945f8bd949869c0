/**
 * A local SQS queue as an asynchronous invocation's destination: the event invoke config API accepts the queue's ARN
 * (an unknown queue ARN is refused), and the failure record lands in the queue.
 */

import { InvokeCommand, PutFunctionEventInvokeConfigCommand } from '@aws-sdk/client-lambda';
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEventBridgeService } from '../../src/events/index.js';
import { type AsyncEvents, createAsyncEvents } from '../../src/lambda/async/index.js';
import { type FrontDoor, startFrontDoor } from '../../src/server.js';
import { createSqsService } from '../../src/sqs/index.js';
import { lambdaClient } from '../lambda/api/support/fixture.js';
import { InProcessInvoker, testFunction } from '../lambda/api/support/in-process-invoker.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const failing = testFunction('failing');
const handlers = {
  failing: () => {
    throw new TypeError('boom');
  },
};
const where = { region: 'us-east-1', accountId: '000000000000', say: () => {} };
let door: FrontDoor;
let events: AsyncEvents;

beforeEach(async () => {
  const invoker = new InProcessInvoker(handlers);
  const sqs = createSqsService(where);
  events = createAsyncEvents({
    functions: [failing],
    invoker,
    dir: undefined,
    moreDestinations: [sqs.destinations],
    retryDelaysMs: [10, 10],
    ...where,
  });
  const eventBridge = createEventBridgeService({ file: undefined, destinations: events.destinations, ...where });
  door = await startFrontDoor({ functions: [failing], invoker, events, services: { sqs, eventBridge }, log: () => {} });
  events.queue.start();
});

afterEach(async () => {
  await door.close();
  await events.queue.drain(1000);
  await events.queue.close();
});

describe('a queue as an OnFailure destination', () => {
  it('receives the invocation record of an event whose retries ran out; an unknown queue ARN is refused', async () => {
    const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
    const sqs = new SQSClient({ endpoint: door.url, region: 'us-east-1', credentials });
    const lambda = lambdaClient(door.url);
    const url = (await sqs.send(new CreateQueueCommand({ QueueName: 'failures' }))).QueueUrl!;
    await expect(
      lambda.send(
        new PutFunctionEventInvokeConfigCommand({
          FunctionName: failing.deployedName,
          DestinationConfig: { OnFailure: { Destination: 'arn:aws:sqs:us-east-1:000000000000:nope' } },
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterValueException' });
    await lambda.send(
      new PutFunctionEventInvokeConfigCommand({
        FunctionName: failing.deployedName,
        MaximumRetryAttempts: 0,
        DestinationConfig: { OnFailure: { Destination: 'arn:aws:sqs:us-east-1:000000000000:failures' } },
      }),
    );
    await lambda.send(
      new InvokeCommand({ FunctionName: failing.deployedName, InvocationType: 'Event', Payload: '{"n":1}' }),
    );
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 10 }));
    expect(JSON.parse(got.Messages?.[0]?.Body ?? '{}')).toMatchObject({
      requestContext: { condition: 'RetriesExhausted', approximateInvokeCount: 1 },
      requestPayload: { n: 1 },
      responseContext: { functionError: 'Unhandled' },
    });
    sqs.destroy();
    lambda.destroy();
  });
});
