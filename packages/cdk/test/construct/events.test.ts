/**
 * Events deployed (fixtures/events): shop's bus and its publishers' policy and variable; the rules of `subscribe`
 * entries, with their exact patterns, on the bus they name, each delivering to the function's alias (a Lambda
 * permission from that rule only) or to its queue (queues.test.ts); a service without events has none of it.
 */
import path from 'node:path';
import type { Template } from 'aws-cdk-lib/assertions';
import { deployedName, olderMajorDeployedName } from 'lambdaport/names';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareServices } from '../../src/prepare/prepare.js';
import { prepareEventFixtures } from '../support/events.js';
import { arn, templates } from '../support/examples.js';
import { logicalId, statementsOf } from '../support/template.js';

let shop: Template;
let mailer: Template;
let majors: Template;
beforeAll(async () => {
  const byService = templates(await prepareEventFixtures());
  shop = byService.get('shop')!;
  mailer = byService.get('mailer')!;
  const plain = await prepareServices([path.join(import.meta.dirname, '../fixtures/majors')], { stage: 'dev' });
  majors = templates(plain).get('majors')!;
}, 120_000);

const PLACE = deployedName('dev', 'shop', 'place');
const TALLY = deployedName('dev', 'shop', 'tally');
const SHOP_GET = deployedName('dev', 'shop', 'get');
const AUDIT = deployedName('dev', 'mailer', 'audit');
const AUDIT_V1 = olderMajorDeployedName('dev', 'mailer', 'audit', 1);
const logs = (name: string) => ({
  Sid: 'Logs',
  Effect: 'Allow',
  Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
  Resource: arn('logs', `log-group:/aws/lambda/${name}:*`),
});
const PLACED = { source: ['shop'], 'detail-type': ['OrderPlaced'] };
const CANCELLED = { source: ['shop'], 'detail-type': ['OrderCancelled'] };

/** The logical id of the alias of the function deployed as `name`. */
function aliasOf(template: Template, name: string): string {
  const fn = logicalId(template, 'AWS::Lambda::Function', { FunctionName: name });
  return logicalId(template, 'AWS::Lambda::Alias', { FunctionName: { Ref: fn } });
}

describe("a service's bus", () => {
  it('is created by the publishing service only, named <stage>-<service>', () => {
    shop.resourceCountIs('AWS::Events::EventBus', 1);
    shop.hasResourceProperties('AWS::Events::EventBus', { Name: 'dev-shop' });
    mailer.resourceCountIs('AWS::Events::EventBus', 0);
  });

  it('is what a publishing function may PutEvents on, and nothing else: its own bus, no wildcard', () => {
    expect(statementsOf(shop, PLACE)).toEqual([
      logs(PLACE),
      {
        Sid: 'PublishEvents',
        Effect: 'Allow',
        Action: 'events:PutEvents',
        Resource: arn('events', 'event-bus/dev-shop'),
      },
    ]);
    // a function that does not publish may not put events, even on its own service's bus
    expect(statementsOf(shop, SHOP_GET)).toEqual([logs(SHOP_GET)]);
    expect(statementsOf(shop, TALLY)).toEqual([logs(TALLY)]);
    // no policy of its own beside the roles' inline ones (the CDK's grants would make one)
    shop.resourceCountIs('AWS::IAM::Policy', 0);
  });

  it("is in a publishing function's environment as LAMBDAPORT_EVENT_BUS (a reference to the bus), and only there", () => {
    const bus = logicalId(shop, 'AWS::Events::EventBus', { Name: 'dev-shop' });
    shop.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: PLACE,
      Environment: { Variables: { LAMBDAPORT_EVENT_BUS: { Ref: bus }, LAMBDAPORT_STAGE: 'dev' } },
    });
    for (const name of [TALLY, SHOP_GET]) {
      shop.hasResourceProperties('AWS::Lambda::Function', {
        FunctionName: name,
        Environment: { Variables: { LAMBDAPORT_STAGE: 'dev' } },
      });
    }
  });
});

