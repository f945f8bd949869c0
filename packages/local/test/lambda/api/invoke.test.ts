/**
 * The Invoke API through the real SDK v3 client: success paths, FunctionName forms, every bad input of
 * issue 3 (each followed by a successful call: the runtime keeps serving). Most run the front door over an
 * in-process invoker; the throttle is also proven through the real pool (startLocal).
 */
import { fileURLToPath } from 'node:url';
import { InvokeCommand, type InvokeCommandOutput } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejectionOf, waitFor } from '../../../../../test-support/async.js';
import { type Gate, startGate } from '../../../../../test-support/gate.js';
import { type LocalRuntime, startLocal } from '../../../src/index.js';
import { signedFetch } from '../../http/support/signed-fetch.js';
import { type Fixture, functions, lambdaClient, startFixture } from './support/fixture.js';

const LAMBDA_TEST_KEY = { accessKeyId: 'test', secretAccessKey: 'test', service: 'lambda' };

let fx: Fixture;
beforeAll(async () => {
  fx = await startFixture();
});
afterAll(async () => {
  await fx.close();
});

const json = (out: InvokeCommandOutput): unknown => JSON.parse(Buffer.from(out.Payload ?? []).toString('utf8'));
const encode = (value: unknown): Uint8Array => Buffer.from(JSON.stringify(value));
const echo = functions.echo;

/** A successful call: proves the runtime still serves after a bad input. */
async function stillServes(): Promise<void> {
  const out = await fx.lambda.send(new InvokeCommand({ FunctionName: echo.deployedName, Payload: encode({ ok: 1 }) }));
  expect(out.StatusCode).toBe(200);
  expect(json(out)).toMatchObject({ event: { ok: 1 } });
}

describe('Invoke: success', () => {
  it('answers RequestResponse with the result, status 200 and X-Amz-Executed-Version $LATEST', async () => {
    const out = await fx.lambda.send(
      new InvokeCommand({ FunctionName: echo.deployedName, Payload: encode({ a: [1, 'b'] }) }),
    );

    expect(out.StatusCode).toBe(200);
    expect(out.ExecutedVersion).toBe('$LATEST');
    expect(out.FunctionError).toBeUndefined();
    expect(json(out)).toEqual({
      event: { a: [1, 'b'] },
      context: {
        functionName: echo.deployedName,
        functionVersion: '$LATEST',
        invokedFunctionArn: echo.arn,
      },
    });
  });

  it('treats an empty payload as {}', async () => {
    const out = await fx.lambda.send(new InvokeCommand({ FunctionName: echo.deployedName }));

    expect(json(out)).toMatchObject({ event: {} });
  });

  it('reports a thrown error as FunctionError Unhandled with status 200', async () => {
    const out = await fx.lambda.send(new InvokeCommand({ FunctionName: functions.fail.deployedName }));

    expect(out.StatusCode).toBe(200);
    expect(out.FunctionError).toBe('Unhandled');
    expect(json(out)).toMatchObject({ errorType: 'TypeError', errorMessage: 'boom' });
  });

  it('returns the last 4 KB of the log, base64, with LogType Tail', async () => {
    const out = await fx.lambda.send(new InvokeCommand({ FunctionName: functions.logs.deployedName, LogType: 'Tail' }));

    const log = Buffer.from(out.LogResult ?? '', 'base64').toString('utf8');
    expect(Buffer.byteLength(log)).toBe(4096);
    expect(log).toContain('line 199');
    expect(log).not.toContain('START RequestId');
    expect(log).toMatch(/REPORT RequestId: [0-9a-f-]+\tDuration/);
  });

  it('returns no log without LogType Tail', async () => {
    const out = await fx.lambda.send(new InvokeCommand({ FunctionName: functions.logs.deployedName }));

    expect(out.LogResult).toBeUndefined();
  });

  it('passes the client context to context.clientContext', async () => {
    const clientContext = { custom: { correlationId: 'c-1' }, env: { locale: 'en' } };
    const out = await fx.lambda.send(
      new InvokeCommand({
        FunctionName: echo.deployedName,
        ClientContext: Buffer.from(JSON.stringify(clientContext)).toString('base64'),
      }),
    );

    expect(json(out)).toMatchObject({ context: { clientContext } });
  });

  it('answers DryRun with 204 and runs nothing', async () => {
    const before = fx.invoker.calls.length;
    const out = await fx.lambda.send(new InvokeCommand({ FunctionName: echo.deployedName, InvocationType: 'DryRun' }));

    expect(out.StatusCode).toBe(204);
    expect(fx.invoker.calls.length).toBe(before);
  });

  it('answers Event with 202 and runs the function in the background', async () => {
    const before = fx.invoker.calls.length;
    const out = await fx.lambda.send(
      new InvokeCommand({ FunctionName: echo.deployedName, InvocationType: 'Event', Payload: encode({ async: true }) }),
    );

    expect(out.StatusCode).toBe(202);
    await fx.invoker.waitForCalls(before + 1);
    expect(fx.invoker.calls.at(-1)?.event).toEqual({ async: true });
  });

  it('retries a failing Event invocation twice, logs each failure with its retry, then the discard', async () => {
    const before = fx.invoker.calls.length;
    const out = await fx.lambda.send(
      new InvokeCommand({ FunctionName: functions.fail.deployedName, InvocationType: 'Event' }),
    );
    const requestId = out.$metadata.requestId!;
    const lines = () => fx.logs.filter((line) => line.includes(`async invocation ${requestId} `));

    // the discard is the last line: written once no retry is left
    await waitFor(() => lines().some((line) => line.includes('discarded')), { what: 'the discard line' });
    const attempts = fx.invoker.calls.slice(before).filter((c) => c.fn === functions.fail.deployedName);
    expect(attempts).toHaveLength(3);
    expect(attempts.map((c) => c.request.requestId)).toEqual([requestId, requestId, requestId]);
    const prefix = `async invocation ${requestId} of ${functions.fail.deployedName}:$LATEST`;
    const error = '{"errorType":"TypeError","errorMessage":"boom","trace":[]}';
    expect(lines()).toEqual([
      `${prefix} failed (attempt 1): ${error}; retry 1 of 2 in 10 ms`,
      `${prefix} failed (attempt 2): ${error}; retry 2 of 2 in 10 ms`,
      `${prefix} failed (attempt 3): ${error}`,
      `${prefix} discarded: RetriesExhausted after 3 attempts (MaximumRetryAttempts 2) (no OnFailure destination)`,
    ]);
  });
});

