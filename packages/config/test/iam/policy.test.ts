import { deployedName, olderMajorDeployedName } from 'lambdaport/names';
import { afterEach, describe, expect, it } from 'vitest';
import {
  functionPolicy,
  isConfigError,
  type LoadedService,
  loadServices,
  type PolicyStatement,
  servicePolicies,
  TABLE_READ_ACTIONS,
} from '../../src/index.js';
import { serviceDir } from '../support/service-dir.js';

const TARGET = { region: 'eu-west-1', accountId: '123456789012' } as const;
const handlers = { 'src/handlers.ts': 'export const handler = async () => 1;\n' };
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** Loads services from JSON configs (one temporary dir each), together. */
async function load(...configs: object[]): Promise<LoadedService[]> {
  const dirs = configs.map((config) => {
    const created = serviceDir({ ...handlers, 'lambdaport.config.json': JSON.stringify(config) });
    cleanups.push(created.remove);
    return created.dir;
  });
  return loadServices(dirs);
}

const fn = { handler: 'src/handlers.ts#handler' };
const lambda = (name: string, alias: string) => `arn:aws:lambda:eu-west-1:123456789012:function:${name}:${alias}`;
const logs = (name: string) => `arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/${name}:*`;
const table = (name: string) => `arn:aws:dynamodb:eu-west-1:123456789012:table/${name}`;
const ssm = (path: string) => `arn:aws:ssm:eu-west-1:123456789012:parameter${path}`;
const logStatement = (name: string): PolicyStatement => ({
  Sid: 'Logs',
  Effect: 'Allow',
  Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
  Resource: [logs(name)],
});

