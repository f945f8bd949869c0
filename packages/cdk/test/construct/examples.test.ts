/**
 * The examples' stacks, resource by resource: one synth shared by every assertion.
 */
import { resolveLambdaRuntime } from '@lambdaport/config';
import type { Template } from 'aws-cdk-lib/assertions';
import { deployedName } from 'lambdaport/names';
import { beforeAll, describe, expect, it } from 'vitest';
import { arn, prepareExamples, templates } from '../support/examples.js';
import { logicalId, statementsOf } from '../support/template.js';

let records: Template;
let orders: Template;
beforeAll(async () => {
  const byService = templates(await prepareExamples('dev'));
  records = byService.get('records')!;
  orders = byService.get('orders')!;
}, 120_000);

const RUNTIME = resolveLambdaRuntime('nodejs'); // the examples leave `runtime` at its default
const GET = deployedName('dev', 'records', 'get');
const GET_URL = deployedName('dev', 'records', 'getUrl');
const CREATE = deployedName('dev', 'orders', 'create');
const RECORD = deployedName('dev', 'orders', 'record');
const ORDERS_GET = deployedName('dev', 'orders', 'get');
const logs = (name: string) => ({
  Sid: 'Logs',
  Effect: 'Allow',
  Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
  Resource: arn('logs', `log-group:/aws/lambda/${name}:*`),
});
const READ = [
  'dynamodb:BatchGetItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
  'dynamodb:GetItem',
  'dynamodb:Query',
  'dynamodb:Scan',
];
const tableRead = (sid: string, table: string, actions = READ) => ({
  Sid: sid,
  Effect: 'Allow',
  Action: actions,
  Resource: [arn('dynamodb', `table/${table}`), arn('dynamodb', `table/${table}/index/*`)],
});

describe('the records stack', () => {
  it('has one function per config function: its deployed name, runtime, handler export, settings and variables', () => {
    records.resourceCountIs('AWS::Lambda::Function', 2);
    const table = logicalId(records, 'AWS::DynamoDB::Table', { TableName: 'dev-records-records' });
    records.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: GET,
      Runtime: RUNTIME,
      Handler: 'index.handler',
      MemorySize: 256,
      Timeout: 3,
      Description: 'records.get over the Invoke API',
      Environment: { Variables: { RECORDS_TABLE: { Ref: table }, LAMBDAPORT_STAGE: 'dev' } },
      LoggingConfig: {
        LogGroup: { Ref: logicalId(records, 'AWS::Logs::LogGroup', { LogGroupName: `/aws/lambda/${GET}` }) },
      },
    });
    records.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: GET_URL,
      Runtime: RUNTIME,
      Handler: 'index.urlHandler',
      MemorySize: 128,
      Timeout: 3,
      Environment: { Variables: { RECORDS_TABLE: { Ref: table }, LAMBDAPORT_STAGE: 'dev' } },
    });
    // no reserved concurrency in the config, none in the template
    expect(JSON.stringify(records.toJSON())).not.toContain('ReservedConcurrentExecutions');
  });

  it('publishes a version of each function and points its alias v1 at it', () => {
    for (const name of [GET, GET_URL]) {
      const fn = logicalId(records, 'AWS::Lambda::Function', { FunctionName: name });
      const version = logicalId(records, 'AWS::Lambda::Version', { FunctionName: { Ref: fn } });
      records.hasResourceProperties('AWS::Lambda::Alias', {
        Name: 'v1',
        FunctionName: { Ref: fn },
        FunctionVersion: { 'Fn::GetAtt': [version, 'Version'] },
      });
    }
    records.resourceCountIs('AWS::Lambda::Alias', 2);
  });

  it('gives getUrl, and only getUrl, a Function URL with its auth type', () => {
    records.resourceCountIs('AWS::Lambda::Url', 1);
    records.hasResourceProperties('AWS::Lambda::Url', {
      AuthType: 'NONE',
      TargetFunctionArn: {
        'Fn::GetAtt': [logicalId(records, 'AWS::Lambda::Function', { FunctionName: GET_URL }), 'Arn'],
      },
    });
  });

  it('creates its table on demand, with point-in-time recovery, retained when the stack is deleted', () => {
    records.resourceCountIs('AWS::DynamoDB::Table', 1);
    records.hasResource('AWS::DynamoDB::Table', {
      Properties: {
        TableName: 'dev-records-records',
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  it('writes the SSM names the typed client reads: each function ARN, and each alias ARN under /v1', () => {
    records.resourceCountIs('AWS::SSM::Parameter', 4);
    for (const [fn, name] of [
      ['get', GET],
      ['getUrl', GET_URL],
    ] as const) {
      const id = logicalId(records, 'AWS::Lambda::Function', { FunctionName: name });
      records.hasResourceProperties('AWS::SSM::Parameter', {
        Name: `/lambdaport/dev/records/${fn}`,
        Type: 'String',
        Value: { 'Fn::GetAtt': [id, 'Arn'] },
      });
      const alias = logicalId(records, 'AWS::Lambda::Alias', { FunctionName: { Ref: id } });
      records.hasResourceProperties('AWS::SSM::Parameter', {
        Name: `/lambdaport/dev/records/${fn}/v1`,
        Value: { Ref: alias },
      });
    }
  });

  it("gives each function its own role, whose only policy is the generator's: its log group and read on its table, no Invoke", () => {
    records.resourceCountIs('AWS::IAM::Role', 2);
    records.resourceCountIs('AWS::IAM::Policy', 0);
    for (const name of [GET, GET_URL]) {
      expect(statementsOf(records, name)).toEqual([logs(name), tableRead('TableReadRecords', 'dev-records-records')]);
    }
    records.allResourcesProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } }],
        Version: '2012-10-17',
      },
    });
  });

  it('creates each log group with its retention', () => {
    records.resourceCountIs('AWS::Logs::LogGroup', 2);
    for (const name of [GET, GET_URL]) {
      records.hasResourceProperties('AWS::Logs::LogGroup', {
        LogGroupName: `/aws/lambda/${name}`,
        RetentionInDays: 30,
      });
    }
  });
});

