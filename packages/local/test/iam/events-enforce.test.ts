/**
 * EventBridge and SQS requests of a function's role are authorized like its Lambda, SSM and DynamoDB ones
 * (docs/design/iam.md): a role its policy does not grant `events:PutEvents` on a bus, or `sqs:SendMessage` on a queue,
 * gets AWS's AccessDenied answer, on both SQS protocols (JSON 1.0 by the SDK v3, the query protocol by the machine's
 * boto3); the developer's key is the administrator. What each request asks is checked as a table too.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { CreateQueueCommand, SendMessageBatchCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventBridgeAccesses, sqsAccesses } from '../../src/iam/events-accesses.js';
import { type LocalRuntime, startLocal } from '../../src/index.js';

const run = promisify(execFile);
const FIXTURE = fileURLToPath(new URL('../fixtures/iam/', import.meta.url));
const ACCOUNT = '000000000000';
const scope = { region: 'us-east-1', accountId: ACCOUNT };

describe('what an EventBridge or SQS request asks of IAM', () => {
  const json = (value: unknown) => Buffer.from(JSON.stringify(value));

  it.each([
    [
      'PutEvents, two buses by name and ARN',
      'PutEvents',
      {
        Entries: [
          { EventBusName: 'dev-orders' },
          {},
          { EventBusName: `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/x` },
        ],
      },
      [
        `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/dev-orders`,
        `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/default`,
        `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/x`,
      ],
    ],
    ['PutRule on the default bus', 'PutRule', { Name: 'r' }, [`arn:aws:events:us-east-1:${ACCOUNT}:rule/r`]],
    [
      'PutTargets on a custom bus',
      'PutTargets',
      { Rule: 'r', EventBusName: 'dev-orders' },
      [`arn:aws:events:us-east-1:${ACCOUNT}:rule/dev-orders/r`],
    ],
    ['CreateEventBus', 'CreateEventBus', { Name: 'b' }, [`arn:aws:events:us-east-1:${ACCOUNT}:event-bus/b`]],
    ['ListRules', 'ListRules', {}, ['*']],
  ])('%s', (_, operation, input, resources) => {
    expect(eventBridgeAccesses(operation, json(input), scope)).toEqual(
      resources.map((resource) => ({ action: `events:${operation}`, resource })),
    );
  });

  it('SQS: batches ask their single action; the query protocol reads the form; listings ask on *', () => {
    const url = `http://127.0.0.1:1/${ACCOUNT}/jobs`;
    const arn = `arn:aws:sqs:us-east-1:${ACCOUNT}:jobs`;
    expect(sqsAccesses('AmazonSQS.SendMessageBatch', json({ QueueUrl: url }), scope)).toEqual([
      { action: 'sqs:SendMessage', resource: arn },
    ]);
    expect(
      sqsAccesses(undefined, Buffer.from(`Action=DeleteMessageBatch&QueueUrl=${encodeURIComponent(url)}`), scope),
    ).toEqual([{ action: 'sqs:DeleteMessage', resource: arn }]);
    expect(sqsAccesses('AmazonSQS.CreateQueue', json({ QueueName: 'jobs' }), scope)).toEqual([
      { action: 'sqs:CreateQueue', resource: arn },
    ]);
    expect(sqsAccesses('AmazonSQS.ListQueues', json({}), scope)).toEqual([{ action: 'sqs:ListQueues', resource: '*' }]);
  });
});

describe('--iam enforce: EventBridge and SQS', () => {
  let local: LocalRuntime;
  let creds: { accessKeyId: string; secretAccessKey: string; sessionToken: string };
  let queueUrl: string;
  const admin = { accessKeyId: 'test', secretAccessKey: 'test' };

  beforeAll(async () => {
    local = await startLocal({ dirs: [FIXTURE], ephemeral: true, iam: 'enforce', log: () => {} });
    const lambda = new LambdaClient({ endpoint: local.url, region: 'us-east-1', credentials: admin, maxAttempts: 1 });
    const leaky = local.functions.find((f) => f.name === 'leaky')!.deployedName;
    const out = await lambda.send(new InvokeCommand({ FunctionName: leaky }));
    creds = JSON.parse(Buffer.from(out.Payload!).toString('utf8'));
    lambda.destroy();
    const sqs = new SQSClient({ endpoint: local.url, region: 'us-east-1', credentials: admin, maxAttempts: 1 });
    queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'jobs' }))).QueueUrl!;
    sqs.destroy();
  }, 60_000);
  afterAll(async () => {
    await local.stop();
  });

  const principal = () => {
    const leaky = local.functions.find((f) => f.name === 'leaky')!.deployedName;
    return `arn:aws:sts::${ACCOUNT}:assumed-role/${leaky}-role/${leaky}`;
  };

  it('denies PutEvents to a role its policy does not grant it (400 AccessDeniedException); the developer publishes', async () => {
    const asRole = new EventBridgeClient({
      endpoint: local.url,
      region: 'us-east-1',
      credentials: creds,
      maxAttempts: 1,
    });
    const asAdmin = new EventBridgeClient({
      endpoint: local.url,
      region: 'us-east-1',
      credentials: admin,
      maxAttempts: 1,
    });
    const entry = { Source: 'orders', DetailType: 'OrderCreated', Detail: '{}' };
    const denied = await asRole.send(new PutEventsCommand({ Entries: [entry] })).catch((error: Error) => error);
    const allowed = await asAdmin.send(new PutEventsCommand({ Entries: [entry] }));
    asRole.destroy();
    asAdmin.destroy();

    expect(denied).toMatchObject({
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 400 },
      message: `User: ${principal()} is not authorized to perform: events:PutEvents on resource: arn:aws:events:us-east-1:${ACCOUNT}:event-bus/default because no identity-based policy allows the events:PutEvents action`,
    });
    expect(allowed.FailedEntryCount).toBe(0);
  });

  it('denies SendMessage and SendMessageBatch to that role (403), on the JSON protocol and the query protocol', async () => {
    const asRole = new SQSClient({ endpoint: local.url, region: 'us-east-1', credentials: creds, maxAttempts: 1 });
    const single = await asRole
      .send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'x' }))
      .catch((error: Error) => error);
    const batch = await asRole
      .send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: [{ Id: '1', MessageBody: 'x' }] }))
      .catch((error: Error) => error);
    asRole.destroy();
    const script = `
import boto3, sys
from botocore.exceptions import ClientError
c = boto3.client('sqs', endpoint_url=sys.argv[1], region_name='us-east-1', aws_access_key_id=sys.argv[3], aws_secret_access_key=sys.argv[4], aws_session_token=sys.argv[5])
try:
    c.send_message(QueueUrl=sys.argv[2], MessageBody='x')
    print('ok')
except ClientError as e:
    print(e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode'], e.response['Error']['Message'])
`;
    const { stdout } = await run('/usr/bin/python3', [
      '-c',
      script,
      local.url,
      queueUrl,
      creds.accessKeyId,
      creds.secretAccessKey,
      creds.sessionToken,
    ]);

    const message = `User: ${principal()} is not authorized to perform: sqs:SendMessage on resource: arn:aws:sqs:us-east-1:${ACCOUNT}:jobs because no identity-based policy allows the sqs:SendMessage action`;
    expect(single).toMatchObject({ $metadata: { httpStatusCode: 403 }, message });
    expect((single as { name: string }).name).toMatch(/AccessDenied/);
    expect(batch).toMatchObject({ $metadata: { httpStatusCode: 403 }, message });
    expect(stdout.trim()).toBe(`AccessDenied 403 ${message}`);
  });
});
