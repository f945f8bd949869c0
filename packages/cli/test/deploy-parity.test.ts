/**
 * What `lambdaport dev` serves is what `lambdaport deploy` would create: for the examples (and a service with an
 * older major, a `provided` function and an AWS_IAM Function URL) in one stage, the functions, their settings,
 * aliases, environment variables, SSM names and Function URLs read through the real SDK from the local runtime equal
 * what the synthesized templates declare; and for events (orders publishes, notifications consumes through a queue),
 * the buses, queues with their settings and dead-letter queues, rules with their patterns and targets, and event
 * source mappings read through the EventBridge, SQS and Lambda APIs equal the templates' resources.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  EventBridgeClient,
  ListEventBusesCommand,
  ListRulesCommand,
  ListTargetsByRuleCommand,
} from '@aws-sdk/client-eventbridge';
import {
  GetFunctionUrlConfigCommand,
  LambdaClient,
  ListAliasesCommand,
  ListEventSourceMappingsCommand,
  ListFunctionsCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-lambda';
import { GetQueueAttributesCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { GetParametersByPathCommand, type Parameter, SSMClient } from '@aws-sdk/client-ssm';
import { buildApp, prepareServices } from '@lambdaport/cdk';
import { type LocalRuntime, startLocal } from '@lambdaport/local';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const DIRS = [
  ...['records', 'orders', 'notifications'].map((name) => path.resolve(import.meta.dirname, '../../../examples', name)),
  path.resolve(import.meta.dirname, '../../cdk/test/fixtures/majors'),
];
const STAGE = 'qa';

type Resource = { Type: string; Properties: Record<string, unknown> };
type Resources = Record<string, Resource>;
let work: string;
let local: LocalRuntime;
let lambda: LambdaClient;
let ssm: SSMClient;
let events: EventBridgeClient;
let sqs: SQSClient;
/** Each stack's resources, by logical id (ids repeat across stacks: two services have a `get`). */
let stacks: Resources[];

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'lambdaport-parity-'));
  local = await startLocal({ dirs: DIRS, stage: STAGE, ephemeral: true, prebootSpares: false, log: () => {} });
  const client = {
    endpoint: local.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  };
  lambda = new LambdaClient(client);
  ssm = new SSMClient(client);
  events = new EventBridgeClient(client);
  sqs = new SQSClient(client);
  const services = await prepareServices(DIRS, {
    stage: STAGE,
    bundleDir: (service) => path.join(work, 'bundles', service.service),
  });
  const app = buildApp(services, { outdir: path.join(work, 'cdk.out'), validation: false });
  stacks = app.node.children
    .filter((child): child is Stack => child instanceof Stack)
    .map((stack) => (Template.fromStack(stack).toJSON() as { Resources: Resources }).Resources);
}, 120_000);
afterAll(async () => {
  lambda?.destroy();
  ssm?.destroy();
  events?.destroy();
  sqs?.destroy();
  await local?.stop();
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

/** Every resource of `type`, with its logical id and the resources of its stack (to follow its references). */
const ofType = (type: string) =>
  stacks.flatMap((resources) =>
    Object.entries(resources)
      .filter(([, r]) => r.Type === type)
      .map(([id, r]) => ({ id, r, resources })),
  );

/** The deployed name (`:<alias>` for an alias) a template value points at: `GetAtt [fn, Arn]` or `Ref alias`. */
function pointsAt(value: unknown, resources: Resources): string {
  const ref = value as { 'Fn::GetAtt'?: [string, string]; Ref?: string };
  if (ref['Fn::GetAtt'] !== undefined) return resources[ref['Fn::GetAtt'][0]]!.Properties.FunctionName as string;
  const alias = resources[ref.Ref!]!;
  expect(alias.Type).toBe('AWS::Lambda::Alias');
  const fn = (alias.Properties.FunctionName as { Ref: string }).Ref;
  return `${pointsAt({ 'Fn::GetAtt': [fn, 'Arn'] }, resources)}:${alias.Properties.Name as string}`;
}

/** A template value as the string it becomes: a table's or a bus's `Ref` is its name; a queue's `Arn` names it. */
function plain(value: unknown, resources: Resources): unknown {
  const ref = value as { Ref?: string; 'Fn::GetAtt'?: [string, string] };
  if (typeof value !== 'object' || value === null) return value;
  if (ref.Ref !== undefined) {
    const properties = resources[ref.Ref]!.Properties;
    return properties.TableName ?? properties.Name;
  }
  if (ref['Fn::GetAtt'] !== undefined)
    return `queue ${resources[ref['Fn::GetAtt'][0]]!.Properties.QueueName as string}`;
  return value;
}

const listFunctions = async () => (await lambda.send(new ListFunctionsCommand({}))).Functions ?? [];

describe(`lambdaport dev and the synthesized stacks, stage ${STAGE}`, () => {
  it('have the same functions (one per major), with the same runtime, memory, timeout and description', async () => {
    const served = (await listFunctions())
      .map((f) => [f.FunctionName, f.Runtime, f.MemorySize, f.Timeout, f.Description])
      .sort();
    const declared = ofType('AWS::Lambda::Function')
      .map(({ r }) => [
        r.Properties.FunctionName,
        r.Properties.Runtime,
        r.Properties.MemorySize,
        r.Properties.Timeout,
        r.Properties.Description,
      ])
      .sort();
    // records: get, getUrl; orders: create, record, get; notifications: notify, get; majors: get (v2), get v1, native
    expect(served).toHaveLength(10);
    expect(declared).toEqual(served);
  });

  it('have the same aliases, each on the same function', async () => {
    const served: string[] = [];
    for (const fn of await listFunctions()) {
      const aliases = (await lambda.send(new ListAliasesCommand({ FunctionName: fn.FunctionName }))).Aliases ?? [];
      served.push(...aliases.map((a) => `${fn.FunctionName}:${a.Name}`));
    }
    const declared = ofType('AWS::Lambda::Alias').map(({ id, resources }) => pointsAt({ Ref: id }, resources));
    expect(served.some((a) => /^qa-majors-get-v1-[0-9a-f]{6}:v1$/.test(a))).toBe(true);
    expect(declared.sort()).toEqual(served.sort());
  });

  it('have the same environment variables with the same stage-correct values', async () => {
    // the local runtime sets LAMBDAPORT_STAGE in each environment it starts and does not list it; the template
    // declares it
    const served = Object.fromEntries(
      (await listFunctions()).map((f) => [f.FunctionName, { ...f.Environment?.Variables, LAMBDAPORT_STAGE: STAGE }]),
    );
    const declared = Object.fromEntries(
      ofType('AWS::Lambda::Function').map(({ r, resources }) => {
        const variables = (r.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
        return [
          r.Properties.FunctionName,
          Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, plain(v, resources)])),
        ];
      }),
    );
    expect(declared).toEqual(served);
    const values = Object.values(declared).flatMap((v) => Object.values(v as Record<string, unknown>));
    expect(values).toContain('qa-records-records');
    expect(values).toContain('qa-orders-orders');
  });

  it('have the same SSM names, each naming the same function or alias', async () => {
    const params: Parameter[] = [];
    let NextToken: string | undefined;
    do {
      const page = await ssm.send(
        new GetParametersByPathCommand({ Path: `/lambdaport/${STAGE}`, Recursive: true, NextToken }),
      );
      params.push(...(page.Parameters ?? []));
      NextToken = page.NextToken;
    } while (NextToken !== undefined);
    const served = Object.fromEntries(params.map((p) => [p.Name, p.Value!.split(':function:')[1]]));
    const declared = Object.fromEntries(
      ofType('AWS::SSM::Parameter').map(({ r, resources }) => [
        r.Properties.Name,
        pointsAt(r.Properties.Value, resources),
      ]),
    );
    // a name and a /v<N> name per function, and one more /v<N> per older major
    expect(Object.keys(served)).toHaveLength(19);
    expect(declared).toEqual(served);
  });

  it('have the same Function URLs, with the same auth type', async () => {
    const served: string[] = [];
    for (const fn of await listFunctions()) {
      try {
        const url = await lambda.send(new GetFunctionUrlConfigCommand({ FunctionName: fn.FunctionName }));
        served.push(`${fn.FunctionName} ${url.AuthType}`);
      } catch (error) {
        if (!(error instanceof ResourceNotFoundException)) throw error;
      }
    }
    const declared = ofType('AWS::Lambda::Url').map(
      ({ r, resources }) => `${pointsAt(r.Properties.TargetFunctionArn, resources)} ${r.Properties.AuthType}`,
    );
    expect(served).toHaveLength(2);
    expect(declared.sort()).toEqual(served.sort());
  });

  it('have the same buses, queues (settings, dead-letter queues), rules (bus, pattern, target) and event source mappings', async () => {
    const buses = ((await events.send(new ListEventBusesCommand({}))).EventBuses ?? [])
      .map((b) => b.Name)
      .filter((name) => name !== 'default');
    expect(buses).toEqual(['qa-orders']);
    expect(ofType('AWS::Events::EventBus').map(({ r }) => r.Properties.Name)).toEqual(buses);

    const queues: Record<string, unknown>[] = [];
    for (const url of (await sqs.send(new ListQueuesCommand({}))).QueueUrls ?? []) {
      const { Attributes: a = {} } = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }),
      );
      const redrive = a.RedrivePolicy === undefined ? undefined : JSON.parse(a.RedrivePolicy);
      queues.push({
        name: url.slice(url.lastIndexOf('/') + 1),
        visibilityTimeout: Number(a.VisibilityTimeout),
        deadLetter: redrive && `queue ${String(redrive.deadLetterTargetArn).split(':').pop()}`,
        maxReceiveCount: redrive && Number(redrive.maxReceiveCount),
      });
    }
    const declaredQueues = ofType('AWS::SQS::Queue').map(({ r, resources }) => {
      const redrive = r.Properties.RedrivePolicy as
        | { deadLetterTargetArn: unknown; maxReceiveCount: number }
        | undefined;
      return {
        name: r.Properties.QueueName,
        // SQS's default when the template leaves it out
        visibilityTimeout: (r.Properties.VisibilityTimeout as number | undefined) ?? 30,
        deadLetter: redrive && plain(redrive.deadLetterTargetArn, resources),
        maxReceiveCount: redrive && Number(redrive.maxReceiveCount),
      };
    });
    expect(queues.map((q) => q.name).sort()).toEqual(['qa-notifications-notify', 'qa-notifications-notify-dlq']);
    expect(declaredQueues.sort((a, b) => String(a.name).localeCompare(String(b.name)))).toEqual(
      queues.sort((a, b) => String(a.name).localeCompare(String(b.name))),
    );

    const rules: Record<string, unknown>[] = [];
    for (const bus of ['qa-orders', 'default']) {
      for (const rule of (await events.send(new ListRulesCommand({ EventBusName: bus }))).Rules ?? []) {
        const targets =
          (await events.send(new ListTargetsByRuleCommand({ Rule: rule.Name, EventBusName: bus }))).Targets ?? [];
        rules.push({
          name: rule.Name,
          bus,
          pattern: JSON.parse(rule.EventPattern ?? '{}'),
          targets: targets.map((t) => `queue ${String(t.Arn).split(':').pop()}`),
        });
      }
    }
    const declaredRules = ofType('AWS::Events::Rule').map(({ r, resources }) => ({
      name: r.Properties.Name,
      bus: plain(r.Properties.EventBusName, resources),
      pattern: r.Properties.EventPattern,
      targets: (r.Properties.Targets as { Arn: unknown }[]).map((t) => plain(t.Arn, resources)),
    }));
    expect(rules).toEqual([
      {
        name: 'qa-notifications-notify-0',
        bus: 'qa-orders',
        pattern: { source: ['orders'], 'detail-type': ['OrderCreated'] },
        targets: ['queue qa-notifications-notify'],
      },
    ]);
    expect(declaredRules).toEqual(rules);

    const mappings = ((await lambda.send(new ListEventSourceMappingsCommand({}))).EventSourceMappings ?? []).map(
      (m) => ({
        queue: `queue ${String(m.EventSourceArn).split(':').pop()}`,
        function: String(m.FunctionArn).split(':function:')[1],
        batchSize: m.BatchSize,
        window: m.MaximumBatchingWindowInSeconds ?? 0,
        responseTypes: m.FunctionResponseTypes,
      }),
    );
    const declaredMappings = ofType('AWS::Lambda::EventSourceMapping').map(({ r, resources }) => ({
      queue: plain(r.Properties.EventSourceArn, resources),
      function: pointsAt(r.Properties.FunctionName, resources),
      batchSize: r.Properties.BatchSize,
      window: r.Properties.MaximumBatchingWindowInSeconds ?? 0,
      responseTypes: r.Properties.FunctionResponseTypes,
    }));
    expect(mappings).toHaveLength(1);
    expect(mappings[0]).toMatchObject({ batchSize: 10, window: 1, responseTypes: ['ReportBatchItemFailures'] });
    expect(declaredMappings).toEqual(mappings);
  });
});
