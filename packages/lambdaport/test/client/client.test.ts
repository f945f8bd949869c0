/**
 * The typed client against the local runtime (real processes): the call, its errors, its guards.
 */
import { GetParametersByPathCommand } from '@aws-sdk/client-ssm';
import type { LocalRuntime } from '@lambdaport/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Gate, startGate } from '../../../../test-support/gate.js';
import {
  BrokenCircuitError,
  BulkheadRejectedError,
  createClient,
  DeadlineExceededError,
  FunctionNotFoundError,
  FunctionNotRegisteredError,
  InvalidRequestError,
  InvalidResponseError,
  InvocationAbortedError,
  originOf,
  PayloadTooLargeError,
  RegistryUnavailableError,
  RemoteFunctionError,
  ThrottledError,
} from '../../src/client/index.js';
import { ssmRegistry, staticRegistry } from '../../src/registry/index.js';
import * as faults from './fixtures/faults/contracts.js';
import { countingLambda, countingSsm, rejectionOf, sleep, startServices } from './local.js';
import { startTestSsm, type TestSsm } from './ssm-server.js';

const FAULTS_DIR = new URL('./fixtures/faults/', import.meta.url).pathname;

let local: LocalRuntime;
let ssm: ReturnType<typeof countingSsm>;
/** Where `faults.slow` and `faults.busy` wait when given `gate`: they run until the test releases them. */
let gate: Gate;

beforeAll(async () => {
  gate = await startGate();
  local = await startServices([FAULTS_DIR]);
  ssm = countingSsm(local.url);
});
afterAll(async () => {
  ssm?.destroy();
  await gate?.close();
  await local?.stop();
});

/** A client whose registry reads the runtime's SSM; its LambdaClient counts requests. */
function clientFor<C extends Parameters<typeof createClient>[0]>(
  contract: C,
  options: Omit<NonNullable<Parameters<typeof createClient<C>>[1]>, 'lambda' | 'registry'> = {},
) {
  const lambda = countingLambda(local.url);
  const client = createClient(contract, { lambda, registry: ssmRegistry({ ssm }), ...options });
  return { client, lambda };
}

describe('a call', () => {
  it('returns the typed output, resolving the friendly name once', async () => {
    const { client, lambda } = clientFor(faults.echo);
    const ssmBefore = ssm.requests;

    const first = await client.invoke({ text: 'hi' });
    const ssmAfterFirst = ssm.requests;
    for (let i = 0; i < 20; i++) await client.invoke({ text: `hi ${i}` });

    expect(first).toEqual({ text: 'hi' });
    expect(ssmAfterFirst - ssmBefore).toBe(2); // one load of /lambdaport/dev/faults: 19 parameters, 2 pages
    expect(ssm.requests).toBe(ssmAfterFirst); // steady state: no SSM request
    expect(lambda.requests).toBe(21);
  });

  it('invokes the alias of the contract version and says which version ran', async () => {
    const { client } = clientFor(faults.echo);

    const result = await client.invokeWithMetadata({ text: 'v' });

    expect(result.executedVersion).toBe('1');
    expect(result.target.functionName).toMatch(/^arn:aws:lambda:us-east-1:000000000000:function:dev-faults-echo-/);
  });

  it('serves a v1 caller and a v2 caller of the same function side by side', async () => {
    const v1 = clientFor(faults.helloV1).client;
    const v2 = clientFor(faults.helloV2).client;

    const [a, b] = await Promise.all([v1.invokeWithMetadata({ name: 'Ada' }), v2.invokeWithMetadata({ name: 'Ada' })]);

    expect(a.output).toEqual({ greeting: 'hello Ada' });
    expect(a.executedVersion).toBe('1');
    expect(b.output).toEqual({ message: 'Hello, Ada!', version: 2 });
    expect(b.executedVersion).toBe('2');
  });

  it('propagates the correlation id in the client context', async () => {
    const { client } = clientFor(faults.whoami);

    const fromOption = await client.invoke({}, { correlationId: 'order-42' });
    const fromCtx = await client.invoke({}, { ctx: { remainingTimeMs: () => 5_000, correlationId: 'from-ctx' } });

    expect(fromOption.correlationId).toBe('order-42');
    expect(fromCtx.correlationId).toBe('from-ctx');
  });

  it('sends an Event (202) and a DryRun (204)', async () => {
    const { client, lambda } = clientFor(faults.echo);

    const sent = await client.send({ text: 'async' });
    const dry = await client.dryRun();

    expect(sent.statusCode).toBe(202);
    expect(dry.statusCode).toBe(204);
    expect(lambda.requests).toBe(2);
  });

  it('rebuilds a declared error with its data (is() and instanceof)', async () => {
    const { client } = clientFor(faults.find);

    const error = await rejectionOf(client.invoke({ id: 404 }));

    expect(faults.ThingMissing.is(error)).toBe(true);
    expect(error).toBeInstanceOf(faults.ThingMissing);
    expect((error as InstanceType<typeof faults.ThingMissing>).data).toEqual({ id: 404 });
    expect(originOf(error)).toMatchObject({ functionName: 'faults.find', version: 1, executedVersion: '1' });
  });
});