describe('a subscription without a queue', () => {
  it("is a rule on the publisher's bus, by name, with the exact pattern, targeting the alias of the current major", () => {
    mailer.hasResourceProperties('AWS::Events::Rule', {
      Name: 'dev-mailer-audit-0',
      EventBusName: 'dev-shop',
      EventPattern: CANCELLED,
      State: 'ENABLED',
      Targets: [{ Id: 'function', Arn: { Ref: aliasOf(mailer, AUDIT) } }],
    });
    const rule = mailer.toJSON().Resources[logicalId(mailer, 'AWS::Events::Rule', { Name: 'dev-mailer-audit-0' })] as {
      Properties: { EventPattern: unknown };
    };
    expect(rule.Properties.EventPattern).toEqual(CANCELLED);
  });

  it('lets events.amazonaws.com invoke that alias from that rule only', () => {
    const rule = logicalId(mailer, 'AWS::Events::Rule', { Name: 'dev-mailer-audit-0' });
    const permissions = Object.values(
      mailer.findResources('AWS::Lambda::Permission', { Properties: { Principal: 'events.amazonaws.com' } }),
    ).map((resource) => (resource as { Properties: unknown }).Properties);
    expect(permissions).toEqual([
      {
        Action: 'lambda:InvokeFunction',
        FunctionName: { Ref: aliasOf(mailer, AUDIT) },
        Principal: 'events.amazonaws.com',
        SourceArn: { 'Fn::GetAtt': [rule, 'Arn'] },
      },
    ]);
  });

  it('is on the own bus by reference when a service subscribes to its own event', () => {
    const bus = logicalId(shop, 'AWS::Events::EventBus', { Name: 'dev-shop' });
    const rule = logicalId(shop, 'AWS::Events::Rule', {
      Name: 'dev-shop-tally-0',
      EventBusName: { Ref: bus },
      EventPattern: CANCELLED,
      Targets: [{ Id: 'function', Arn: { Ref: aliasOf(shop, TALLY) } }],
    });
    shop.hasResourceProperties('AWS::Lambda::Permission', {
      Principal: 'events.amazonaws.com',
      FunctionName: { Ref: aliasOf(shop, TALLY) },
      SourceArn: { 'Fn::GetAtt': [rule, 'Arn'] },
    });
    shop.resourceCountIs('AWS::Events::Rule', 1);
  });

  it("is not the older major's: only the current major subscribes", () => {
    const older = aliasOf(mailer, AUDIT_V1);
    expect(JSON.stringify(mailer.findResources('AWS::Events::Rule'))).not.toContain(older);
    expect(JSON.stringify(mailer.findResources('AWS::Lambda::Permission'))).not.toContain(older);
    expect(statementsOf(mailer, AUDIT_V1)).toEqual([logs(AUDIT_V1)]);
    expect(statementsOf(mailer, AUDIT)).toEqual([logs(AUDIT)]);
  });
});

describe('the rules of a function with a queue', () => {
  it('are one per subscribe entry, each with its bus, exact pattern and name, all targeting the queue', () => {
    const queue = logicalId(mailer, 'AWS::SQS::Queue', { QueueName: 'dev-mailer-notify' });
    const rules = [
      ['dev-mailer-notify-0', 'dev-shop', PLACED],
      ['dev-mailer-notify-1', 'dev-shop', { ...PLACED, detail: { total: [{ numeric: ['>', 100] }] } }],
      ['dev-mailer-notify-2', 'default', { source: ['aws.s3'] }],
    ] as const;
    for (const [name, bus, pattern] of rules) {
      const id = logicalId(mailer, 'AWS::Events::Rule', { Name: name });
      expect(mailer.toJSON().Resources[id].Properties).toMatchObject({
        EventBusName: bus,
        EventPattern: pattern,
        State: 'ENABLED',
        Targets: [{ Id: 'queue', Arn: { 'Fn::GetAtt': [queue, 'Arn'] } }],
      });
      expect(mailer.toJSON().Resources[id].Properties.EventPattern).toEqual(pattern);
    }
    // audit's one and notify's three
    mailer.resourceCountIs('AWS::Events::Rule', 4);
  });
});

describe('a service without events', () => {
  it('has no bus, rule, queue, queue policy, event source mapping, nor permission for EventBridge', () => {
    for (const type of [
      'AWS::Events::EventBus',
      'AWS::Events::Rule',
      'AWS::SQS::Queue',
      'AWS::SQS::QueuePolicy',
      'AWS::Lambda::EventSourceMapping',
    ]) {
      majors.resourceCountIs(type, 0);
    }
    expect(JSON.stringify(majors.toJSON())).not.toMatch(/events\.amazonaws\.com|LAMBDAPORT_EVENT_BUS|events:|sqs:/);
  });
});
