/**
 * AWS's asynchronous semantics, through the front door with a durable queue: retry counts and the delays between
 * attempts, `MaximumRetryAttempts`, throttles that wait without counting as attempts, reserved concurrency 0 holding
 * events, `MaximumEventAgeInSeconds`, the invocation records the destinations receive, and the dead-letter target
 * receiving only the event.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../../../../test-support/async.js';
import { openEventLog } from '../../../src/lambda/async/event-log.js';
import { type AsyncEvents, createAsyncEvents, type FunctionAsyncFields } from '../../../src/lambda/async/index.js';
import {
  ConcurrencyLimitError,
  type InvocationRequest,
  type InvocationResult,
  type LocalFunction,
} from '../../../src/lambda/types.js';
import { type FrontDoor, startFrontDoor } from '../../../src/server.js';
import { lambdaClient } from '../api/support/fixture.js';
import { InProcessInvoker, testFunction } from '../api/support/in-process-invoker.js';

const fail = testFunction('fail');
const echo = testFunction('echo');
const sink = testFunction('sink');
const once = testFunction('once', { handler: 'fail' });
const aged = testFunction('aged', { handler: 'echo' });
const held = testFunction('held', { handler: 'echo', reservedConcurrency: 0 });
const lettered = testFunction('lettered', { handler: 'fail' });
const all = [fail, echo, sink, once, aged, held, lettered];

const handlers = {
  echo: (event: unknown) => ({ echoed: event }),
  fail: () => {
    throw new TypeError('boom');
  },
  sink: () => 'stored',
};

/** The in-process invoker, throttling the next N invocations on demand (as a used-up reserved concurrency does). */
class ThrottlingInvoker extends InProcessInvoker {
  throttleNext = 0;
  throttled = 0;
  override invoke(fn: LocalFunction, version: string, request: InvocationRequest): Promise<InvocationResult> {
    if (this.throttleNext > 0) {
      this.throttleNext--;
      this.throttled++;
      return Promise.reject(new ConcurrencyLimitError(fn.arn));
    }
    return super.invoke(fn, version, request);
  }
}

const fromConfig = new Map<string, FunctionAsyncFields>([
  [fail.deployedName, { DestinationConfig: { OnFailure: { Destination: sink.arn } } }],
  [echo.deployedName, { DestinationConfig: { OnSuccess: { Destination: `${sink.arn}:$LATEST` } } }],
  [once.deployedName, { MaximumRetryAttempts: 0, DestinationConfig: { OnFailure: { Destination: sink.arn } } }],
  [aged.deployedName, { MaximumEventAgeInSeconds: 60, DestinationConfig: { OnFailure: { Destination: sink.arn } } }],
  [lettered.deployedName, { MaximumRetryAttempts: 0, DeadLetterTargetArn: sink.arn }],
]);

let dir: string | undefined;
let door: FrontDoor | undefined;
let events: AsyncEvents | undefined;
let lambda: LambdaClient | undefined;
const logs: string[] = [];

async function start(invoker = new ThrottlingInvoker(handlers), before?: (dir: string) => Promise<void>) {
  dir = mkdtempSync(path.join(tmpdir(), 'lambdaport-delivery-'));
  if (before) await before(dir);
  logs.length = 0;
  events = createAsyncEvents({
    functions: all,
    invoker,
    dir,
    region: 'us-east-1',
    accountId: '000000000000',
    say: (line) => logs.push(line),
    fromConfig,
    retryDelaysMs: [200, 400],
    throttleDelayMs: 20,
    throttleMaxDelayMs: 80,
  });
  door = await startFrontDoor({ functions: all, invoker, events, log: (line) => logs.push(line) });
  events.queue.start();
  lambda = lambdaClient(door.url);
  return invoker;
}

afterEach(async () => {
  lambda?.destroy();
  await door?.close();
  await events?.queue.drain(1000);
  await events?.queue.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  door = undefined;
  events = undefined;
  dir = undefined;
});

async function send(fn: LocalFunction, payload: unknown): Promise<string> {
  const out = await lambda!.send(
    new InvokeCommand({ FunctionName: fn.deployedName, InvocationType: 'Event', Payload: JSON.stringify(payload) }),
  );
  expect(out.StatusCode).toBe(202);
  return out.$metadata.requestId!;
}