describe('bad input', () => {
  it('invalid input: InvalidRequestError naming the field and the function, no call made', async () => {
    const { client, lambda } = clientFor(faults.find);

    const error = await rejectionOf(client.invoke({ id: 'one' as unknown as number }));

    expect(InvalidRequestError.is(error)).toBe(true);
    expect((error as InvalidRequestError).issues[0]?.path).toBe('id');
    expect(error.message).toContain('faults.find v1');
    expect(lambda.requests).toBe(0);
  });

  it('unknown friendly name: FunctionNotRegisteredError naming the parameter, no call made', async () => {
    const { client, lambda } = clientFor(faults.nope);

    const error = await rejectionOf(client.invoke({}));

    expect(FunctionNotRegisteredError.is(error)).toBe(true);
    expect(error.message).toContain('/lambdaport/dev/faults/nope');
    expect(originOf(error)).toMatchObject({ functionName: 'faults.nope', version: 1 });
    expect(lambda.requests).toBe(0);
  });

  it('unknown qualifier: FunctionNotFoundError naming the friendly name and the ARN, not retried', async () => {
    const contract = { ...faults.echo, version: 7 };
    const { client, lambda } = clientFor(contract);

    const error = await rejectionOf(client.invoke({ text: 'x' }));

    expect(FunctionNotFoundError.is(error)).toBe(true);
    expect(error.message).toContain('faults.echo v7');
    expect(error.message).toMatch(
      /arn:aws:lambda:us-east-1:000000000000:function:dev-faults-echo-\w+ with qualifier v7/,
    );
    expect(lambda.requests).toBe(1);
  });

  describe('SSM unreachable', () => {
    let testSsm: TestSsm;
    beforeAll(async () => {
      testSsm = await startTestSsm();
      const out = await ssm.send(new GetParametersByPathCommand({ Path: '/lambdaport/dev/faults', Recursive: true }));
      let token = out.NextToken;
      for (const p of out.Parameters ?? []) await testSsm.put(p.Name!, p.Value!);
      while (token) {
        const page = await ssm.send(
          new GetParametersByPathCommand({ Path: '/lambdaport/dev/faults', Recursive: true, NextToken: token }),
        );
        for (const p of page.Parameters ?? []) await testSsm.put(p.Name!, p.Value!);
        token = page.NextToken;
      }
    });
    afterAll(() => testSsm.close());

    it('without a cached value: RegistryUnavailableError naming the function and the path', async () => {
      const lambda = countingLambda(local.url);
      const client = createClient(faults.echo, { lambda, registry: ssmRegistry({ ssm: testSsm.client() }) });
      testSsm.failing = true;
      try {
        const error = await rejectionOf(client.invoke({ text: 'x' }));

        expect(RegistryUnavailableError.is(error)).toBe(true);
        expect(error.message).toContain('faults.echo');
        expect(error.message).toContain('/lambdaport/dev/faults');
        expect(lambda.requests).toBe(0);
      } finally {
        testSsm.failing = false;
      }
    });

    it('with a cached value: the call goes through on the last known ARN', async () => {
      const lambda = countingLambda(local.url);
      const registry = ssmRegistry({ ssm: testSsm.client(), ttlMs: 0, retryAfterErrorMs: 0 });
      const client = createClient(faults.echo, { lambda, registry });
      await client.invoke({ text: 'warm' });
      testSsm.failing = true;
      try {
        const out = await client.invoke({ text: 'stale but fine' });

        expect(out).toEqual({ text: 'stale but fine' });
      } finally {
        testSsm.failing = false;
      }
    });
  });

  it('callee times out: RemoteFunctionError Sandbox.Timedout naming the function; not retried unless idempotent', async () => {
    const plain = clientFor(faults.slow);
    const idempotent = clientFor(faults.slowIdempotent, { retry: { retries: 1, initialDelayMs: 1 } });

    const error = await rejectionOf(plain.client.invoke({ ms: 3_000 }));
    const again = await rejectionOf(idempotent.client.invoke({ ms: 3_000 }));

    expect(RemoteFunctionError.is(error)).toBe(true);
    expect((error as RemoteFunctionError).errorType).toBe('Sandbox.Timedout');
    expect(error.message).toContain('faults.slow');
    expect(plain.lambda.requests).toBe(1);
    expect((again as RemoteFunctionError).errorType).toBe('Sandbox.Timedout');
    expect(idempotent.lambda.requests).toBe(2);
  });

  it('callee crashes: RemoteFunctionError Runtime.ExitError; not retried unless idempotent', async () => {
    const plain = clientFor(faults.crash);
    const idempotent = clientFor(faults.crashIdempotent, { retry: { retries: 2, initialDelayMs: 1 } });

    const error = await rejectionOf(plain.client.invoke({}));
    const again = await rejectionOf(idempotent.client.invoke({}));

    expect((error as RemoteFunctionError).errorType).toBe('Runtime.ExitError');
    expect(error.message).toContain('faults.crash');
    expect(plain.lambda.requests).toBe(1);
    expect((again as RemoteFunctionError).errorType).toBe('Runtime.ExitError');
    expect(idempotent.lambda.requests).toBe(3);
  });

  it('callee throttles: retried (safe), then ThrottledError naming the function', async () => {
    const holder = clientFor(faults.busy).client;
    const { client, lambda } = clientFor(faults.busy, { retry: { retries: 2, initialDelayMs: 20 } });
    const holding = holder.invoke({ ms: 0, gate: gate.url }, { timeoutMs: 8_000 });
    await gate.arrived(1); // the first call is running: it holds the only slot until released

    const error = await rejectionOf(client.invoke({ ms: 0 }, { timeoutMs: 1_500 }));
    gate.release();
    await holding;

    expect(ThrottledError.is(error)).toBe(true);
    expect(error.message).toContain('faults.busy v1');
    expect((error as ThrottledError).reason).toBe('ReservedFunctionConcurrentInvocationLimitExceeded');
    expect(lambda.requests).toBeGreaterThan(1);
  });

  it('payload over the limit: PayloadTooLargeError, no call made', async () => {
    const { client, lambda } = clientFor(faults.echo);

    const sync = await rejectionOf(client.invoke({ text: 'x'.repeat(6_300_000) }));
    const event = await rejectionOf(client.send({ text: 'x'.repeat(1_100_000) }));

    expect(PayloadTooLargeError.is(sync)).toBe(true);
    expect(sync.message).toContain('faults.echo v1');
    expect((event as PayloadTooLargeError).limit).toBe(1_048_576);
    expect(lambda.requests).toBe(0);
  });

  it('a response that does not match the contract: InvalidResponseError naming the field, not retried', async () => {
    const { client, lambda } = clientFor(faults.liar);

    const error = await rejectionOf(client.invoke({}));

    expect(InvalidResponseError.is(error)).toBe(true);
    expect(error.message).toContain('faults.liar v1');
    expect((error as InvalidResponseError).issues.map((i) => i.path)).toContain('id');
    expect(lambda.requests).toBe(1);
  });

  it('an aborted signal: InvocationAbortedError naming the function (before and during the call)', async () => {
    const { client, lambda } = clientFor(faults.slow);
    const controller = new AbortController();

    const before = await rejectionOf(client.invoke({ ms: 0 }, { signal: AbortSignal.abort('gone') }));
    const arrivals = gate.arrivals;
    const pending = client.invoke({ ms: 0, gate: gate.url }, { signal: controller.signal });
    await gate.arrived(arrivals + 1); // the call is running in the function
    controller.abort('user left');
    const during = await rejectionOf(pending);
    gate.release();

    expect(InvocationAbortedError.is(before)).toBe(true);
    expect(InvocationAbortedError.is(during)).toBe(true);
    expect(during.message).toContain('faults.slow v1');
    expect(during.cause).toBe('user left');
    expect(lambda.requests).toBe(1);
  });

  it('the deadline: DeadlineExceededError, from timeoutMs or from the caller context', async () => {
    const { client, lambda } = clientFor(faults.slow);

    // held at the gate: the calls cannot answer before their deadline, however fast or slow the machine
    const arrivals = gate.arrivals;
    const error = await rejectionOf(client.invoke({ ms: 0, gate: gate.url }, { timeoutMs: 100 }));
    const fromCtx = await rejectionOf(
      client.invoke({ ms: 0, gate: gate.url }, { ctx: { remainingTimeMs: () => 350 } }),
    );
    await gate.arrived(arrivals + 2); // both calls did reach the function
    gate.release();

    expect(DeadlineExceededError.is(error)).toBe(true);
    expect((error as DeadlineExceededError).timeoutMs).toBe(100);
    expect(error.message).toContain('faults.slow v1');
    expect((fromCtx as DeadlineExceededError).timeoutMs).toBe(100); // 350 - 250 margin
    expect(lambda.requests).toBe(2);
  });
});

