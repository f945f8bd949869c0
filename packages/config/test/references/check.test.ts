/**
 * `calls` and `{ function }` references, checked across the services loaded together (`loadServices`).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ConfigError, isConfigError, loadService, loadServices } from '../../src/index.js';
import { tempService } from '../support/issues.js';

const handlerFile = { 'src/handlers.ts': 'export const handler = async () => 1;\n' };
const h = { handler: 'src/handlers.ts#handler' };

/** A service dir holding a JSON config. */
function serviceWith(config: object): string {
  return tempService({ ...handlerFile, 'lambdaport.config.json': JSON.stringify(config) });
}

const recordsConfig = {
  service: 'records',
  functions: { get: { ...h, version: 2, versions: { 1: h } }, getUrl: h },
};

async function configError(promise: Promise<unknown>): Promise<ConfigError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isConfigError(error)) throw new Error(`expected a ConfigError, got ${String(error)}`);
  return error;
}

describe('calls across the services loaded together', () => {
  it('refuses a function the loaded service does not have, naming the file and key path', async () => {
    const records = serviceWith(recordsConfig);
    const orders = serviceWith({ service: 'orders', functions: { create: { ...h, calls: ['records.gett'] } } });

    const error = await configError(loadServices([records, orders]));

    expect(error.issues).toEqual([
      {
        file: path.join(orders, 'lambdaport.config.json'),
        path: 'functions.create.calls[0]',
        message: 'records.gett is not a function of service records (its functions: get, getUrl)',
      },
    ]);
    expect(error.message).toMatch(
      /lambdaport\.config\.json: functions\.create\.calls\[0\]: records\.gett is not a function of service records \(its functions: get, getUrl\)$/,
    );
  });

  it('refuses a major the function does not serve, and accepts the ones it does', async () => {
    const records = serviceWith(recordsConfig);
    const orders = serviceWith({
      service: 'orders',
      functions: { create: { ...h, calls: ['records.get@v1', 'records.get@v2', 'records.get', 'records.get@v3'] } },
    });

    const error = await configError(loadServices([records, orders]));

    expect(error.issues.map((issue) => `${issue.path}: ${issue.message}`)).toEqual([
      'functions.create.calls[3]: records.get@v3: records.get does not serve major 3 (it serves v1, v2)',
    ]);
  });

  it('leaves a call to a service not loaded here unchecked', async () => {
    const orders = serviceWith({ service: 'orders', functions: { create: { ...h, calls: ['billing.charge@v4'] } } });

    const [service] = await loadServices([orders]);

    expect(service!.functions[0]!.calls).toEqual([
      {
        entry: 'billing.charge@v4',
        friendlyName: 'billing.charge',
        service: 'billing',
        function: 'charge',
        pinned: true,
        major: 4,
        ssmPath: '/lambdaport/dev/billing',
        deployedName: undefined,
        aliasArn: undefined,
      },
    ]);
  });

  it("checks a service's calls of its own functions even when it is loaded alone", async () => {
    const orders = serviceWith({
      service: 'orders',
      functions: { create: { ...h, calls: ['orders.recrod'] }, record: h },
    });

    const error = await configError(loadService(orders));

    expect(error.issues.map((issue) => `${issue.path}: ${issue.message}`)).toEqual([
      'functions.create.calls[0]: orders.recrod is not a function of service orders (its functions: create, record)',
    ]);
  });

  it('checks { function } references too, in older majors as well, and reports every dir at once', async () => {
    const records = serviceWith(recordsConfig);
    const orders = serviceWith({
      service: 'orders',
      functions: {
        create: {
          ...h,
          environment: { GETTER: { function: 'records.fetch' } },
          version: 2,
          versions: { 1: { ...h, environment: { OLD: { function: 'records.gone' } } } },
        },
      },
    });
    const broken = serviceWith({ service: 'broken', functions: { x: { handler: 'src/handlers.ts' } } });

    const error = await configError(loadServices([records, orders, broken]));

    expect(error.issues.map((issue) => path.dirname(issue.file))).toEqual([broken, orders, orders]);
    expect(error.issues.map((issue) => `${issue.path}: ${issue.message}`)).toEqual([
      'functions.x.handler: expected a handler "path/file.ts#export", got "src/handlers.ts"',
      'functions.create.environment.GETTER: records.fetch is not a function of service records (its functions: get, getUrl)',
      'functions.create.versions.1.environment.OLD: records.gone is not a function of service records (its functions: get, getUrl)',
    ]);
  });
});

describe('async destinations across the services loaded together', () => {
  it('refuses a destination naming no function of a loaded service, and resolves a known one to its alias', async () => {
    const records = serviceWith(recordsConfig);
    const orders = serviceWith({
      service: 'orders',
      functions: { create: { ...h, async: { onSuccess: 'records.getUrl', onFailure: 'records.gett' } } },
    });
    const error = await configError(loadServices([records, orders]));
    expect(error.issues.map((issue) => `${issue.path}: ${issue.message}`)).toEqual([
      'functions.create.async.onFailure: records.gett is not a function of service records (its functions: get, getUrl)',
    ]);

    const fine = serviceWith({
      service: 'orders',
      functions: { create: { ...h, async: { maximumRetryAttempts: 1, onFailure: 'records.get@v1' } } },
    });
    const loaded = await loadServices([records, fine]);
    const create = loaded[1]!.functions[0]!;
    expect(create.async).toMatchObject({
      maximumRetryAttempts: 1,
      maximumEventAgeInSeconds: undefined,
      onSuccess: undefined,
      onFailure: {
        entry: 'records.get@v1',
        aliasArn: expect.stringMatching(/:function:dev-records-get-v1-[0-9a-f]{6}:v1$/),
      },
    });
  });
});

describe('subscribe across the services loaded together', () => {
  const ordersConfig = {
    service: 'orders',
    events: { OrderCreated: {} },
    functions: { create: { ...h, publishes: ['OrderCreated'] } },
  };

  it('refuses an event the loaded service does not declare, naming the file, the key path and its events', async () => {
    const orders = serviceWith(ordersConfig);
    const notifications = serviceWith({
      service: 'notifications',
      functions: {
        notify: {
          ...h,
          subscribe: ['orders.OrderCreated', { event: 'orders.Nope', detail: { total: [1] } }, 'orders.Nope'],
        },
      },
    });

    const error = await configError(loadServices([orders, notifications]));

    const file = path.join(notifications, 'lambdaport.config.json');
    expect(error.issues).toEqual([
      {
        file,
        path: 'functions.notify.subscribe[1]',
        message: 'orders.Nope is not an event of service orders (its events: OrderCreated)',
      },
      {
        file,
        path: 'functions.notify.subscribe[2]',
        message: 'orders.Nope is not an event of service orders (its events: OrderCreated)',
      },
    ]);
  });

  it('checks a subscription to its own service, and not one to a service not loaded, nor a pattern', async () => {
    const orders = serviceWith({
      ...ordersConfig,
      functions: { ...ordersConfig.functions, audit: { ...h, subscribe: ['orders.OrderShipped'] } },
    });
    const error = await configError(loadService(orders));
    expect(error.issues.map((issue) => `${issue.path}: ${issue.message}`)).toEqual([
      'functions.audit.subscribe[0]: orders.OrderShipped is not an event of service orders (its events: OrderCreated)',
    ]);

    const alone = serviceWith({
      service: 'notifications',
      functions: { notify: { ...h, subscribe: ['orders.Nope', { pattern: { source: ['orders'] } }] } },
    });
    await expect(loadService(alone)).resolves.toMatchObject({ service: 'notifications' });
  });
});