const callsOf = (invoker: InProcessInvoker, fn: LocalFunction) => invoker.calls.filter((c) => c.fn === fn.deployedName);

describe('asynchronous delivery: retries', () => {
  it('makes 3 attempts by default, waiting the configured delays between them, then sends the record to OnFailure', async () => {
    const invoker = await start();
    const started = Date.now();
    const stamps: number[] = [];
    const original = invoker.invoke.bind(invoker);
    invoker.invoke = (fn, version, request) => {
      if (fn.deployedName === fail.deployedName) stamps.push(Date.now());
      return original(fn, version, request);
    };
    const requestId = await send(fail, { order: 1 });
    await waitFor(() => callsOf(invoker, sink).length === 1, { what: 'the failure record' });

    expect(stamps).toHaveLength(3);
    expect(stamps[1]! - stamps[0]!).toBeGreaterThanOrEqual(200);
    expect(stamps[2]! - stamps[1]!).toBeGreaterThanOrEqual(400);
    expect(stamps[2]! - started).toBeLessThan(5_000);
    const record = callsOf(invoker, sink)[0]!.event as Record<string, unknown>;
    expect(record).toEqual({
      version: '1.0',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      requestContext: {
        requestId,
        functionArn: `${fail.arn}:$LATEST`,
        condition: 'RetriesExhausted',
        approximateInvokeCount: 3,
      },
      requestPayload: { order: 1 },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      responsePayload: { errorType: 'TypeError', errorMessage: 'boom', trace: [] },
    });
    expect(logs.filter((line) => line.includes(requestId))).toEqual([
      expect.stringMatching(/failed \(attempt 1\).*retry 1 of 2 in 200 ms$/),
      expect.stringMatching(/failed \(attempt 2\).*retry 2 of 2 in 400 ms$/),
      expect.stringMatching(/failed \(attempt 3\)/),
      expect.stringContaining(
        `discarded: RetriesExhausted after 3 attempts (MaximumRetryAttempts 2) (record sent to ${sink.arn})`,
      ),
    ]);
  });

  it('makes one attempt with MaximumRetryAttempts 0', async () => {
    const invoker = await start();
    await send(once, { n: 1 });
    await waitFor(() => callsOf(invoker, sink).length === 1, { what: 'the failure record' });

    expect(callsOf(invoker, once)).toHaveLength(1);
    expect((callsOf(invoker, sink)[0]!.event as { requestContext: unknown }).requestContext).toMatchObject({
      condition: 'RetriesExhausted',
      approximateInvokeCount: 1,
    });
  });

  it('sends the Success record to OnSuccess, with the result and no functionError', async () => {
    const invoker = await start();
    const requestId = await send(echo, { hello: 'world' });
    await waitFor(() => callsOf(invoker, sink).length === 1, { what: 'the success record' });

    const record = callsOf(invoker, sink)[0]!.event as Record<string, unknown>;
    expect(record).toMatchObject({
      version: '1.0',
      requestContext: {
        requestId,
        functionArn: `${echo.arn}:$LATEST`,
        condition: 'Success',
        approximateInvokeCount: 1,
      },
      requestPayload: { hello: 'world' },
      responseContext: { statusCode: 200, executedVersion: '$LATEST' },
      responsePayload: { echoed: { hello: 'world' } },
    });
    expect(record.responseContext).not.toHaveProperty('functionError');
  });

  it('sends only the event to the dead-letter target', async () => {
    const invoker = await start();
    await send(lettered, { letter: 1 });
    await waitFor(() => callsOf(invoker, sink).length === 1, { what: 'the dead letter' });

    expect(callsOf(invoker, sink)[0]!.event).toEqual({ letter: 1 });
  });
});

