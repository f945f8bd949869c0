/**
 * boto3 (the machine's) against startLocal()'s EventBridge and SQS: a bus, a rule whose target is a function,
 * PutEvents delivered to it through the event queue, TestEventPattern, AWS's errors for an invalid pattern and an
 * 11-entry PutEvents; a queue, send and receive, and SQS's errors (MaxNumberOfMessages 11, an unknown queue), on the
 * protocol this boto3 speaks for SQS (the query protocol for Debian's botocore 1.29; JSON 1.0 from botocore 1.32).
 * The other operations: boto3-events-operations.test.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../../../test-support/async.js';
import { clientEnv, hasPython, PYTHON, runCommand } from './clients.js';
import { type E2e, startE2e } from './support.js';

const SCRIPT = `
import json, sys
import boto3
from botocore.config import Config
endpoint, target = sys.argv[1], sys.argv[2]
events = boto3.client('events', endpoint_url=endpoint, config=Config(retries={'max_attempts': 0}))
out = {}
out['bus'] = events.create_event_bus(Name='shop')['EventBusArn']
out['rule'] = events.put_rule(Name='to-echo', EventBusName='shop',
    EventPattern=json.dumps({'source': ['orders'], 'detail': {'total': [{'numeric': ['>=', 10]}]}}))['RuleArn']
out['targets'] = events.put_targets(Rule='to-echo', EventBusName='shop', Targets=[{'Id': 'echo', 'Arn': target}])['FailedEntryCount']
r = events.put_events(Entries=[
    {'Source': 'orders', 'DetailType': 'OrderCreated', 'Detail': json.dumps({'total': 12}), 'EventBusName': 'shop'},
    {'Source': 'orders', 'DetailType': 'OrderCreated', 'Detail': 'not json', 'EventBusName': 'shop'}])
out['put'] = {'failed': r['FailedEntryCount'], 'codes': [e.get('ErrorCode', 'ok') for e in r['Entries']]}
out['test'] = events.test_event_pattern(EventPattern='{"source":[{"prefix":"ord"}]}',
    Event=json.dumps({'id': '1', 'source': 'orders', 'detail-type': 'x', 'account': '000000000000',
    'time': '2026-01-01T00:00:00Z', 'region': 'us-east-1', 'resources': [], 'detail': {}}))['Result']
try:
    events.put_rule(Name='bad', EventPattern='{"source":"orders"}')
except events.exceptions.InvalidEventPatternException as e:
    out['badPattern'] = {'code': e.response['Error']['Code'], 'status': e.response['ResponseMetadata']['HTTPStatusCode']}
try:
    events.put_events(Entries=[{'Source': 's', 'DetailType': 'd', 'Detail': '{}'}] * 11)
except Exception as e:
    out['eleven'] = e.response['Error']['Code']
sqs = boto3.client('sqs', endpoint_url=endpoint, config=Config(retries={'max_attempts': 0}))
url = sqs.create_queue(QueueName='jobs')['QueueUrl']
sqs.send_message(QueueUrl=url, MessageBody='hello', MessageAttributes={'k': {'DataType': 'String', 'StringValue': 'v'}})
m = sqs.receive_message(QueueUrl=url, MessageAttributeNames=['All'], WaitTimeSeconds=1)['Messages'][0]
out['sqs'] = {'body': m['Body'], 'attribute': m['MessageAttributes']['k']['StringValue']}
sqs.delete_message(QueueUrl=url, ReceiptHandle=m['ReceiptHandle'])
b = sqs.send_message_batch(QueueUrl=url, Entries=[{'Id': 'a', 'MessageBody': '1'}, {'Id': 'b', 'MessageBody': '2'},
    {'Id': 'c', 'MessageBody': '3', 'DelaySeconds': 901}])
got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, AttributeNames=['ApproximateReceiveCount'])['Messages']
d = sqs.delete_message_batch(QueueUrl=url, Entries=[{'Id': 'd%d' % i, 'ReceiptHandle': x['ReceiptHandle']} for i, x in enumerate(got)])
out['batch'] = {'sent': [e['Id'] for e in b['Successful']], 'failed': [e['Code'] for e in b['Failed']],
    'received': sorted(x['Body'] for x in got), 'counts': [x['Attributes']['ApproximateReceiveCount'] for x in got],
    'deleted': len(d['Successful']), 'left': sqs.get_queue_attributes(QueueUrl=url, AttributeNames=['All'])['Attributes']['ApproximateNumberOfMessages']}
try:
    sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=11)
except Exception as e:
    out['eleventh'] = e.response['Error']['Code']
try:
    sqs.send_message(QueueUrl=url + '-nope', MessageBody='x')
except Exception as e:
    out['noQueue'] = e.response['Error']['Code']
print(json.dumps(out))
`;

let e2e: E2e;
let home: string;
beforeAll(async () => {
  if (!hasPython) return;
  e2e = await startE2e();
  home = mkdtempSync(path.join(tmpdir(), 'lambdaport-boto3-events-'));
});
afterAll(async () => {
  await e2e?.local.stop();
  if (home) rmSync(home, { recursive: true, force: true });
});

describe.skipIf(!hasPython)('boto3 against the local EventBridge and SQS', () => {
  it('creates a bus, a rule and a function target; a matching event reaches the function; AWS-shaped errors', async () => {
    const echo = e2e.fn('echo');
    const delivered = e2e.local.events.summary().delivered;
    const result = await runCommand(PYTHON, ['-c', SCRIPT, e2e.local.url, echo.arn], clientEnv(home));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      bus: 'arn:aws:events:us-east-1:000000000000:event-bus/shop',
      rule: 'arn:aws:events:us-east-1:000000000000:rule/shop/to-echo',
      targets: 0,
      put: { failed: 1, codes: ['ok', 'MalformedDetail'] },
      test: true,
      badPattern: { code: 'InvalidEventPatternException', status: 400 },
      eleven: 'ValidationException',
      sqs: { body: 'hello', attribute: 'v' },
      batch: {
        sent: ['a', 'b'],
        failed: ['InvalidParameterValue'],
        received: ['1', '2'],
        counts: ['1', '1'],
        deleted: 2,
        left: '0',
      },
      eleventh: 'InvalidParameterValue',
      noQueue: expect.stringMatching(/^(AWS\.SimpleQueueService\.NonExistentQueue|QueueDoesNotExist)$/),
    });
    await waitFor(() => e2e.local.events.summary().delivered === delivered + 1, {
      what: 'the event delivered to echo',
      timeoutMs: 20_000,
    });
  });
});