describe('the policy generator', () => {
  it('gives a function with no calls and no tables its own log group and nothing else', async () => {
    const [service] = await load({ service: 'records', functions: { get: fn } });
    const policy = functionPolicy(service!.functions[0]!, TARGET);
    const name = deployedName('dev', 'records', 'get');
    expect(policy.document).toEqual({ Version: '2012-10-17', Statement: [logStatement(name)] });
    expect(policy.origins).toEqual({ Logs: { grant: 'its own log group', paths: ['functions.get'] } });
    expect(policy).toMatchObject({
      friendlyName: 'records.get',
      keyPath: 'functions.get',
      major: 1,
      deployedName: name,
    });
    expect(policy.configFile).toBe(service!.configFile);
  });

  it('allows Invoke on exactly the alias of each call (pinned or current) and GetParametersByPath on each callee service', async () => {
    const [records, orders] = await load(
      {
        service: 'records',
        functions: { get: { ...fn, version: 2, versions: { 1: { handler: 'src/handlers.ts#handler' } } }, list: fn },
      },
      {
        service: 'orders',
        functions: { create: { ...fn, calls: ['records.get@v1', 'records.get', 'orders.record'] }, record: fn },
      },
    );
    const create = orders!.functions[0]!;
    const policy = functionPolicy(create, TARGET);
    expect(policy.document.Statement).toEqual([
      logStatement(create.deployedName),
      {
        Sid: 'InvokeRecordsGetV1',
        Effect: 'Allow',
        Action: ['lambda:InvokeFunction'],
        Resource: [lambda(olderMajorDeployedName('dev', 'records', 'get', 1), 'v1')],
      },
      {
        Sid: 'InvokeRecordsGetV2',
        Effect: 'Allow',
        Action: ['lambda:InvokeFunction'],
        Resource: [lambda(deployedName('dev', 'records', 'get'), 'v2')],
      },
      {
        Sid: 'InvokeOrdersRecordV1',
        Effect: 'Allow',
        Action: ['lambda:InvokeFunction'],
        Resource: [lambda(deployedName('dev', 'orders', 'record'), 'v1')],
      },
      {
        Sid: 'RegistryRecords',
        Effect: 'Allow',
        Action: ['ssm:GetParametersByPath'],
        Resource: [ssm('/lambdaport/dev/records')],
      },
      {
        Sid: 'RegistryOrders',
        Effect: 'Allow',
        Action: ['ssm:GetParametersByPath'],
        Resource: [ssm('/lambdaport/dev/orders')],
      },
    ]);
    expect(policy.origins.InvokeRecordsGetV1).toEqual({
      grant: 'calls records.get@v1',
      paths: ['functions.create.calls[0]'],
    });
    expect(policy.origins.RegistryRecords?.paths).toEqual(['functions.create.calls[0]', 'functions.create.calls[1]']);
    // records' functions may invoke nothing
    for (const p of servicePolicies(records!, TARGET)) {
      expect(p.document.Statement.flatMap((s) => s.Action)).not.toContain('lambda:InvokeFunction');
    }
  });

  it('merges two entries naming one alias into one statement with both key paths', async () => {
    const [, orders] = await load(
      { service: 'records', functions: { get: fn } },
      { service: 'orders', functions: { create: { ...fn, calls: ['records.get', 'records.get@v1'] } } },
    );
    const policy = functionPolicy(orders!.functions[0]!, TARGET);
    expect(policy.document.Statement.map((s) => s.Sid)).toEqual(['Logs', 'InvokeRecordsGetV1', 'RegistryRecords']);
    expect(policy.origins.InvokeRecordsGetV1?.paths).toEqual([
      'functions.create.calls[0]',
      'functions.create.calls[1]',
    ]);
  });

  it('grants the declared access to each table and its indexes: read, or read and write', async () => {
    const [service] = await load({
      service: 'orders',
      functions: {
        get: { ...fn, tables: { orders: 'read' } },
        record: { ...fn, tables: { orders: 'read-write', audit: 'read' } },
      },
      tables: {
        orders: { partitionKey: { name: 'id', type: 'S' } },
        audit: { partitionKey: { name: 'id', type: 'S' } },
      },
    });
    const [get, record] = servicePolicies(service!, TARGET);
    expect(get!.document.Statement[1]).toEqual({
      Sid: 'TableReadOrders',
      Effect: 'Allow',
      Action: [
        'dynamodb:BatchGetItem',
        'dynamodb:ConditionCheckItem',
        'dynamodb:DescribeTable',
        'dynamodb:GetItem',
        'dynamodb:Query',
        'dynamodb:Scan',
      ],
      Resource: [table('dev-orders-orders'), `${table('dev-orders-orders')}/index/*`],
    });
    expect(get!.origins.TableReadOrders).toEqual({
      grant: 'tables.orders: read',
      paths: ['functions.get.tables.orders'],
    });
    expect(record!.document.Statement.slice(1)).toEqual([
      {
        Sid: 'TableReadWriteOrders',
        Effect: 'Allow',
        Action: [
          ...TABLE_READ_ACTIONS,
          'dynamodb:BatchWriteItem',
          'dynamodb:DeleteItem',
          'dynamodb:PutItem',
          'dynamodb:UpdateItem',
        ],
        Resource: [table('dev-orders-orders'), `${table('dev-orders-orders')}/index/*`],
      },
      {
        Sid: 'TableReadAudit',
        Effect: 'Allow',
        Action: TABLE_READ_ACTIONS,
        Resource: [table('dev-orders-audit'), `${table('dev-orders-audit')}/index/*`],
      },
    ]);
    // a function without `tables` gets no DynamoDB action at all
    const [none] = await load({
      service: 'plain',
      functions: { get: fn },
      tables: { t1: { partitionKey: { name: 'id', type: 'S' } } },
    });
    expect(JSON.stringify(servicePolicies(none!, TARGET))).not.toContain('dynamodb:');
  });

  it("gives an older major's function the function's calls and tables, and its own log group", async () => {
    const [service] = await load({
      service: 'records',
      functions: {
        get: { ...fn, version: 2, versions: { 1: { handler: 'src/handlers.ts#handler' } }, tables: { t: 'read' } },
      },
      tables: { t: { partitionKey: { name: 'id', type: 'S' } } },
    });
    const [current, older] = servicePolicies(service!, TARGET);
    expect(older!.major).toBe(1);
    expect(older!.deployedName).toBe(olderMajorDeployedName('dev', 'records', 'get', 1));
    expect(older!.document.Statement[0]).toEqual(logStatement(older!.deployedName));
    expect(older!.document.Statement.slice(1)).toEqual(current!.document.Statement.slice(1));
  });

  it('names resources in the stage, and in the partition, region and account given (placeholders such as CDK tokens pass through)', async () => {
    const created = serviceDir({
      ...handlers,
      'lambdaport.config.json': JSON.stringify({
        service: 'records',
        functions: { get: { ...fn, calls: ['records.list'], tables: { t: 'read' } }, list: fn },
        tables: { t: { partitionKey: { name: 'id', type: 'S' } } },
      }),
    });
    cleanups.push(created.remove);
    const [service] = await loadServices([created.dir], { stage: 'qa' });
    const target = {
      partition: '«partition»',
      region: '«region»',
      accountId: '«account»',
    };
    const resources = functionPolicy(service!.functions[0]!, target).document.Statement.flatMap((s) => s.Resource);
    const at = '«partition»:{service}:«region»:«account»';
    const arn = (svc: string, rest: string) => `arn:${at.replace('{service}', svc)}:${rest}`;
    expect(resources).toEqual([
      arn('logs', `log-group:/aws/lambda/${deployedName('qa', 'records', 'get')}:*`),
      arn('lambda', `function:${deployedName('qa', 'records', 'list')}:v1`),
      arn('ssm', 'parameter/lambdaport/qa/records'),
      arn('dynamodb', 'table/qa-records-t'),
      arn('dynamodb', 'table/qa-records-t/index/*'),
    ]);
  });

  it('never names a bare * resource, and no lambda, ssm or dynamodb statement has a wildcard outside index/*', async () => {
    const [records, orders] = await load(
      {
        service: 'records',
        functions: { get: { ...fn, tables: { r: 'read-write' } } },
        tables: { r: { partitionKey: { name: 'id', type: 'S' } } },
      },
      { service: 'orders', functions: { create: { ...fn, calls: ['records.get', 'orders.get'] }, get: fn } },
    );
    const statements = [...servicePolicies(records!, TARGET), ...servicePolicies(orders!, TARGET)].flatMap(
      (p) => p.document.Statement,
    );
    for (const statement of statements) {
      expect(statement.Resource).not.toContain('*');
      expect(statement.Action.some((a) => a.includes('*'))).toBe(false);
      const service = statement.Action[0]!.split(':')[0];
      if (service === 'logs') continue;
      for (const resource of statement.Resource) expect(resource.replace(/\/index\/\*$/, '')).not.toContain('*');
    }
  });

  it('gives statements ids of letters and digits, unique within a policy even when names fold together', async () => {
    const services = await load(
      { service: 'caller', functions: { go: { ...fn, calls: ['my-svc.get-url', 'my-svc.getUrl'] } } },
      { service: 'my-svc', functions: { 'get-url': fn, getUrl: fn } },
    );
    const sids = functionPolicy(services[0]!.functions[0]!, TARGET).document.Statement.map((s) => s.Sid);
    expect(sids).toEqual(['Logs', 'InvokeMySvcGetUrlV1', 'InvokeMySvcGetUrlV1N2', 'RegistryMySvc']);
    for (const sid of sids) expect(sid).toMatch(/^[A-Za-z0-9]+$/);
  });

  it('refuses a call whose service was not given, naming the file and key path', async () => {
    const [orders] = await load({
      service: 'orders',
      functions: { create: { ...fn, calls: ['orders.get', 'records.get@v1'] }, get: fn },
    });
    let error: unknown;
    try {
      servicePolicies(orders!, TARGET);
    } catch (caught) {
      error = caught;
    }
    if (!isConfigError(error)) throw new Error(`expected a ConfigError, got ${String(error)}`);
    expect(error.issues).toEqual([
      {
        file: orders!.configFile,
        path: 'functions.create.calls[1]',
        message:
          'records.get@v1: service records is not among the services given, so the alias its policy must name is unknown; give its dir too (--dir)',
      },
    ]);
    expect(() => functionPolicy(orders!.functions[1]!, TARGET)).not.toThrow();
  });
});