describe('asynchronous delivery: throttles and age', () => {
  it('retries throttles with backoff without counting them as attempts', async () => {
    const invoker = await start();
    invoker.throttleNext = 5;
    await send(fail, { n: 2 });
    await waitFor(() => callsOf(invoker, sink).length === 1, { what: 'the failure record' });

    expect(invoker.throttled).toBe(5);
    // still three real attempts, after five throttles
    expect(callsOf(invoker, fail)).toHaveLength(3);
    expect((callsOf(invoker, sink)[0]!.event as { requestContext: unknown }).requestContext).toMatchObject({
      approximateInvokeCount: 3,
    });
    expect(logs.some((line) => line.includes('throttled') && line.includes('throttles are not attempts'))).toBe(true);
  });

  it('holds the events of a function with reserved concurrency 0: they wait, neither run nor fail', async () => {
    const invoker = await start();
    await send(held, { n: 1 });
    await send(held, { n: 2 });
    let summary = events!.queue.summary();
    await waitFor(
      () => {
        summary = events!.queue.summary();
        return summary.throttled === 2;
      },
      { what: 'two events waiting on the throttled function' },
    );

    expect(summary).toMatchObject({ depth: 2, throttled: 2, discarded: 0, retries: 0 });
    expect(summary.functions).toEqual([expect.objectContaining({ function: held.deployedName, depth: 2 })]);
    expect(logs.some((line) => line.includes(held.deployedName) && line.includes('throttled'))).toBe(true);
    expect(callsOf(invoker, held)).toHaveLength(0);
  });

  it('discards an event older than MaximumEventAgeInSeconds to OnFailure, without running it', async () => {
    const invoker = await start(undefined, async (eventsDir) => {
      // an event accepted 120 s ago by an earlier run, for a function whose events may be 60 s old
      const log = openEventLog({ dir: eventsDir, log: () => {} });
      await log.append([
        {
          accepted: {
            id: 'old-event',
            fn: aged.deployedName,
            version: '$LATEST',
            arn: aged.arn,
            at: Date.now() - 120_000,
          },
          payload: Buffer.from('{"stale":true}'),
        },
      ]);
      await log.close();
    });
    await waitFor(() => callsOf(invoker, sink).length === 1, { what: 'the age record' });

    expect(callsOf(invoker, aged)).toHaveLength(0);
    const record = callsOf(invoker, sink)[0]!.event as Record<string, unknown>;
    expect(record).toEqual({
      version: '1.0',
      timestamp: expect.any(String),
      requestContext: {
        requestId: 'old-event',
        functionArn: `${aged.arn}:$LATEST`,
        condition: 'EventAgeExceeded',
        approximateInvokeCount: 0,
      },
      requestPayload: { stale: true },
    });
    expect(logs.some((line) => line.includes('old-event') && line.includes('EventAgeExceeded'))).toBe(true);
  });
});

describe('asynchronous delivery: the log across restarts', () => {
  it('keeps the events of a function not served now, through compaction, and says so', async () => {
    let eventsDir = '';
    await start(undefined, async (d) => {
      eventsDir = d;
      const log = openEventLog({ dir: d, log: () => {} });
      await log.append([
        {
          accepted: { id: 'for-later', fn: 'dev-test-gone-abc123', version: '$LATEST', arn: 'arn', at: Date.now() },
          payload: Buffer.from('{"later":true}'),
        },
      ]);
      // 2 MB of events long done: worth compacting
      for (let i = 0; i < 20; i++) {
        await log.append([
          {
            accepted: { id: `done-${i}`, fn: echo.deployedName, version: '$LATEST', arn: echo.arn, at: Date.now() },
            payload: Buffer.from(`"${'x'.repeat(100_000)}"`),
          },
          { type: 'done', id: `done-${i}` },
        ]);
      }
      await log.close();
    });
    expect(logs.some((line) => line.includes('for-later') && line.includes('not served now'))).toBe(true);
    await door!.close();
    await events!.queue.drain(100);
    await events!.queue.close();
    door = undefined;
    events = undefined;

    const reopened = openEventLog({ dir: eventsDir, log: () => {} });
    expect(reopened.events.map((e) => e.header.id)).toEqual(['for-later']);
    expect(reopened.readPayload(reopened.events[0]!.payload).toString()).toBe('{"later":true}');
    expect(reopened.size).toBeLessThan(100_000);
    await reopened.close();
  });
});