describe('Invoke: FunctionName forms and qualifiers', () => {
  const v = functions.versioned;
  const forms: [string, string, string | undefined, string][] = [
    ['name', echo.deployedName, undefined, '$LATEST'],
    ['full ARN', echo.arn, undefined, '$LATEST'],
    ['partial ARN', `000000000000:function:${echo.deployedName}`, undefined, '$LATEST'],
    ['name:$LATEST', `${echo.deployedName}:$LATEST`, undefined, '$LATEST'],
    ['name with Qualifier $LATEST', echo.deployedName, '$LATEST', '$LATEST'],
    ['name:alias', `${v.deployedName}:v1`, undefined, '1'],
    ['ARN:alias', `${v.arn}:v1`, undefined, '1'],
    ['name with Qualifier alias', v.deployedName, 'v1', '1'],
    ['name with Qualifier version', v.deployedName, '2', '2'],
    ['partial ARN:version', `000000000000:function:${v.deployedName}:1`, undefined, '1'],
  ];
  it.each(forms)('accepts %s', async (_label, FunctionName, Qualifier, executed) => {
    const out = await fx.lambda.send(new InvokeCommand({ FunctionName, Qualifier }));

    expect(out.StatusCode).toBe(200);
    expect(out.ExecutedVersion).toBe(executed);
  });

  it('runs the version an alias points to, with the alias ARN as invokedFunctionArn', async () => {
    const out = await fx.lambda.send(new InvokeCommand({ FunctionName: v.deployedName, Qualifier: 'v1' }));

    expect(json(out)).toEqual({ api: 1, version: '1' });
    expect(fx.invoker.calls.at(-1)?.request.invokedFunctionArn).toBe(`${v.arn}:v1`);
  });

  it('accepts a percent-encoded name sent raw on the wire', async () => {
    const res = await signedFetch(
      `${fx.door.url}/2015-03-31/functions/${encodeURIComponent(`${v.arn}:v2`)}/invocations`,
      { method: 'POST', body: '{}' },
      LAMBDA_TEST_KEY,
    );

    expect(res.status).toBe(200);
    expect(res.headers.get('x-amz-executed-version')).toBe('2');
  });
});