describe('guards', () => {
  it('the breaker opens after consecutive failures, fails fast, probes half-open and recovers', async () => {
    const { client, lambda } = clientFor(faults.flaky, {
      retry: false,
      breaker: { threshold: 3, halfOpenAfterMs: 300 },
    });

    for (let i = 0; i < 3; i++) {
      expect(RemoteFunctionError.is(await rejectionOf(client.invoke({ fail: true })))).toBe(true);
    }
    const sentBeforeOpen = lambda.requests;
    const fast = await rejectionOf(client.invoke({ fail: false }));
    const stateWhileOpen = client.circuitState;
    await sleep(350);
    const probeFails = await rejectionOf(client.invoke({ fail: true })); // half-open probe fails: open again
    const stillOpen = await rejectionOf(client.invoke({ fail: false }));
    await sleep(350);
    const recovered = await client.invoke({ fail: false });

    expect(BrokenCircuitError.is(fast)).toBe(true);
    expect(fast.message).toContain('faults.flaky v1');
    expect(stateWhileOpen).toBe('open');
    expect(RemoteFunctionError.is(probeFails)).toBe(true);
    expect(BrokenCircuitError.is(stillOpen)).toBe(true);
    expect(recovered).toEqual({ ok: true });
    expect(client.circuitState).toBe('closed');
    expect(lambda.requests).toBe(sentBeforeOpen + 2); // the fast failures sent nothing
  });

  it('declared errors do not open the breaker', async () => {
    const { client } = clientFor(faults.find, { breaker: { threshold: 2 } });

    for (let i = 0; i < 4; i++) await rejectionOf(client.invoke({ id: 500 }));

    expect(client.circuitState).toBe('closed');
    expect(await client.invoke({ id: 1 })).toEqual({ id: 1, label: 'thing 1' });
  });

  it('the bulkhead rejects calls beyond its limit', async () => {
    const { client } = clientFor(faults.slow, { bulkhead: { limit: 1 } });

    const arrivals = gate.arrivals;
    const first = client.invoke({ ms: 0, gate: gate.url }); // holds the one slot until released
    const second = await rejectionOf(client.invoke({ ms: 0 }));
    await gate.arrived(arrivals + 1);
    gate.release();
    await first;

    expect(BulkheadRejectedError.is(second)).toBe(true);
    expect(second.message).toContain('faults.slow v1');
  });

  it('a static registry and an ARN override work without SSM', async () => {
    const echoFn = local.functions.find((f) => f.service === 'faults' && f.name === 'echo')!;
    const client = createClient(faults.echo, {
      lambda: countingLambda(local.url),
      registry: staticRegistry({ 'faults.echo': echoFn.deployedName }),
    });

    expect(await client.invoke({ text: 'static' })).toEqual({ text: 'static' });
  });
});
