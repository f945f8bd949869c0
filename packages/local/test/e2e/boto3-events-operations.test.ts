/**
 * boto3 (the machine's: SQS on the query protocol) against every EventBridge and SQS operation the local runtime
 * serves that `boto3-events.test.ts` does not already drive, and the bad inputs of the issue: a 257 KB PutEvents, a
 * message over 256 KB. Rules: describe, list, list and remove targets, delete. Queues: URL, list, attributes,
 * visibility (single and batch), purge, FIFO order and deduplication, redrive to a dead-letter queue, delete.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientEnv, hasPython, PYTHON, runCommand } from './clients.js';
import { type E2e, startE2e } from './support.js';

const SCRIPT = `
import json, sys, time
import boto3
from botocore.config import Config
endpoint = sys.argv[1]
cfg = Config(retries={'max_attempts': 0})
events = boto3.client('events', endpoint_url=endpoint, config=cfg)
sqs = boto3.client('sqs', endpoint_url=endpoint, config=cfg)
out = {}
def code(f):
    try:
        f()
        return 'ok'
    except Exception as e:
        return e.response['Error']['Code']

# EventBridge: rules and targets on a custom bus
events.create_event_bus(Name='ops')
events.put_rule(Name='r1', EventBusName='ops', EventPattern=json.dumps({'source': ['a']}), Description='first')
events.put_rule(Name='r2', EventBusName='ops', EventPattern=json.dumps({'source': ['b']}), State='DISABLED')
d = events.describe_rule(Name='r1', EventBusName='ops')
out['describe'] = {k: d[k] for k in ('Name', 'EventBusName', 'State', 'Description')}
out['rules'] = sorted(r['Name'] for r in events.list_rules(EventBusName='ops')['Rules'])
out['prefixed'] = [r['Name'] for r in events.list_rules(EventBusName='ops', NamePrefix='r2')['Rules']]
out['buses'] = sorted(b['Name'] for b in events.list_event_buses()['EventBuses'])
events.put_targets(Rule='r1', EventBusName='ops', Targets=[{'Id': 't1', 'Arn': sys.argv[2]}, {'Id': 't2', 'Arn': sys.argv[2]}])
out['targets'] = sorted(t['Id'] for t in events.list_targets_by_rule(Rule='r1', EventBusName='ops')['Targets'])
out['removed'] = events.remove_targets(Rule='r1', EventBusName='ops', Ids=['t1'])['FailedEntryCount']
out['targetsAfter'] = [t['Id'] for t in events.list_targets_by_rule(Rule='r1', EventBusName='ops')['Targets']]
out['deleteWithTargets'] = code(lambda: events.delete_rule(Name='r1', EventBusName='ops'))
events.remove_targets(Rule='r1', EventBusName='ops', Ids=['t2'])
events.delete_rule(Name='r1', EventBusName='ops')
out['describeDeleted'] = code(lambda: events.describe_rule(Name='r1', EventBusName='ops'))
out['big'] = code(lambda: events.put_events(Entries=[{'Source': 's', 'DetailType': 'd', 'Detail': json.dumps({'x': 'y' * (257 * 1024)})}]))

# SQS: a standard queue
url = sqs.create_queue(QueueName='ops', Attributes={'VisibilityTimeout': '30'})['QueueUrl']
out['url'] = sqs.get_queue_url(QueueName='ops')['QueueUrl'] == url
out['listed'] = url in sqs.list_queues(QueueNamePrefix='op').get('QueueUrls', [])
sqs.set_queue_attributes(QueueUrl=url, Attributes={'VisibilityTimeout': '45', 'DelaySeconds': '0'})
out['visibility'] = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=['VisibilityTimeout'])['Attributes']['VisibilityTimeout']
out['tooBig'] = code(lambda: sqs.send_message(QueueUrl=url, MessageBody='x' * (256 * 1024 + 1)))
sqs.send_message_batch(QueueUrl=url, Entries=[{'Id': str(i), 'MessageBody': 'm%d' % i} for i in range(3)])
got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=3, WaitTimeSeconds=1)['Messages']
sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=got[0]['ReceiptHandle'], VisibilityTimeout=0)
cb = sqs.change_message_visibility_batch(QueueUrl=url, Entries=[
    {'Id': 'a', 'ReceiptHandle': got[1]['ReceiptHandle'], 'VisibilityTimeout': 0},
    {'Id': 'b', 'ReceiptHandle': 'not-a-handle', 'VisibilityTimeout': 0}])
out['changeBatch'] = {'ok': [e['Id'] for e in cb['Successful']], 'failed': [e['Id'] for e in cb['Failed']]}
again = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, AttributeNames=['ApproximateReceiveCount'])['Messages']
out['again'] = sorted(m['Attributes']['ApproximateReceiveCount'] for m in again)
sqs.purge_queue(QueueUrl=url)
out['afterPurge'] = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=['All'])['Attributes']['ApproximateNumberOfMessages']

# FIFO: order within a group, deduplication
fifo = sqs.create_queue(QueueName='ops.fifo', Attributes={'FifoQueue': 'true', 'ContentBasedDeduplication': 'true'})['QueueUrl']
for body in ['1', '2', '2', '3']:
    sqs.send_message(QueueUrl=fifo, MessageBody=body, MessageGroupId='g')
fm = sqs.receive_message(QueueUrl=fifo, MaxNumberOfMessages=10)['Messages']
out['fifo'] = [m['Body'] for m in fm]
out['fifoNoGroup'] = code(lambda: sqs.send_message(QueueUrl=fifo, MessageBody='x'))

# redrive after maxReceiveCount
dlq = sqs.create_queue(QueueName='ops-dlq')['QueueUrl']
dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=['QueueArn'])['Attributes']['QueueArn']
src = sqs.create_queue(QueueName='ops-src', Attributes={'RedrivePolicy': json.dumps({'deadLetterTargetArn': dlq_arn, 'maxReceiveCount': '1'})})['QueueUrl']
sqs.send_message(QueueUrl=src, MessageBody='poison')
first = sqs.receive_message(QueueUrl=src, VisibilityTimeout=0)['Messages']
second = sqs.receive_message(QueueUrl=src, WaitTimeSeconds=1).get('Messages', [])
dead = sqs.receive_message(QueueUrl=dlq, WaitTimeSeconds=1).get('Messages', [])
out['redrive'] = {'first': len(first), 'second': len(second), 'dead': [m['Body'] for m in dead]}

sqs.delete_queue(QueueUrl=url)
out['deleted'] = code(lambda: sqs.get_queue_url(QueueName='ops'))
print(json.dumps(out))
`;

let e2e: E2e;
let home: string;
beforeAll(async () => {
  if (!hasPython) return;
  e2e = await startE2e();
  home = mkdtempSync(path.join(tmpdir(), 'lambdaport-boto3-ops-'));
});
afterAll(async () => {
  await e2e?.local.stop();
  if (home) rmSync(home, { recursive: true, force: true });
});

describe.skipIf(!hasPython)('boto3 (query protocol for SQS) against every EventBridge and SQS operation', () => {
  it('rules, targets, buses; queues, attributes, visibility, purge, FIFO, redrive; a 257 KB PutEvents and a message over 256 KB refused', async () => {
    const result = await runCommand(PYTHON, ['-c', SCRIPT, e2e.local.url, e2e.fn('echo').arn], clientEnv(home));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      describe: { Name: 'r1', EventBusName: 'ops', State: 'ENABLED', Description: 'first' },
      rules: ['r1', 'r2'],
      prefixed: ['r2'],
      buses: ['default', 'ops'],
      targets: ['t1', 't2'],
      removed: 0,
      targetsAfter: ['t2'],
      deleteWithTargets: 'ValidationException',
      describeDeleted: 'ResourceNotFoundException',
      big: 'ValidationException',
      url: true,
      listed: true,
      visibility: '45',
      tooBig: 'InvalidParameterValue',
      changeBatch: { ok: ['a'], failed: ['b'] },
      again: ['2', '2'],
      afterPurge: '0',
      fifo: ['1', '2', '3'],
      fifoNoGroup: 'MissingParameter',
      redrive: { first: 1, second: 0, dead: ['poison'] },
      deleted: 'AWS.SimpleQueueService.NonExistentQueue',
    });
  });
});