describe('Invoke: bad input (AWS-shaped, and the runtime keeps serving)', () => {
  it('404 ResourceNotFoundException for an unknown function, naming its ARN', async () => {
    await expect(fx.lambda.send(new InvokeCommand({ FunctionName: 'nope' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope',
      $metadata: { httpStatusCode: 404 },
    });
    await stillServes();
  });

  it('404 ResourceNotFoundException for an unknown qualifier, naming the qualified ARN', async () => {
    await expect(
      fx.lambda.send(new InvokeCommand({ FunctionName: echo.deployedName, Qualifier: 'v9' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `Function not found: ${echo.arn}:v9`,
    });
    await expect(fx.lambda.send(new InvokeCommand({ FunctionName: `${echo.deployedName}:7` }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `Function not found: ${echo.arn}:7`,
    });
    await stillServes();
  });

  it('404 for an ARN of another account or region', async () => {
    await expect(
      fx.lambda.send(new InvokeCommand({ FunctionName: echo.arn.replace('us-east-1', 'eu-west-1') })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await stillServes();
  });

  it('400 when the name qualifier and Qualifier disagree', async () => {
    await expect(
      fx.lambda.send(new InvokeCommand({ FunctionName: `${functions.versioned.deployedName}:v1`, Qualifier: 'v2' })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
      message: 'The derived qualifier from the function name does not match the specified qualifier.',
      $metadata: { httpStatusCode: 400 },
    });
    await stillServes();
  });

  it('400 ValidationException for a malformed FunctionName', async () => {
    await expect(fx.lambda.send(new InvokeCommand({ FunctionName: 'has space' }))).rejects.toMatchObject({
      name: 'ValidationException',
      $metadata: { httpStatusCode: 400 },
    });
    await stillServes();
  });

  it('400 InvalidRequestContentException when the body is not JSON', async () => {
    await expect(
      fx.lambda.send(new InvokeCommand({ FunctionName: echo.deployedName, Payload: Buffer.from('{not json') })),
    ).rejects.toMatchObject({
      name: 'InvalidRequestContentException',
      message: expect.stringContaining('Could not parse request body into json'),
      $metadata: { httpStatusCode: 400 },
    });
    await stillServes();
  });

  it('413 RequestTooLargeException for a sync request over 6,291,456 bytes', async () => {
    const payload = Buffer.from(JSON.stringify('x'.repeat(6_291_456 - 1)));
    await expect(
      fx.lambda.send(new InvokeCommand({ FunctionName: echo.deployedName, Payload: payload })),
    ).rejects.toMatchObject({
      name: 'RequestTooLargeException',
      message: 'Request must be smaller than 6291456 bytes for the InvokeFunction operation',
      $metadata: { httpStatusCode: 413 },
    });
    await stillServes();
  });

  it('accepts a sync request of exactly 6,291,456 bytes', async () => {
    const payload = Buffer.from(JSON.stringify('x'.repeat(6_291_456 - 2)));
    expect(payload.length).toBe(6_291_456);

    const out = await fx.lambda.send(
      new InvokeCommand({ FunctionName: functions.logs.deployedName, Payload: payload }),
    );

    expect(out.StatusCode).toBe(200);
  });

  it('413 for an Event request over 1,048,576 bytes', async () => {
    const payload = Buffer.from(JSON.stringify('x'.repeat(1_048_576)));
    await expect(
      fx.lambda.send(new InvokeCommand({ FunctionName: echo.deployedName, InvocationType: 'Event', Payload: payload })),
    ).rejects.toMatchObject({
      name: 'RequestTooLargeException',
      message: 'Request must be smaller than 1048576 bytes for the InvokeFunction operation',
      $metadata: { httpStatusCode: 413 },
    });
    await stillServes();
  });

  it('400 InvalidRequestContentException when the client context is not base64 JSON', async () => {
    for (const ClientContext of [
      '%%%not-base64',
      Buffer.from('not json').toString('base64'),
      Buffer.from('[1]').toString('base64'),
    ]) {
      await expect(
        fx.lambda.send(new InvokeCommand({ FunctionName: echo.deployedName, ClientContext })),
      ).rejects.toMatchObject({
        name: 'InvalidRequestContentException',
        message: expect.stringContaining('Client context must be a valid Base64-encoded JSON object'),
        $metadata: { httpStatusCode: 400 },
      });
    }
    await stillServes();
  });

  it('400 InvalidRequestContentException when the client context is over 3,583 bytes', async () => {
    const big = Buffer.from(JSON.stringify({ custom: { pad: 'p'.repeat(2_700) } })).toString('base64');
    expect(big.length).toBeGreaterThan(3_583);
    await expect(
      fx.lambda.send(new InvokeCommand({ FunctionName: echo.deployedName, ClientContext: big })),
    ).rejects.toMatchObject({
      name: 'InvalidRequestContentException',
      message: expect.stringContaining('3583'),
    });
    await stillServes();
  });

  it('400 for an unknown InvocationType or LogType', async () => {
    const url = `${fx.door.url}/2015-03-31/functions/${echo.deployedName}/invocations`;
    const badType = await signedFetch(
      url,
      { method: 'POST', body: '{}', headers: { 'x-amz-invocation-type': 'Later' } },
      LAMBDA_TEST_KEY,
    );
    const badLog = await signedFetch(
      url,
      { method: 'POST', body: '{}', headers: { 'x-amz-log-type': 'Everything' } },
      LAMBDA_TEST_KEY,
    );

    expect(badType.status).toBe(400);
    expect(badType.headers.get('x-amzn-errortype')).toBe('InvalidParameterValueException');
    expect(await badType.json()).toMatchObject({ Type: 'User', message: expect.stringContaining('invocationType') });
    expect(badLog.status).toBe(400);
    expect(await badLog.json()).toMatchObject({ message: expect.stringContaining('logType') });
    await stillServes();
  });

  it('429 TooManyRequestsException with Reason when the invoker reports a throttle (ConcurrencyLimitError)', async () => {
    const error = await fx.lambda
      .send(new InvokeCommand({ FunctionName: functions.throttled.deployedName }))
      .catch((e: unknown) => e);

    expect(error).toMatchObject({
      name: 'TooManyRequestsException',
      message: 'Rate Exceeded.',
      Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded',
      $metadata: { httpStatusCode: 429 },
    });
    await stillServes();
  });

  it('403 InvalidSignatureException for a wrong secret of a known key', async () => {
    const wrong = lambdaClient(fx.door.url, 'not-the-secret');
    await expect(wrong.send(new InvokeCommand({ FunctionName: echo.deployedName }))).rejects.toMatchObject({
      name: 'InvalidSignatureException',
      $metadata: { httpStatusCode: 403 },
    });
    wrong.destroy();
    await stillServes();
  });

  it('accepts any secret for an access key it does not know (unverified)', async () => {
    const other = lambdaClient(fx.door.url, 'whatever', 'AKIDEXAMPLEOTHER');
    const out = await other.send(new InvokeCommand({ FunctionName: echo.deployedName }));
    other.destroy();

    expect(out.StatusCode).toBe(200);
  });
});

describe('Invoke: throttling by the real pool (startLocal, reserved concurrency 1)', () => {
  let local: LocalRuntime;
  let gate: Gate;
  beforeAll(async () => {
    gate = await startGate();
    local = await startLocal({ dirs: [fileURLToPath(new URL('./fixtures/gated/', import.meta.url))], ephemeral: true });
  });
  afterAll(async () => {
    await gate?.close();
    await local?.stop();
  });

  it("answers the second concurrent call 429 with AWS's body, while the first runs; then serves again", async () => {
    const lambda = lambdaClient(local.url);
    const fn = local.functions.find((f) => f.name === 'wait')!;
    const invoke = () =>
      lambda.send(new InvokeCommand({ FunctionName: fn.deployedName, Payload: encode({ gate: gate.url }) }));
    try {
      const first = invoke();
      await gate.arrived(1); // the first call is inside its handler: the one unit of concurrency is taken

      let answered = false;
      const reachedFunction = gate.arrived(2).then(() => {
        if (!answered) throw new Error('the second call reached the function: it was not throttled');
      });
      const throttled = await Promise.race([rejectionOf(invoke()), reachedFunction]);
      answered = true;
      expect(throttled).toMatchObject({
        name: 'TooManyRequestsException',
        message: 'Rate Exceeded.',
        Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded',
        Type: 'User',
        $metadata: { httpStatusCode: 429 },
      });
      const raw = await signedFetch(
        `${local.url}/2015-03-31/functions/${fn.deployedName}/invocations`,
        { method: 'POST', body: JSON.stringify({ gate: gate.url }) },
        LAMBDA_TEST_KEY,
      );
      expect(raw.status).toBe(429);
      expect(raw.headers.get('x-amzn-errortype')).toBe('TooManyRequestsException');
      expect(await raw.json()).toEqual({
        Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded',
        Type: 'User',
        message: 'Rate Exceeded.',
        retryAfterSeconds: expect.any(Number),
      });
      expect(gate.arrivals).toBe(1); // neither refused call reached the function

      gate.release('first');
      const out = await first;
      expect(out.StatusCode).toBe(200);
      expect(json(out)).toEqual({ released: 'first' });

      // the unit of concurrency is free again
      const again = invoke();
      await gate.arrived(2);
      gate.release('again');
      expect(json(await again)).toEqual({ released: 'again' });
    } finally {
      lambda.destroy();
    }
  });
});
