import { SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../../../test-support/async.js';
import {
  envOverrides,
  FunctionNotRegisteredError,
  RegistryUnavailableError,
  ssmRegistry,
  staticRegistry,
} from '../../src/registry/index.js';
import { startTestSsm, type TestSsm } from './ssm-server.js';

const ARN = 'arn:aws:lambda:us-east-1:000000000000:function:dev-records-get-abc123';

describe('ssmRegistry', () => {
  let ssm: TestSsm;
  beforeAll(async () => {
    ssm = await startTestSsm();
    await ssm.put('/lambdaport/dev/records/get', ARN);
    await ssm.put('/lambdaport/dev/records/get/v2', `${ARN}:v2`);
    // More than one page of GetParametersByPath (10 per page).
    for (let i = 0; i < 23; i++) await ssm.put(`/lambdaport/dev/bulk/fn${i}`, `${ARN}-${i}`);
  });
  afterAll(() => ssm.close());

  it('resolves a name to its ARN with the alias of the version as qualifier', async () => {
    const registry = ssmRegistry({ ssm: ssm.client() });

    const target = await registry.resolve('records.get', 1);

    expect(target).toMatchObject({ functionName: ARN, qualifier: 'v1', source: 'ssm' });
    expect(target.parameter).toBe('/lambdaport/dev/records/get');
  });

  it('prefers an alias parameter, invoked as is', async () => {
    const registry = ssmRegistry({ ssm: ssm.client() });

    const target = await registry.resolve('records.get', 2);

    expect(target).toMatchObject({ functionName: `${ARN}:v2`, qualifier: undefined });
    expect(target.parameter).toBe('/lambdaport/dev/records/get/v2');
  });

  it('loads a whole path across pages and then makes no SSM request in steady state', async () => {
    const registry = ssmRegistry({ ssm: ssm.client() });
    const before = ssm.byPathRequests;

    await registry.resolve('bulk.fn0', 1);
    const afterFirst = ssm.byPathRequests;
    for (let i = 0; i < 23; i++) await registry.resolve(`bulk.fn${i}`, 1);
    for (let i = 0; i < 100; i++) await registry.resolve('bulk.fn7', 1);

    expect(afterFirst - before).toBe(3); // 23 parameters: 3 pages, one load
    expect(ssm.byPathRequests).toBe(afterFirst);
    expect((await registry.resolve('bulk.fn22', 1)).functionName).toBe(`${ARN}-22`);
  });

  it('names the parameter it looked up when a name is unknown', async () => {
    const registry = ssmRegistry({ ssm: ssm.client() });

    const error = await Promise.resolve()
      .then(() => registry.resolve('records.nope', 1))
      .catch((e: unknown) => e);

    expect(FunctionNotRegisteredError.is(error)).toBe(true);
    expect((error as FunctionNotRegisteredError).parameter).toBe('/lambdaport/dev/records/nope');
    expect((error as Error).message).toContain('/lambdaport/dev/records/nope');
    expect((error as Error).message).toContain('records.nope');
  });

  it('finds a function registered after the path was loaded (reload on a miss, rate limited)', async () => {
    const registry = ssmRegistry({ ssm: ssm.client(), missRefreshMs: 0 });
    await registry.resolve('records.get', 1);
    await ssm.put('/lambdaport/dev/records/late', `${ARN}-late`);

    const target = await registry.resolve('records.late', 1);

    expect(target.functionName).toBe(`${ARN}-late`);
  });

  it('fails with RegistryUnavailableError naming the path when SSM is unreachable and nothing is cached', async () => {
    const registry = ssmRegistry({
      ssm: new SSMClient({ endpoint: 'http://127.0.0.1:9', region: 'us-east-1', maxAttempts: 1 }),
    });

    const error = await Promise.resolve()
      .then(() => registry.resolve('records.get', 1))
      .catch((e: unknown) => e);

    expect(RegistryUnavailableError.is(error)).toBe(true);
    expect((error as RegistryUnavailableError).path).toBe('/lambdaport/dev/records');
    expect((error as Error).message).toContain('records.get');
    expect((error as Error).message).toContain('/lambdaport/dev/records/get');
  });

  it('keeps serving the last known value when SSM fails, and refreshes in the background', async () => {
    const refreshErrors: unknown[] = [];
    const registry = ssmRegistry({
      ssm: ssm.client(),
      ttlMs: 0,
      retryAfterErrorMs: 0,
      onRefreshError: (e) => refreshErrors.push(e),
    });
    await registry.resolve('records.get', 1);
    ssm.failing = true;
    try {
      const stale = await registry.resolve('records.get', 1);
      await waitFor(() => refreshErrors.length > 0, { what: 'a failed background refresh' });
      const stillStale = await registry.resolve('records.get', 1);

      expect(stale.functionName).toBe(ARN);
      expect(stillStale.functionName).toBe(ARN);
    } finally {
      ssm.failing = false;
    }
    await ssm.put('/lambdaport/dev/records/get', `${ARN}-moved`);
    // each resolve serves what it has and starts a refresh (ttl 0): the moved ARN is served once one has landed
    await waitFor(async () => (await registry.resolve('records.get', 1)).functionName === `${ARN}-moved`, {
      what: 'the moved ARN',
    });
    await ssm.put('/lambdaport/dev/records/get', ARN);
  });

  it('uses the stage from its options', async () => {
    await ssm.put('/lambdaport/prod/records/get', `${ARN}-prod`);
    const registry = ssmRegistry({ ssm: ssm.client(), stage: 'prod' });

    expect((await registry.resolve('records.get', 1)).functionName).toBe(`${ARN}-prod`);
  });

  it('rejects unknown options by name', () => {
    expect(() => ssmRegistry({ ttl: 5 } as never)).toThrow(/unknown option "ttl"/);
  });
});

describe('staticRegistry and envOverrides', () => {
  it('maps names (and versions) from a static map', async () => {
    const registry = staticRegistry({ 'records.get': 'my-records', 'records.get:v2': 'my-records:live' });

    expect(await registry.resolve('records.get', 1)).toMatchObject({ functionName: 'my-records', qualifier: 'v1' });
    expect(await registry.resolve('records.get', 2)).toMatchObject({
      functionName: 'my-records:live',
      qualifier: undefined,
    });
    expect(() => registry.resolve('records.put', 1)).toThrow(/records\.put.*static map key "records.put"/);
  });

  it('lets an environment variable win over the registry it wraps', async () => {
    const env = { LAMBDAPORT_FUNCTION_RECORDS_GET: 'from-env', LAMBDAPORT_FUNCTION_RECORDS_GET_V3: 'v3-only' };
    const registry = envOverrides(staticRegistry({ 'records.get': 'from-map', 'orders.get': 'orders' }), env);

    expect(await registry.resolve('records.get', 1)).toMatchObject({
      functionName: 'from-env',
      source: 'env',
      parameter: 'LAMBDAPORT_FUNCTION_RECORDS_GET',
    });
    expect(await registry.resolve('records.get', 3)).toMatchObject({ functionName: 'v3-only', qualifier: 'v3' });
    expect(await registry.resolve('orders.get', 1)).toMatchObject({ functionName: 'orders', source: 'static' });
  });
});

describe('invalidate', () => {
  let ssm: TestSsm;
  beforeAll(async () => {
    ssm = await startTestSsm();
    await ssm.put('/lambdaport/dev/moving/fn', `${ARN}-old`);
  });
  afterAll(() => ssm.close());

  it('reloads the path after Lambda said the function is gone, serving the old value meanwhile', async () => {
    const registry = ssmRegistry({ ssm: ssm.client(), retryAfterErrorMs: 0 });
    await registry.resolve('moving.fn', 1);
    await ssm.put('/lambdaport/dev/moving/fn', `${ARN}-new`);

    registry.invalidate?.('moving.fn');
    const meanwhile = await registry.resolve('moving.fn', 1); // starts the reload

    expect(meanwhile.functionName).toBe(`${ARN}-old`);
    await waitFor(async () => (await registry.resolve('moving.fn', 1)).functionName === `${ARN}-new`, {
      what: 'the reloaded ARN',
    });
  });
});
