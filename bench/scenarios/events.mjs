/**
 * Events through a queue: an event published with PutEvents, matched by a rule, put on the subscriber's queue and
 * delivered by the event source mapping in batches of up to 10, against a direct `Event` invocation of the same
 * handler, in the same run and the same runtime (its own process, in memory: both paths without persistence):
 *   - latency, one event at a time: from the send (its `sentAt`, in the event) to the handler's first line, p50/p99;
 *   - throughput: a generator in its own process sends N events (PutEvents, 10 entries per request, 8 in flight; or N
 *     `Event` invocations, 80 in flight: the same events in flight), and the handler marks each; messages per second
 *     delivered (first send → last handler start), and the latency of each message under that load.
 * The queue path adds a PutEvents, a rule match, an SQS send (the queue's log) and a poll to the async queue's path.
 * Run alone: node bench/scenarios/events.mjs
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { BENCH_DIR, TMP_DIR } from '../lib/paths.mjs';
import { QUIET_ENV } from '../lib/processes.mjs';
import { runIfMain } from '../lib/scenario.mjs';
import { round, summarize } from '../lib/stats.mjs';
import { lambdaport } from '../lib/tools/lambdaport.mjs';

const SERVICE = 'benchevents';
const EVENT = 'Tick';
const BATCH_SIZE = 10;

/** Marks each message: its mark, when it was sent, when the handler started, and the size of its batch. */
const HANDLER = `import { appendFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
export const handler = async (event) => {
  const at = performance.timeOrigin + performance.now();
  const records = Array.isArray(event?.Records) ? event.Records : undefined;
  const details = records === undefined ? [event] : records.map((r) => JSON.parse(r.body).detail);
  const size = details.length;
  appendFileSync(process.env.MARKS, details.map((d) => d.mark + ' ' + d.sentAt + ' ' + at + ' ' + size + '\\n').join(''));
  return records === undefined ? {} : { batchItemFailures: [] };
};
`;

/** A service dir: `viaQueue` subscribes to Tick through a queue (batch size 10); `direct` is the same handler. */
function serviceDir() {
  mkdirSync(TMP_DIR, { recursive: true });
  const dir = mkdtempSync(`${TMP_DIR}/events-`);
  writeFileSync(`${dir}/handler.mjs`, HANDLER);
  writeFileSync(`${dir}/package.json`, '{ "type": "module", "private": true }\n');
  writeFileSync(
    `${dir}/lambdaport.config.json`,
    JSON.stringify({
      service: SERVICE,
      events: { [EVENT]: { description: 'A bench event' } },
      functions: {
        viaQueue: {
          handler: 'handler.mjs#handler',
          environment: { MARKS: `${dir}/marks-queue` },
          subscribe: [`${SERVICE}.${EVENT}`],
          queue: { batchSize: BATCH_SIZE, maximumBatchingWindowInSeconds: 0 },
        },
        direct: { handler: 'handler.mjs#handler', environment: { MARKS: `${dir}/marks-direct` } },
      },
    }),
  );
  writeFileSync(`${dir}/marks-queue`, '');
  writeFileSync(`${dir}/marks-direct`, '');
  return { dir, lambdaportNames: {} };
}

const CLIENT = {
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  maxAttempts: 1,
};
const now = () => performance.timeOrigin + performance.now();

/** The marks file's lines: `{ mark, sentAt, startedAt, batch }`. @param {string} file */
function readMarks(file) {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [mark, sentAt, startedAt, batch] = line.split(' ').map(Number);
      return { mark, sentAt, startedAt, batch };
    });
}

