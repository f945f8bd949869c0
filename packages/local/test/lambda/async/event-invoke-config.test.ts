/**
 * The event invoke config API with the SDK v3, boto3 and the AWS CLI: put, get, update (merge), list, delete, with
 * AWS's shapes; bad values (retries 3, age 30, a malformed or unknown destination ARN) answered as AWS does; configs
 * persist in the state folder; and a config set through the API changes how the queue retries.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  DeleteFunctionEventInvokeConfigCommand,
  GetFunctionEventInvokeConfigCommand,
  InvokeCommand,
  type LambdaClient,
  ListFunctionEventInvokeConfigsCommand,
  PutFunctionEventInvokeConfigCommand,
  UpdateFunctionEventInvokeConfigCommand,
} from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejectionOf, waitFor } from '../../../../../test-support/async.js';
import { type AsyncEvents, createAsyncEvents, EventInvokeConfigs } from '../../../src/lambda/async/index.js';
import { type FrontDoor, startFrontDoor } from '../../../src/server.js';
import { AWS_CLI, clientEnv, hasAwsCli, hasPython, PYTHON, runCommand } from '../../e2e/clients.js';
import { lambdaClient } from '../api/support/fixture.js';
import { InProcessInvoker, testFunction } from '../api/support/in-process-invoker.js';

const fail = testFunction('fail');
const sink = testFunction('sink');
const other = testFunction('other', { handler: 'sink' });
const all = [fail, sink, other];
const invoker = new InProcessInvoker({
  fail: () => {
    throw new Error('no');
  },
  sink: () => 'ok',
});

let dir: string;
let home: string;
let events: AsyncEvents;
let door: FrontDoor;
let lambda: LambdaClient;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'lambdaport-eic-'));
  home = mkdtempSync(path.join(tmpdir(), 'lambdaport-eic-home-'));
  events = createAsyncEvents({
    functions: all,
    invoker,
    dir,
    region: 'us-east-1',
    accountId: '000000000000',
    say: () => {},
    retryDelaysMs: [10, 10],
  });
  door = await startFrontDoor({ functions: all, invoker, events });
  events.queue.start();
  lambda = lambdaClient(door.url);
});

afterAll(async () => {
  lambda.destroy();
  await door.close();
  await events.queue.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
});

describe('event invoke config API (SDK v3)', () => {
  it('puts, gets, updates (merging), lists and deletes, in AWS shapes', async () => {
    const put = await lambda.send(
      new PutFunctionEventInvokeConfigCommand({
        FunctionName: fail.deployedName,
        MaximumRetryAttempts: 1,
        MaximumEventAgeInSeconds: 3600,
        DestinationConfig: { OnFailure: { Destination: sink.arn } },
      }),
    );
    expect(put).toMatchObject({
      FunctionArn: `${fail.arn}:$LATEST`,
      MaximumRetryAttempts: 1,
      MaximumEventAgeInSeconds: 3600,
      DestinationConfig: { OnSuccess: {}, OnFailure: { Destination: sink.arn } },
    });
    expect(put.LastModified).toBeInstanceOf(Date);
    expect(Math.abs(put.LastModified!.getTime() - Date.now())).toBeLessThan(60_000);

    const got = await lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: fail.deployedName }));
    expect(got.MaximumRetryAttempts).toBe(1);

    const updated = await lambda.send(
      new UpdateFunctionEventInvokeConfigCommand({
        FunctionName: fail.deployedName,
        MaximumRetryAttempts: 0,
        DestinationConfig: { OnSuccess: { Destination: other.arn } },
      }),
    );
    expect(updated).toMatchObject({
      MaximumRetryAttempts: 0,
      MaximumEventAgeInSeconds: 3600,
      DestinationConfig: { OnSuccess: { Destination: other.arn }, OnFailure: { Destination: sink.arn } },
    });

    await lambda.send(
      new PutFunctionEventInvokeConfigCommand({
        FunctionName: fail.deployedName,
        Qualifier: '$LATEST',
        MaximumRetryAttempts: 0,
      }),
    );
    const list = await lambda.send(new ListFunctionEventInvokeConfigsCommand({ FunctionName: fail.deployedName }));
    expect(list.FunctionEventInvokeConfigs).toEqual([
      expect.objectContaining({ FunctionArn: `${fail.arn}:$LATEST`, MaximumRetryAttempts: 0 }),
    ]);
    // Put replaced the whole config: no age, no destinations any more
    expect(list.FunctionEventInvokeConfigs![0]).not.toHaveProperty('MaximumEventAgeInSeconds');

    // persisted in the state folder: a fresh store reads it back
    const stored = JSON.parse(readFileSync(path.join(dir, 'invoke-configs.json'), 'utf8'));
    expect(stored[`${fail.deployedName}:$LATEST`]).toMatchObject({ MaximumRetryAttempts: 0 });
    const reread = new EventInvokeConfigs({ file: path.join(dir, 'invoke-configs.json'), fromConfig: new Map() });
    expect(reread.settings(fail.deployedName, undefined).maximumRetryAttempts).toBe(0);

    const deleted = await lambda.send(new DeleteFunctionEventInvokeConfigCommand({ FunctionName: fail.deployedName }));
    expect(deleted.$metadata.httpStatusCode).toBe(204);
    const gone = await rejectionOf(
      lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: fail.deployedName })),
    );
    expect(gone).toMatchObject({
      name: 'ResourceNotFoundException',
      message: `The function ${fail.arn}:$LATEST doesn't have an EventInvokeConfig`,
    });
  });

  it('refuses retries 3 and age 30 together (ValidationException, both named), and an unknown destination', async () => {
    const bad = await rejectionOf(
      lambda.send(
        new PutFunctionEventInvokeConfigCommand({
          FunctionName: other.deployedName,
          MaximumRetryAttempts: 3,
          MaximumEventAgeInSeconds: 30,
        }),
      ),
    );
    expect(bad.name).toBe('ValidationException');
    expect(bad.message).toBe(
      "2 validation errors detected: Value '3' at 'maximumRetryAttempts' failed to satisfy constraint: Member must have value less than or equal to 2; Value '30' at 'maximumEventAgeInSeconds' failed to satisfy constraint: Member must have value greater than or equal to 60",
    );

    const unknown = await rejectionOf(
      lambda.send(
        new PutFunctionEventInvokeConfigCommand({
          FunctionName: other.deployedName,
          DestinationConfig: { OnFailure: { Destination: 'arn:aws:lambda:us-east-1:000000000000:function:nobody' } },
        }),
      ),
    );
    expect(unknown).toMatchObject({ name: 'InvalidParameterValueException', $metadata: { httpStatusCode: 400 } });
    expect(unknown.message).toContain('arn:aws:lambda:us-east-1:000000000000:function:nobody');

    const malformed = await rejectionOf(
      lambda.send(
        new PutFunctionEventInvokeConfigCommand({
          FunctionName: other.deployedName,
          DestinationConfig: { OnSuccess: { Destination: 'not-an-arn' } },
        }),
      ),
    );
    expect(malformed.name).toBe('ValidationException');
    expect(malformed.message).toContain("Value 'not-an-arn' at 'destinationConfig.onSuccess.destination'");

    const missing = await rejectionOf(
      lambda.send(
        new UpdateFunctionEventInvokeConfigCommand({ FunctionName: other.deployedName, MaximumRetryAttempts: 1 }),
      ),
    );
    expect(missing.name).toBe('ResourceNotFoundException');
  });

  it('changes delivery: with MaximumRetryAttempts 0 set through the API, a failing event runs once', async () => {
    await lambda.send(
      new PutFunctionEventInvokeConfigCommand({
        FunctionName: fail.deployedName,
        MaximumRetryAttempts: 0,
        DestinationConfig: { OnFailure: { Destination: sink.arn } },
      }),
    );
    const before = invoker.calls.length;
    const out = await lambda.send(
      new InvokeCommand({ FunctionName: fail.deployedName, InvocationType: 'Event', Payload: '{"once":true}' }),
    );
    await waitFor(() => invoker.calls.slice(before).some((c) => c.fn === sink.deployedName), { what: 'the record' });
    const calls = invoker.calls.slice(before);
    expect(calls.filter((c) => c.fn === fail.deployedName)).toHaveLength(1);
    expect(calls.find((c) => c.fn === sink.deployedName)?.event).toMatchObject({
      requestContext: { requestId: out.$metadata.requestId, condition: 'RetriesExhausted', approximateInvokeCount: 1 },
    });
    await lambda.send(new DeleteFunctionEventInvokeConfigCommand({ FunctionName: fail.deployedName }));
  });
});

const BOTO3 = `
import json, sys
import boto3
from botocore.config import Config
endpoint, name, sink = sys.argv[1], sys.argv[2], sys.argv[3]
# parameter_validation off: boto3 would refuse age 30 itself; the runtime must answer it as AWS does
client = boto3.client('lambda', endpoint_url=endpoint, config=Config(retries={'max_attempts': 0}, parameter_validation=False))
out = {}
r = client.put_function_event_invoke_config(FunctionName=name, MaximumRetryAttempts=2, MaximumEventAgeInSeconds=120,
    DestinationConfig={'OnSuccess': {'Destination': sink}})
out['put'] = {'arn': r['FunctionArn'], 'retries': r['MaximumRetryAttempts'], 'age': r['MaximumEventAgeInSeconds'],
    'dest': r['DestinationConfig'], 'modified': type(r['LastModified']).__name__}
out['list'] = [c['FunctionArn'] for c in client.list_function_event_invoke_configs(FunctionName=name)['FunctionEventInvokeConfigs']]
for label, kwargs in [('retries', {'MaximumRetryAttempts': 3}), ('age', {'MaximumEventAgeInSeconds': 30}),
                      ('dest', {'DestinationConfig': {'OnFailure': {'Destination': sink + '-nobody'}}})]:
    try:
        client.put_function_event_invoke_config(FunctionName=name, **kwargs)
        out[label] = 'accepted'
    except Exception as e:
        out[label] = {'code': e.response['Error']['Code'], 'status': e.response['ResponseMetadata']['HTTPStatusCode']}
client.delete_function_event_invoke_config(FunctionName=name)
try:
    client.get_function_event_invoke_config(FunctionName=name)
except client.exceptions.ResourceNotFoundException as e:
    out['gone'] = e.response['Error']['Code']
print(json.dumps(out))
`;

describe.skipIf(!hasPython)('event invoke config API (boto3)', () => {
  it('puts, lists, refuses bad values and deletes', async () => {
    const result = await runCommand(PYTHON, ['-c', BOTO3, door.url, other.deployedName, sink.arn], clientEnv(home));
    expect(result.stderr).toBe('');
    const out = JSON.parse(result.stdout);
    expect(out.put).toEqual({
      arn: `${other.arn}:$LATEST`,
      retries: 2,
      age: 120,
      dest: { OnSuccess: { Destination: sink.arn }, OnFailure: {} },
      modified: 'datetime',
    });
    expect(out.list).toEqual([`${other.arn}:$LATEST`]);
    expect(out.retries).toEqual({ code: 'ValidationException', status: 400 });
    expect(out.age).toEqual({ code: 'ValidationException', status: 400 });
    expect(out.dest).toEqual({ code: 'InvalidParameterValueException', status: 400 });
    expect(out.gone).toBe('ResourceNotFoundException');
  });
});

describe.skipIf(!hasAwsCli)('event invoke config API (AWS CLI v2)', () => {
  it('puts and gets a config, and shows the ValidationException of retries 3', async () => {
    const env = clientEnv(home);
    const common = ['--endpoint-url', door.url, '--function-name', sink.deployedName, '--output', 'json'];
    const put = await runCommand(
      AWS_CLI,
      ['lambda', 'put-function-event-invoke-config', ...common, '--maximum-retry-attempts', '1'],
      env,
    );
    expect(put.code).toBe(0);
    expect(JSON.parse(put.stdout)).toMatchObject({ FunctionArn: `${sink.arn}:$LATEST`, MaximumRetryAttempts: 1 });
    const got = await runCommand(AWS_CLI, ['lambda', 'get-function-event-invoke-config', ...common], env);
    expect(JSON.parse(got.stdout).MaximumRetryAttempts).toBe(1);
    const bad = await runCommand(
      AWS_CLI,
      ['lambda', 'put-function-event-invoke-config', ...common, '--maximum-retry-attempts', '3'],
      env,
    );
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/ValidationException|maximumRetryAttempts|MaximumRetryAttempts/);
  });
});
