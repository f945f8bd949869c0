/**
 * A function's `queue` deployed (fixtures/events, mailer): the queue and its dead-letter queue with the resolved names
 * and settings, the event source mapping to the alias, the queue policy letting EventBridge send from each of the
 * function's rules only, and the role's ConsumeQueue statement on that queue only.
 */
import type { Template } from 'aws-cdk-lib/assertions';
import { deployedName } from 'lambdaport/names';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareEventFixtures } from '../support/events.js';
import { arn, templates } from '../support/examples.js';
import { logicalId, statementsOf } from '../support/template.js';

let mailer: Template;
beforeAll(async () => {
  mailer = templates(await prepareEventFixtures()).get('mailer')!;
}, 120_000);

const NOTIFY = deployedName('dev', 'mailer', 'notify');
const DIGEST = deployedName('dev', 'mailer', 'digest');
const CONSUME = ['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'];

/** Requests without TLS refused, on every queue. */
const tlsOnly = (queue: string) => ({
  Action: 'sqs:*',
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  Effect: 'Deny',
  Principal: { AWS: '*' },
  Resource: { 'Fn::GetAtt': [queue, 'Arn'] },
});

/** The statements of the policy of the queue with logical id `queue`. */
function queuePolicy(queue: string): unknown[] {
  const policies = Object.values(mailer.findResources('AWS::SQS::QueuePolicy')) as {
    Properties: { Queues: unknown[]; PolicyDocument: { Statement: unknown[] } };
  }[];
  const mine = policies.filter((p) => JSON.stringify(p.Properties.Queues) === JSON.stringify([{ Ref: queue }]));
  expect(mine).toHaveLength(1);
  return mine[0]!.Properties.PolicyDocument.Statement;
}

describe('the queue of a function', () => {
  it('is <stage>-<service>-<function> with its visibility timeout, SSE on, redriven to its dead-letter queue', () => {
    const dlq = logicalId(mailer, 'AWS::SQS::Queue', { QueueName: 'dev-mailer-notify-dlq' });
    mailer.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'dev-mailer-notify',
      VisibilityTimeout: 40,
      SqsManagedSseEnabled: true,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [dlq, 'Arn'] }, maxReceiveCount: 3 },
    });
    mailer.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'dev-mailer-notify-dlq',
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 24 * 3600,
    });
    expect(mailer.toJSON().Resources[dlq].Properties.RedrivePolicy).toBeUndefined();
  });

  it('takes the defaults when `queue` is {}: visibility 6 × the timeout, redrive after 5 receives', () => {
    const dlq = logicalId(mailer, 'AWS::SQS::Queue', { QueueName: 'dev-mailer-digest-dlq' });
    mailer.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'dev-mailer-digest',
      VisibilityTimeout: 18,
      SqsManagedSseEnabled: true,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [dlq, 'Arn'] }, maxReceiveCount: 5 },
    });
    // notify's and digest's, each with its dead-letter queue
    mailer.resourceCountIs('AWS::SQS::Queue', 4);
  });

  it('is consumed by an event source mapping to the alias: batch size, window, ReportBatchItemFailures', () => {
    const alias = (name: string) =>
      logicalId(mailer, 'AWS::Lambda::Alias', {
        FunctionName: { Ref: logicalId(mailer, 'AWS::Lambda::Function', { FunctionName: name }) },
      });
    const queue = (name: string) => logicalId(mailer, 'AWS::SQS::Queue', { QueueName: name });
    const mappings = Object.values(mailer.findResources('AWS::Lambda::EventSourceMapping')).map(
      (resource) => (resource as { Properties: Record<string, unknown> }).Properties,
    );
    const common = { Enabled: true, FunctionResponseTypes: ['ReportBatchItemFailures'] };
    expect(mappings).toEqual([
      expect.objectContaining({
        ...common,
        EventSourceArn: { 'Fn::GetAtt': [queue('dev-mailer-notify'), 'Arn'] },
        FunctionName: { Ref: alias(NOTIFY) },
        BatchSize: 50,
        MaximumBatchingWindowInSeconds: 2,
      }),
      expect.objectContaining({
        ...common,
        EventSourceArn: { 'Fn::GetAtt': [queue('dev-mailer-digest'), 'Arn'] },
        FunctionName: { Ref: alias(DIGEST) },
        BatchSize: 10,
        MaximumBatchingWindowInSeconds: 0,
      }),
    ]);
  });
});

describe('who may use the queue', () => {
  it('lets events.amazonaws.com send from each of its rules only (aws:SourceArn), and refuses requests without TLS', () => {
    const queue = logicalId(mailer, 'AWS::SQS::Queue', { QueueName: 'dev-mailer-notify' });
    const fromRule = (index: number) => ({
      Sid: `FromRule${index}`,
      Action: 'sqs:SendMessage',
      Condition: {
        ArnEquals: {
          'aws:SourceArn': {
            'Fn::GetAtt': [logicalId(mailer, 'AWS::Events::Rule', { Name: `dev-mailer-notify-${index}` }), 'Arn'],
          },
        },
      },
      Effect: 'Allow',
      Principal: { Service: 'events.amazonaws.com' },
      Resource: { 'Fn::GetAtt': [queue, 'Arn'] },
    });
    expect(queuePolicy(queue)).toEqual([tlsOnly(queue), fromRule(0), fromRule(1), fromRule(2)]);
    const dlq = logicalId(mailer, 'AWS::SQS::Queue', { QueueName: 'dev-mailer-notify-dlq' });
    expect(queuePolicy(dlq)).toEqual([tlsOnly(dlq)]);
  });

  it('has no statement for EventBridge on a queue without subscriptions: only the TLS rule', () => {
    const queue = logicalId(mailer, 'AWS::SQS::Queue', { QueueName: 'dev-mailer-digest' });
    expect(queuePolicy(queue)).toEqual([tlsOnly(queue)]);
  });

  it("gives the function's role ConsumeQueue on its own queue only, and nothing on the dead-letter queue", () => {
    for (const [name, queue] of [
      [NOTIFY, 'dev-mailer-notify'],
      [DIGEST, 'dev-mailer-digest'],
    ] as const) {
      expect(statementsOf(mailer, name)).toEqual([
        {
          Sid: 'Logs',
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: arn('logs', `log-group:/aws/lambda/${name}:*`),
        },
        { Sid: 'ConsumeQueue', Effect: 'Allow', Action: CONSUME, Resource: arn('sqs', queue) },
      ]);
    }
    // nothing else grants the roles anything
    mailer.resourceCountIs('AWS::IAM::Policy', 0);
  });
});
