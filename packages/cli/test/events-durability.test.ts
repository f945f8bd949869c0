/**
 * Event invocations survive `kill -9` of `lambdaport dev` (a real child process): 100 events are accepted (202),
 * and when the process is killed some are running, some queued and some waiting to retry; a restart with the same
 * state runs every one of them. And a SIGTERM while events run and wait: none is lost, none fails by the shutdown.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../../test-support/async.js';
import { alive, descendants, type Running, run, start } from './helpers.js';

// `slow` waits for a release file (so it is running, or queued behind the running ones, when the process dies);
// `work` fails the first attempt of events n < 10 (so they wait for their retry), and succeeds otherwise.
const HANDLER = `import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
const marks = process.env.MARKS;
const mark = (name) => writeFileSync(path.join(marks, name + '-' + process.pid + '-' + Date.now() + '-' + Math.random()), '');
export const slow = async (event) => {
  mark('start-slow-' + event.n);
  while (!existsSync(path.join(marks, '..', 'release'))) await new Promise((resolve) => setTimeout(resolve, 20));
  // a call back into the runtime (its environments' listener), as a function's SDK calls make, during a stop too
  const summary = await fetch(process.env.AWS_ENDPOINT_URL + '/_lambdaport/events');
  if (summary.status !== 200) throw new Error('the runtime did not serve the call: ' + summary.status);
  mark('ok-slow-' + event.n);
  return {};
};
export const work = async (event) => {
  const before = readdirSync(marks).filter((name) => name.startsWith('start-work-' + event.n + '-')).length;
  mark('start-work-' + event.n);
  if (event.n < 10 && before === 0) throw new Error('first attempt of ' + event.n + ' fails');
  mark('ok-work-' + event.n);
  return {};
};
`;

let work: string;
let marks: string;
let state: string;
let dev: Running | undefined;
const orphans: number[] = [];

beforeEach(() => {
  work = mkdtempSync(path.join(tmpdir(), 'lambdaport-durable-'));
  marks = path.join(work, 'marks');
  state = path.join(work, 'state');
  mkdirSync(marks);
  mkdirSync(path.join(work, 'svc'));
  writeFileSync(path.join(work, 'svc/handler.mjs'), HANDLER);
  writeFileSync(path.join(work, 'svc/package.json'), '{ "type": "module", "private": true }\n');
  writeFileSync(
    path.join(work, 'svc/lambdaport.config.json'),
    JSON.stringify({
      service: 'durable',
      functions: {
        slow: { handler: 'handler.mjs#slow', timeout: 60, environment: { MARKS: marks } },
        work: { handler: 'handler.mjs#work', environment: { MARKS: marks } },
        held: { handler: 'handler.mjs#work', reservedConcurrency: 0, environment: { MARKS: marks } },
      },
    }),
  );
});

afterEach(async () => {
  if (dev !== undefined && dev.child.exitCode === null && dev.child.signalCode === null) {
    orphans.push(...descendants(dev.child.pid!));
    dev.child.kill('SIGKILL');
    await dev.exited;
  }
  for (const pid of orphans.splice(0)) if (alive(pid)) process.kill(pid, 'SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

function startDev(retryDelays: string): Running {
  return start([
    'dev',
    '--dir',
    path.join(work, 'svc'),
    '--port',
    '0',
    '--state',
    state,
    '--no-watch',
    '--retry-delays',
    retryDelays,
  ]);
}

async function urlOf(running: Running): Promise<string> {
  return (await running.waitFor(/lambdaport dev\s+(http:\/\/127\.0\.0\.1:\d+)/, 30_000))[1]!;
}

const failures = (): number => (dev!.stderr().match(/failed \(attempt 1\)/g) ?? []).length;
const count = (prefix: string): number => readdirSync(marks).filter((name) => name.startsWith(prefix)).length;
const distinct = (prefix: string): Set<string> =>
  new Set(
    readdirSync(marks)
      .filter((name) => name.startsWith(prefix))
      .map((name) => name.split('-')[2]!),
  );

async function sendAll(url: string): Promise<{ slow: string; work: string }> {
  const lambda = new LambdaClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  const names = { slow: '', work: '' };
  const banner = dev!.stdout();
  names.slow = banner.match(/durable\.slow\s+(\S+)/)![1]!;
  names.work = banner.match(/durable\.work\s+(\S+)/)![1]!;
  const statuses = await Promise.all(
    Array.from({ length: 100 }, async (_, i) => {
      const slow = i < 8;
      const out = await lambda.send(
        new InvokeCommand({
          FunctionName: slow ? names.slow : names.work,
          InvocationType: 'Event',
          Payload: JSON.stringify({ n: slow ? i : i - 8 }),
        }),
      );
      return out.StatusCode;
    }),
  );
  lambda.destroy();
  expect(statuses.every((status) => status === 202)).toBe(true);
  return names;
}

describe('Event invocations across kill -9 and SIGTERM (real processes)', () => {
  it('runs every accepted event after kill -9 and a restart with the same state: running, queued and retrying ones', async () => {
    dev = startDev('5000,5000');
    await sendAll(await urlOf(dev));
    // 4 slow events run (the per-function delivery limit) and 4 wait behind them; the 10 failing work events wait
    // for their retry; the other 82 work events are done
    await waitFor(() => count('start-slow-') === 4 && count('ok-work-') === 82 && failures() === 10, {
      what: 'the state before the kill',
      timeoutMs: 60_000,
    });
    expect(distinct('ok-work-').size).toBe(82);
    orphans.push(...descendants(dev.child.pid!));
    dev.child.kill('SIGKILL');
    await dev.exited;
    for (const pid of orphans.splice(0)) if (alive(pid)) process.kill(pid, 'SIGKILL');

    writeFileSync(path.join(work, 'release'), '');
    dev = startDev('5000,5000');
    await urlOf(dev);
    await waitFor(() => distinct('ok-slow-').size === 8 && distinct('ok-work-').size === 92, {
      what: 'every event to have run',
      timeoutMs: 60_000,
    });
    expect([...distinct('ok-slow-')].sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7']);
    // the events retried after the restart ran twice: their first (failed) attempt, then the retry
    for (let n = 0; n < 10; n++) expect(count(`start-work-${n}-`)).toBe(2);
  });

  it('SIGTERM: running events finish within the grace period, queued and waiting ones run at the next start', async () => {
    dev = startDev('5000,5000');
    await sendAll(await urlOf(dev));
    await waitFor(() => count('start-slow-') === 4 && count('ok-work-') === 82 && failures() === 10, {
      what: 'events running, queued and waiting',
      timeoutMs: 60_000,
    });
    dev.child.kill('SIGTERM');
    // the running slow events are released during the drain: they finish, none is failed by the shutdown
    await waitFor(() => /SIGTERM: stopping/.test(dev!.stderr()), { what: 'the stop to begin' });
    writeFileSync(path.join(work, 'release'), '');
    const exit = await dev.exited;
    expect(exit.code).toBe(0);
    expect(distinct('ok-slow-').size).toBe(4);
    expect(dev.stderr()).not.toMatch(/discarded|ECONNREFUSED|did not finish/);
    expect(failures()).toBe(10);

    dev = startDev('5000,5000');
    await urlOf(dev);
    await waitFor(() => distinct('ok-slow-').size === 8 && distinct('ok-work-').size === 92, {
      what: 'the rest to run after the restart',
      timeoutMs: 60_000,
    });
    // the four that finished during the drain did not run again
    expect(count('start-slow-')).toBe(8);
  });

  it('lambdaport events shows the queue of the running runtime (text and --json); dev logs the throttles', async () => {
    dev = startDev('5000,5000');
    const url = await urlOf(dev);
    const held = dev.stdout().match(/durable\.held\s+(\S+)/)![1]!;
    const lambda = new LambdaClient({
      endpoint: url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
    for (let n = 0; n < 3; n++) {
      await lambda.send(new InvokeCommand({ FunctionName: held, InvocationType: 'Event', Payload: `{"n":${n}}` }));
    }
    lambda.destroy();
    await waitFor(() => /throttled \(reserved concurrency used up\)/.test(dev!.stderr()), {
      what: 'a throttle logged',
    });

    const json = await run(['events', '--endpoint', url, '--json']);
    expect(json.code).toBe(0);
    const summary = JSON.parse(json.stdout);
    expect(summary).toMatchObject({
      durable: true,
      file: path.join(state, 'events', 'queue.log'),
      depth: 3,
      throttled: 3,
    });
    expect(summary.functions).toEqual([expect.objectContaining({ function: held, depth: 3, inFlight: 0 })]);
    expect(summary.oldestAgeMs).toBeGreaterThan(0);

    const text = await run(['events', '--endpoint', url]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/Event queue \(durable, .*queue\.log\)/);
    expect(text.stdout).toMatch(new RegExp(`${held}\\s+3\\s+0`));
    // each line of dev names the function and the request id
    expect(dev.stderr()).toMatch(new RegExp(`async invocation [0-9a-f-]{36} of ${held}:\\$LATEST throttled`));
    expect(dev.stdout()).toMatch(/events queued durably in .*queue\.log · retries after 5 s, 5 s/);
  });

  it('lambdaport events says so when nothing runs there', async () => {
    const result = await run(['events', '--endpoint', 'http://127.0.0.1:9']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('could not read the event queue of http://127.0.0.1:9');
  });

  it('refuses to start on a damaged queue file, naming it and how to recover, and changes nothing', async () => {
    const events = path.join(state, 'events');
    mkdirSync(events, { recursive: true });
    const file = path.join(events, 'queue.log');
    writeFileSync(file, 'not a queue at all');
    const result = await run(['dev', '--dir', path.join(work, 'svc'), '--port', '0', '--state', state, '--no-watch']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`The asynchronous-event log ${file} is damaged`);
    expect(result.stderr).toContain(`mv '${file}' '${file}.damaged'`);
    expect(readFileSync(file, 'utf8')).toBe('not a queue at all');
    expect(readdirSync(events)).toEqual(['queue.log']);
  });
});
