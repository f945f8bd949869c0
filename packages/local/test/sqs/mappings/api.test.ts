/**
 * The event source mapping API with the SDK v3 and boto3 against startLocal(): create (AWS's defaults and shapes),
 * get, list (filters, pages), update (Enabled, BatchSize, ScalingConfig), delete; each refusal as AWS answers it
 * (unknown function or queue, BatchSize out of range or > 10 without a window, a queue whose visibility timeout is
 * below the function's timeout, the same queue and function twice, a role that may not read the queue); mappings
 * made through the API survive a restart.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CreateEventSourceMappingCommand,
  DeleteEventSourceMappingCommand,
  GetEventSourceMappingCommand,
  InvokeCommand,
  LambdaClient,
  ListEventSourceMappingsCommand,
  UpdateEventSourceMappingCommand,
} from '@aws-sdk/client-lambda';
import { CreateQueueCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejectionOf } from '../../../../../test-support/async.js';
import { type LocalRuntime, startLocal } from '../../../src/index.js';
import { clientEnv, hasPython, PYTHON, runCommand } from '../../e2e/clients.js';
import { clients, writeService } from './support.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

let dir: string;
let state: string;
let local: LocalRuntime;
let lambda: LambdaClient;
let sqs: SQSClient;
const logs: string[] = [];
const queueArn = (name: string) => `arn:aws:sqs:us-east-1:000000000000:${name}`;
const nameOf = (fn: string) => local.functions.find((f) => f.name === fn)!.deployedName;
const arnOf = (fn: string) => local.functions.find((f) => f.name === fn)!.arn;

const start = () =>
  startLocal({ dirs: [dir], state, iam: 'warn', prebootSpares: false, log: (line) => logs.push(line) });

beforeAll(async () => {
  dir = writeService();
  state = mkdtempSync(path.join(tmpdir(), 'lambdaport-esm-state-'));
  local = await start();
  ({ lambda, sqs } = clients(local.url));
  await sqs.send(new CreateQueueCommand({ QueueName: 'jobs' }));
  await sqs.send(new CreateQueueCommand({ QueueName: 'other', Attributes: { VisibilityTimeout: '120' } }));
  await sqs.send(new CreateQueueCommand({ QueueName: 'short', Attributes: { VisibilityTimeout: '30' } }));
});
afterAll(async () => {
  lambda?.destroy();
  sqs?.destroy();
  await local?.stop();
  rmSync(dir, { recursive: true, force: true });
  rmSync(state, { recursive: true, force: true });
});

describe('event source mapping API (SDK v3)', () => {
  it('creates with AWS defaults, gets, lists, updates and deletes', async () => {
    const created = await lambda.send(
      new CreateEventSourceMappingCommand({ FunctionName: nameOf('consume'), EventSourceArn: queueArn('jobs') }),
    );
    expect(created.$metadata.httpStatusCode).toBe(202);
    expect(created).toMatchObject({
      UUID: expect.stringMatching(/^[0-9a-f-]{36}$/),
      State: 'Creating',
      StateTransitionReason: 'USER_INITIATED',
      BatchSize: 10,
      MaximumBatchingWindowInSeconds: 0,
      EventSourceArn: queueArn('jobs'),
      FunctionArn: arnOf('consume'),
      FunctionResponseTypes: [],
    });
    expect(created.LastModified).toBeInstanceOf(Date);
    expect(Math.abs(created.LastModified!.getTime() - Date.now())).toBeLessThan(60_000);
    const uuid = created.UUID!;
    // its role may not read the queue (no queue key): mode warn lets it through with a log line
    expect(logs.some((l) => l.startsWith('iam (warn: let through)') && l.includes('sqs:ReceiveMessage'))).toBe(true);

    const got = await lambda.send(new GetEventSourceMappingCommand({ UUID: uuid }));
    expect(got).toMatchObject({ UUID: uuid, State: 'Enabled', BatchSize: 10 });

    const updated = await lambda.send(
      new UpdateEventSourceMappingCommand({
        UUID: uuid,
        Enabled: false,
        BatchSize: 50,
        MaximumBatchingWindowInSeconds: 2,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ScalingConfig: { MaximumConcurrency: 3 },
      }),
    );
    expect(updated).toMatchObject({
      State: 'Disabling',
      BatchSize: 50,
      MaximumBatchingWindowInSeconds: 2,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 3 },
    });
    expect((await lambda.send(new GetEventSourceMappingCommand({ UUID: uuid }))).State).toBe('Disabled');
    const enabled = await lambda.send(new UpdateEventSourceMappingCommand({ UUID: uuid, Enabled: true }));
    expect(enabled).toMatchObject({ State: 'Enabling', BatchSize: 50 });

    const deleted = await lambda.send(new DeleteEventSourceMappingCommand({ UUID: uuid }));
    expect(deleted).toMatchObject({ UUID: uuid, State: 'Deleting' });
    expect(await rejectionOf(lambda.send(new GetEventSourceMappingCommand({ UUID: uuid })))).toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 404 },
    });
    expect(await rejectionOf(lambda.send(new DeleteEventSourceMappingCommand({ UUID: uuid })))).toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('lists by function and by queue, a page at a time', async () => {
    const made: string[] = [];
    for (const [fn, queue] of [
      ['consume', 'other'],
      ['slow', 'other'],
      ['unknownItem', 'other'],
    ] as const) {
      const out = await lambda.send(
        new CreateEventSourceMappingCommand({
          FunctionName: arnOf(fn),
          EventSourceArn: queueArn(queue),
          Enabled: false,
        }),
      );
      made.push(out.UUID!);
    }
    const byQueue = await lambda.send(new ListEventSourceMappingsCommand({ EventSourceArn: queueArn('other') }));
    expect(byQueue.EventSourceMappings?.map((m) => m.UUID)).toEqual(made);
    const byFunction = await lambda.send(new ListEventSourceMappingsCommand({ FunctionName: nameOf('slow') }));
    expect(byFunction.EventSourceMappings?.map((m) => m.UUID)).toEqual([made[1]]);
    const first = await lambda.send(
      new ListEventSourceMappingsCommand({ EventSourceArn: queueArn('other'), MaxItems: 2 }),
    );
    expect(first.EventSourceMappings?.map((m) => m.UUID)).toEqual(made.slice(0, 2));
    const second = await lambda.send(
      new ListEventSourceMappingsCommand({ EventSourceArn: queueArn('other'), Marker: first.NextMarker }),
    );
    expect(second.EventSourceMappings?.map((m) => m.UUID)).toEqual(made.slice(2));
    expect(second.NextMarker).toBeUndefined();
    for (const uuid of made) await lambda.send(new DeleteEventSourceMappingCommand({ UUID: uuid }));
  });

  it('refuses what AWS refuses, in its words', async () => {
    const create = (input: Record<string, unknown>) =>
      rejectionOf(
        lambda.send(
          new CreateEventSourceMappingCommand({
            FunctionName: nameOf('consume'),
            EventSourceArn: queueArn('jobs'),
            ...input,
          }),
        ),
      );
    expect(await create({ FunctionName: 'test-esm-nobody' })).toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Function not found: arn:aws:lambda:us-east-1:000000000000:function:test-esm-nobody',
    });
    expect(await create({ EventSourceArn: queueArn('nowhere') })).toMatchObject({
      name: 'InvalidParameterValueException',
      message: expect.stringContaining('AWS.SimpleQueueService.NonExistentQueue'),
    });
    expect(await create({ BatchSize: 0 })).toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining("Value '0' at 'batchSize' failed to satisfy constraint"),
    });
    expect(await create({ BatchSize: 10_001, MaximumBatchingWindowInSeconds: 1 })).toMatchObject({
      name: 'ValidationException',
    });
    expect(await create({ MaximumBatchingWindowInSeconds: 301 })).toMatchObject({ name: 'ValidationException' });
    expect(await create({ ScalingConfig: { MaximumConcurrency: 1 } })).toMatchObject({ name: 'ValidationException' });
    expect(await create({ BatchSize: 11 })).toMatchObject({
      name: 'InvalidParameterValueException',
      message: 'Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10',
    });
    expect(await create({ FunctionName: nameOf('slow'), EventSourceArn: queueArn('short') })).toMatchObject({
      name: 'InvalidParameterValueException',
      message: 'Queue visibility timeout: 30 seconds is less than Function timeout: 60 seconds',
    });
    const first = await lambda.send(
      new CreateEventSourceMappingCommand({ FunctionName: nameOf('consume'), EventSourceArn: queueArn('jobs') }),
    );
    expect(await create({})).toMatchObject({
      name: 'ResourceConflictException',
      $metadata: { httpStatusCode: 409 },
      message: expect.stringContaining(first.UUID!),
    });
    // a FIFO queue takes at most 10 a batch and no window
    await sqs.send(new CreateQueueCommand({ QueueName: 'jobs.fifo', Attributes: { FifoQueue: 'true' } }));
    expect(
      await create({ EventSourceArn: queueArn('jobs.fifo'), BatchSize: 20, MaximumBatchingWindowInSeconds: 1 }),
    ).toMatchObject({ name: 'InvalidParameterValueException', message: expect.stringContaining('FIFO') });
    expect(await create({ StartingPosition: 'LATEST' })).toMatchObject({ name: 'InvalidParameterValueException' });
    expect(await rejectionOf(lambda.send(new ListEventSourceMappingsCommand({ MaxItems: 0 })))).toMatchObject({
      name: 'InvalidParameterValueException',
    });
    expect(
      await rejectionOf(lambda.send(new UpdateEventSourceMappingCommand({ UUID: 'nope', BatchSize: 5 }))),
    ).toMatchObject({ name: 'ResourceNotFoundException' });
    // an update is checked the same way
    expect(
      await rejectionOf(lambda.send(new UpdateEventSourceMappingCommand({ UUID: first.UUID, BatchSize: 11 }))),
    ).toMatchObject({ name: 'InvalidParameterValueException' });
    await lambda.send(new DeleteEventSourceMappingCommand({ UUID: first.UUID }));
  });

  it('keeps the mappings made through the API over a restart (in the state folder)', async () => {
    const made = await lambda.send(
      new CreateEventSourceMappingCommand({
        FunctionName: nameOf('consume'),
        EventSourceArn: queueArn('jobs'),
        BatchSize: 7,
        Enabled: false,
      }),
    );
    expect(existsSync(path.join(state, 'sqs', 'event-source-mappings.json'))).toBe(true);
    lambda.destroy();
    sqs.destroy();
    await local.stop();
    local = await start();
    ({ lambda, sqs } = clients(local.url));
    const got = await lambda.send(new GetEventSourceMappingCommand({ UUID: made.UUID }));
    expect(got).toMatchObject({ State: 'Disabled', BatchSize: 7, EventSourceArn: queueArn('jobs') });
    expect(got.LastModified?.getTime()).toBe(made.LastModified?.getTime());
    await lambda.send(new DeleteEventSourceMappingCommand({ UUID: made.UUID }));
  });
});

describe('IAM enforce', () => {
  it('refuses a mapping whose role may not read the queue, and the API to a function role', async () => {
    const enforced = await startLocal({ dirs: [dir], ephemeral: true, prebootSpares: false, log: () => {} });
    const { lambda: client, sqs: queues } = clients(enforced.url);
    try {
      await queues.send(new CreateQueueCommand({ QueueName: 'jobs' }));
      const name = enforced.functions.find((f) => f.name === 'consume')!.deployedName;
      expect(
        await rejectionOf(
          client.send(new CreateEventSourceMappingCommand({ FunctionName: name, EventSourceArn: queueArn('jobs') })),
        ),
      ).toMatchObject({
        name: 'InvalidParameterValueException',
        message: 'The function execution role does not have permissions to call ReceiveMessage on SQS',
      });
      // a function's role may not use the API itself (lambda:ListEventSourceMappings is not in its policy)
      const whoami = enforced.functions.find((f) => f.name === 'whoami')!.deployedName;
      const out = await client.send(new InvokeCommand({ FunctionName: whoami }));
      const role = JSON.parse(Buffer.from(out.Payload!).toString('utf8'));
      const asRole = new LambdaClient({
        endpoint: enforced.url,
        region: 'us-east-1',
        credentials: role,
        maxAttempts: 1,
      });
      expect(await rejectionOf(asRole.send(new ListEventSourceMappingsCommand({})))).toMatchObject({
        name: 'AccessDeniedException',
        message: expect.stringContaining('lambda:ListEventSourceMappings'),
      });
      asRole.destroy();
    } finally {
      client.destroy();
      queues.destroy();
      await enforced.stop();
    }
  });
});

const BOTO3 = `
import json, sys
import boto3
from botocore.config import Config
endpoint, name, queue = sys.argv[1], sys.argv[2], sys.argv[3]
client = boto3.client('lambda', endpoint_url=endpoint, config=Config(retries={'max_attempts': 0}))
out = {}
made = client.create_event_source_mapping(FunctionName=name, EventSourceArn=queue, BatchSize=5)
out['create'] = {'state': made['State'], 'batch': made['BatchSize'], 'modified': type(made['LastModified']).__name__}
out['list'] = [m['UUID'] == made['UUID'] for m in client.list_event_source_mappings(FunctionName=name)['EventSourceMappings']]
out['get'] = client.get_event_source_mapping(UUID=made['UUID'])['State']
out['delete'] = client.delete_event_source_mapping(UUID=made['UUID'])['State']
try:
    client.get_event_source_mapping(UUID=made['UUID'])
except client.exceptions.ResourceNotFoundException as e:
    out['gone'] = e.response['Error']['Code']
print(json.dumps(out))
`;

describe.skipIf(!hasPython)('event source mapping API (boto3)', () => {
  it('creates, lists, gets and deletes a mapping', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'lambdaport-esm-home-'));
    await sqs.send(new CreateQueueCommand({ QueueName: 'jobs' })); // (queues are kept in memory for now)
    try {
      const result = await runCommand(
        PYTHON,
        ['-c', BOTO3, local.url, nameOf('consume'), queueArn('jobs')],
        clientEnv(home),
      );
      expect(result.stderr).toBe('');
      expect(JSON.parse(result.stdout)).toEqual({
        create: { state: 'Creating', batch: 5, modified: 'datetime' },
        list: [true],
        get: 'Enabled',
        delete: 'Deleting',
        gone: 'ResourceNotFoundException',
      });
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