/** Waits until the marks file has `count` lines (polling; the wait is bounded). @param {string} file @param {number} count */
async function waitForMarks(file, count, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const marks = readMarks(file);
    if (marks.length >= count) return marks;
    if (Date.now() > deadline) throw new Error(`${marks.length} of ${count} marks in ${file} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * Rethrows a wait that ran out with what the runtime says: its queue summary and the last lines it printed.
 * @param {{ url: string, output: string[] }} runtime @param {Error} error @returns {Promise<never>}
 */
async function stalled(runtime, error) {
  const summary = await fetch(`${runtime.url}/_lambdaport/events`)
    .then((r) => r.text())
    .catch((e) => `(no summary: ${e.message})`);
  throw new Error(
    `${error.message}\nqueue summary: ${summary}\nruntime output:\n${runtime.output.slice(-20).join('\n')}`,
  );
}

/** One event at a time, `count` of them: send → handler start. @param {'queue' | 'direct'} path */
async function oneAtATime(runtime, service, path, count) {
  const url = runtime.url;
  const file = `${service.dir}/marks-${path}`;
  const events = new EventBridgeClient({ ...CLIENT, endpoint: url });
  const lambda = new LambdaClient({ ...CLIENT, endpoint: url });
  const seen = readMarks(file).length;
  try {
    for (let i = 0; i < count; i++) {
      const detail = JSON.stringify({ mark: i, sentAt: now() });
      if (path === 'queue') {
        const out = await events.send(
          new PutEventsCommand({
            Entries: [{ Source: SERVICE, DetailType: EVENT, EventBusName: `dev-${SERVICE}`, Detail: detail }],
          }),
        );
        if (out.FailedEntryCount !== 0) throw new Error(`PutEvents refused: ${JSON.stringify(out.Entries)}`);
      } else {
        const out = await lambda.send(
          new InvokeCommand({ FunctionName: runtime.names.direct, InvocationType: 'Event', Payload: detail }),
        );
        if (out.StatusCode !== 202) throw new Error(`expected 202, got ${out.StatusCode}`);
      }
      await waitForMarks(file, seen + i + 1, 30_000);
    }
  } finally {
    events.destroy();
    lambda.destroy();
  }
  // the first ones start environments and pollers
  const marks = readMarks(file).slice(seen + Math.min(10, count - 1));
  return { count: marks.length, sendToStartMs: summarize(marks.map((m) => m.startedAt - m.sentAt)) };
}

/** `count` events from the generator process, as fast as it sends them. @param {'queue' | 'direct'} path */
async function throughput(runtime, service, path, { count, concurrency, firstMark }) {
  const file = `${service.dir}/marks-${path}`;
  const seen = readMarks(file).length;
  const spec = {
    url: runtime.url,
    mode: path === 'queue' ? 'put-events' : 'invoke',
    source: SERVICE,
    detailType: EVENT,
    bus: `dev-${SERVICE}`,
    functionName: runtime.names.direct,
    count,
    concurrency,
    firstMark,
  };
  const child = spawn(process.execPath, [`${BENCH_DIR}/lib/hosts/event-generator.mjs`, JSON.stringify(spec)], {
    env: { ...process.env, ...QUIET_ENV },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => {
    out += chunk;
  });
  child.stderr.on('data', (chunk) => {
    err += chunk;
  });
  await new Promise((resolve) => child.on('exit', resolve));
  const line = out.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
  if (!line) throw new Error(`the event generator gave no result: ${err.slice(-1000)}`);
  const sent = JSON.parse(line.slice(13));
  if (sent.refused > 0) throw new Error(`${sent.refused} events refused by the runtime`);
  const marks = (await waitForMarks(file, seen + count).catch((error) => stalled(runtime, error))).slice(seen);
  const lastStart = Math.max(...marks.map((m) => m.startedAt));
  const batches = marks.map((m) => m.batch);
  return {
    count,
    concurrency,
    requests: sent.requests,
    publishPerSecond: round(count / ((sent.endedAt - sent.startedAt) / 1000), 0),
    deliveredPerSecond: round(count / ((lastStart - sent.startedAt) / 1000), 0),
    sendToStartMs: summarize(marks.map((m) => m.startedAt - m.sentAt)),
    meanBatch: round(batches.reduce((a, b) => a + b, 0) / batches.length, 2),
  };
}

/** @type {import('../lib/scenario.mjs').Scenario} */
export const scenario = {
  id: 'events',
  title:
    'Events through a queue (PutEvents → rule → SQS → event source mapping, batch size 10) against direct Event invocations',
  peers: false,
  async run({ quick, lambdaport: status }) {
    if (!status.ok) return { skipped: { lambdaport: status.reason } };
    const latencyCount = quick ? 40 : 310;
    // the same number of events in flight on both paths: 8 PutEvents of 10 entries, or 80 Invokes of one
    const count = quick ? 500 : 5000;
    const loadOf = { queue: { count, concurrency: 8 }, direct: { count, concurrency: 8 * BATCH_SIZE } };
    // the default of `lambdaport dev` first (durable: events, queues and messages fsynced in the state folder), then
    // both paths in memory (--ephemeral); each in a runtime of its own, the two paths side by side in each
    const kinds = {};
    for (const kind of /** @type {const} */ (['durable', 'memory'])) {
      const service = serviceDir();
      const runtime = await lambdaport.start(
        service,
        kind === 'durable'
          ? { ephemeral: false, state: `${service.dir}/state`, prebootSpares: true }
          : { ephemeral: true, prebootSpares: true },
      );
      try {
        const latency = {};
        const loads = {};
        for (const path of /** @type {const} */ (['direct', 'queue'])) {
          console.error(`  ${kind} ${path}: latency, ${latencyCount} events one at a time`);
          latency[path] = await oneAtATime(runtime, service, path, latencyCount);
        }
        for (const path of /** @type {const} */ (['direct', 'queue'])) {
          console.error(
            `  ${kind} ${path}: throughput, ${loadOf[path].count} events from a generator process (${loadOf[path].concurrency} requests in flight)`,
          );
          loads[path] = await throughput(runtime, service, path, { ...loadOf[path], firstMark: 1_000_000 });
          console.error(
            `  ${kind} ${path}: ${loads[path].deliveredPerSecond} messages/s delivered (${loads[path].publishPerSecond}/s sent), send → start p50 ${loads[path].sendToStartMs.p50} ms, mean batch ${loads[path].meanBatch}`,
          );
        }
        const q = latency.queue.sendToStartMs;
        const d = latency.direct.sendToStartMs;
        kinds[kind] = {
          latency,
          throughput: loads,
          queueP50Ms: q.p50,
          queueP99Ms: q.p99,
          directP50Ms: d.p50,
          directP99Ms: d.p99,
          latencyRatioP50: round(q.p50 / d.p50, 2),
          latencyRatioP99: round(q.p99 / d.p99, 2),
          queueMessagesPerSecond: loads.queue.deliveredPerSecond,
          directMessagesPerSecond: loads.direct.deliveredPerSecond,
          throughputRatio: round(loads.queue.deliveredPerSecond / loads.direct.deliveredPerSecond, 2),
        };
      } finally {
        await runtime.stop();
        rmSync(service.dir, { recursive: true, force: true });
      }
    }
    // the headline figures are the durable runtime's (what `lambdaport dev` runs by default)
    return { batchSize: BATCH_SIZE, ...kinds.durable, durable: kinds.durable, memory: kinds.memory };
  },
};

runIfMain(import.meta.url, scenario);