describe('the orders stack', () => {
  it('has its three functions with their settings and the stage-correct table name', () => {
    orders.resourceCountIs('AWS::Lambda::Function', 3);
    const table = logicalId(orders, 'AWS::DynamoDB::Table', { TableName: 'dev-orders-orders' });
    orders.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: CREATE,
      Runtime: RUNTIME,
      Handler: 'index.create',
      Timeout: 6,
      MemorySize: 128,
      Environment: { Variables: { LAMBDAPORT_STAGE: 'dev' } },
    });
    for (const [name, handler] of [
      [RECORD, 'index.record'],
      [ORDERS_GET, 'index.get'],
    ]) {
      orders.hasResourceProperties('AWS::Lambda::Function', {
        FunctionName: name,
        Handler: handler,
        Timeout: 3,
        Environment: { Variables: { ORDERS_TABLE: { Ref: table }, LAMBDAPORT_STAGE: 'dev' } },
      });
    }
    orders.resourceCountIs('AWS::Lambda::Alias', 3);
    orders.resourceCountIs('AWS::Lambda::Url', 0);
    orders.resourceCountIs('AWS::SSM::Parameter', 6);
  });

  it("lets create invoke records.get's v1 alias and orders.record's, read their SSM paths, publish on its service's bus, and nothing else", () => {
    expect(statementsOf(orders, CREATE)).toEqual([
      logs(CREATE),
      {
        Sid: 'InvokeRecordsGetV1',
        Effect: 'Allow',
        Action: 'lambda:InvokeFunction',
        Resource: arn('lambda', `function:${GET}:v1`),
      },
      {
        Sid: 'InvokeOrdersRecordV1',
        Effect: 'Allow',
        Action: 'lambda:InvokeFunction',
        Resource: arn('lambda', `function:${RECORD}:v1`),
      },
      {
        Sid: 'RegistryRecords',
        Effect: 'Allow',
        Action: 'ssm:GetParametersByPath',
        Resource: arn('ssm', 'parameter/lambdaport/dev/records'),
      },
      {
        Sid: 'RegistryOrders',
        Effect: 'Allow',
        Action: 'ssm:GetParametersByPath',
        Resource: arn('ssm', 'parameter/lambdaport/dev/orders'),
      },
      {
        Sid: 'PublishEvents',
        Effect: 'Allow',
        Action: 'events:PutEvents',
        Resource: arn('events', 'event-bus/dev-orders'),
      },
    ]);
  });

  it('lets record read and write the orders table and its idempotency records, get only read orders, and neither invoke anything', () => {
    const readWrite = [
      ...READ,
      'dynamodb:BatchWriteItem',
      'dynamodb:DeleteItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
    ];
    expect(statementsOf(orders, RECORD)).toEqual([
      logs(RECORD),
      tableRead('TableReadWriteOrders', 'dev-orders-orders', readWrite),
      tableRead('TableReadWriteIdempotency', 'dev-orders-idempotency', readWrite),
    ]);
    expect(statementsOf(orders, ORDERS_GET)).toEqual([
      logs(ORDERS_GET),
      tableRead('TableReadOrders', 'dev-orders-orders'),
    ]);
  });
});