describe('the policy generator: events', () => {
  const orders = {
    service: 'orders',
    events: { OrderCreated: {}, OrderShipped: {} },
    functions: {
      create: { ...fn, publishes: ['OrderCreated', 'OrderShipped'], version: 2, versions: { 1: fn } },
      notify: { ...fn, subscribe: ['orders.OrderCreated'], queue: {} },
      audit: { ...fn, subscribe: ['orders.OrderShipped'] },
    },
  };

  it('allows PutEvents on its service bus only to a publisher, one statement naming every publishes entry', async () => {
    const [service] = await load(orders);
    const [create, createV1] = service!.functions;

    const policy = functionPolicy(create!, TARGET);

    expect(policy.document.Statement).toEqual([
      logStatement(create!.deployedName),
      {
        Sid: 'PublishEvents',
        Effect: 'Allow',
        Action: ['events:PutEvents'],
        Resource: ['arn:aws:events:eu-west-1:123456789012:event-bus/dev-orders'],
      },
    ]);
    expect(policy.origins.PublishEvents).toEqual({
      grant: 'publishes OrderCreated, OrderShipped',
      paths: ['functions.create.publishes[0]', 'functions.create.publishes[1]'],
    });
    // the older major publishes nothing
    expect(createV1!.major).toBe(1);
    expect(functionPolicy(createV1!, TARGET).document.Statement.map((s) => s.Sid)).toEqual(['Logs']);
  });

  it('allows the queue consumer actions on its own queue only, and nothing for a subscription without a queue', async () => {
    const [service] = await load(orders);
    const notify = service!.functions.find((f) => f.name === 'notify')!;
    const audit = service!.functions.find((f) => f.name === 'audit')!;

    const policy = functionPolicy(notify, TARGET);

    expect(policy.document.Statement).toEqual([
      logStatement(notify.deployedName),
      {
        Sid: 'ConsumeQueue',
        Effect: 'Allow',
        Action: ['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'],
        Resource: ['arn:aws:sqs:eu-west-1:123456789012:dev-orders-notify'],
      },
    ]);
    expect(policy.origins.ConsumeQueue).toEqual({ grant: 'queue', paths: ['functions.notify.queue'] });
    expect(functionPolicy(audit, TARGET).document.Statement.map((s) => s.Sid)).toEqual(['Logs']);
  });

  it('names ARNs in the partition of the target', async () => {
    const [service] = await load(orders);
    const statements = servicePolicies(service!, { ...TARGET, partition: 'aws-cn' }).flatMap(
      (policy) => policy.document.Statement,
    );

    const resources = statements.filter((s) => s.Sid !== 'Logs').flatMap((s) => s.Resource);
    expect(resources).toEqual([
      'arn:aws-cn:events:eu-west-1:123456789012:event-bus/dev-orders',
      'arn:aws-cn:sqs:eu-west-1:123456789012:dev-orders-notify',
    ]);
  });
});
