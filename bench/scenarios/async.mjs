/**
 * Asynchronous (`Event`) invocations: the durable queue (an fsync'd log in the state folder) against the in-memory one
 * (`--ephemeral`), in the same run, each in a runtime of its own process:
 *   - accepted events per second: autocannon in its own process replaying one signed `Event` Invoke (202s counted);
 *   - delivery latency: one event at a time, from the 202 (and from the send) to the handler's first line;
 *   - memory with 300 queued events of 1 MB (a function with reserved concurrency 0 holds them): the runtime's RSS;
 *   - the cost of fsync: appends to the log alone, one at a time (one fdatasync each) and 2,000 in one tick (group
 *     commit: one fdatasync for the batch).
 * Targets: the durable queue accepts ≥ 1,000 events/s and adds ≤ 2 ms to delivery (202 → handler start) at p50.
 * Run alone: node bench/scenarios/async.mjs
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { BENCH_DIR, REPO_DIR, TMP_DIR } from '../lib/paths.mjs';
import { QUIET_ENV } from '../lib/processes.mjs';
import { runIfMain } from '../lib/scenario.mjs';
import { captureInvokeRequest, headersWithoutLength } from '../lib/sdk-request.mjs';
import { round, summarize } from '../lib/stats.mjs';
import { lambdaport } from '../lib/tools/lambdaport.mjs';

const HANDLER = `import { appendFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
export const handler = async (event) => {
  if (event && event.mark !== undefined) appendFileSync(process.env.MARKS, event.mark + ' ' + (performance.timeOrigin + performance.now()) + '\\n');
  return {};
};
`;

/** A service dir: `sink` (marks when asked) and `held` (reserved concurrency 0: its events wait). */
function serviceDir() {
  mkdirSync(TMP_DIR, { recursive: true });
  const dir = mkdtempSync(`${TMP_DIR}/async-`);
  writeFileSync(`${dir}/handler.mjs`, HANDLER);
  writeFileSync(`${dir}/package.json`, '{ "type": "module", "private": true }\n');
  writeFileSync(
    `${dir}/lambdaport.config.json`,
    JSON.stringify({
      service: 'benchasync',
      functions: {
        sink: { handler: 'handler.mjs#handler', environment: { MARKS: `${dir}/marks` } },
        held: { handler: 'handler.mjs#handler', reservedConcurrency: 0 },
      },
    }),
  );
  writeFileSync(`${dir}/marks`, '');
  return { dir, lambdaportNames: {} };
}

/** @param {string} url */
function client(url) {
  return new LambdaClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
}

/** autocannon in its own process, replaying a signed Event Invoke; counts 202s. */
async function acceptRate(url, functionName, { connections, durationS, warmupS }) {
  const request = await captureInvokeRequest({ url, functionName, body: '{"n":1}', invocationType: 'Event' });
  const spec = {
    url,
    method: request.method,
    path: request.path,
    headers: headersWithoutLength(request),
    body: request.body,
    connections,
    durationS,
    warmupS,
  };
  const child = spawn(process.execPath, [`${BENCH_DIR}/lib/hosts/cannon.mjs`, JSON.stringify(spec)], {
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
  if (!line) throw new Error(`autocannon gave no result: ${err.slice(-1000)}`);
  const r = JSON.parse(line.slice(13));
  return {
    connections,
    durationS: r.durationS,
    accepted: r.ok,
    non2xx: r.non2xx,
    errors: r.errors,
    perSecond: r.throughput,
    latencyMs: r.latencyMs,
  };
}

/** One event at a time: send → 202 → the handler's first line (its mark). */
async function deliveryLatency(url, functionName, marksFile, count) {
  const lambda = client(url);
  const from202 = [];
  const fromSend = [];
  const accept = [];
  let seen = 0;
  try {
    for (let i = 0; i < count; i++) {
      const sentAt = performance.timeOrigin + performance.now();
      const out = await lambda.send(
        new InvokeCommand({
          FunctionName: functionName,
          InvocationType: 'Event',
          Payload: JSON.stringify({ mark: i }),
        }),
      );
      const acceptedAt = performance.timeOrigin + performance.now();
      if (out.StatusCode !== 202) throw new Error(`expected 202, got ${out.StatusCode}`);
      let startedAt;
      const deadline = Date.now() + 30_000;
      while (startedAt === undefined) {
        const lines = readFileSync(marksFile, 'utf8').split('\n').filter(Boolean);
        if (lines.length > seen) {
          const [mark, at] = lines[seen].split(' ');
          if (Number(mark) !== i) throw new Error(`expected mark ${i}, got ${mark}`);
          startedAt = Number(at);
          seen++;
        } else {
          if (Date.now() > deadline) throw new Error(`event ${i} did not start within 30 s`);
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
      if (i < 10) continue; // the first ones start environments
      accept.push(acceptedAt - sentAt);
      from202.push(startedAt - acceptedAt);
      fromSend.push(startedAt - sentAt);
    }
  } finally {
    lambda.destroy();
  }
  return {
    count: from202.length,
    acceptMs: summarize(accept),
    from202Ms: summarize(from202),
    fromSendMs: summarize(fromSend),
  };
}

/** 300 events of 1 MB to a function that holds them: the runtime's RSS (after a GC) before and after. */
async function memoryWithQueuedPayloads(runtime, functionName, count) {
  const lambda = client(runtime.url);
  const payload = JSON.stringify({ blob: 'x'.repeat(1_048_576 - 20) });
  const before = await runtime.heap();
  try {
    for (let i = 0; i < count; i++) {
      const out = await lambda.send(
        new InvokeCommand({ FunctionName: functionName, InvocationType: 'Event', Payload: payload }),
      );
      if (out.StatusCode !== 202) throw new Error(`expected 202, got ${out.StatusCode}`);
    }
  } finally {
    lambda.destroy();
  }
  const after = await runtime.heap();
  return {
    events: count,
    payloadBytes: payload.length,
    rssBeforeMiB: round(before.rssMiB, 1),
    rssAfterMiB: round(after.rssMiB, 1),
    heapBeforeMiB: round(before.heapUsedMiB, 1),
    heapAfterMiB: round(after.heapUsedMiB, 1),
    externalAfterMiB: round(after.externalMiB ?? 0, 1),
  };
}

/** The log alone: one append at a time (one fdatasync each), and 2,000 in one tick (one batch). */
async function fsyncCost(quick) {
  const { openEventLog } = await import(`${REPO_DIR}/packages/local/dist/lambda/async/event-log.js`);
  mkdirSync(TMP_DIR, { recursive: true });
  const dir = mkdtempSync(`${TMP_DIR}/async-log-`);
  try {
    const log = openEventLog({ dir, log: () => {} });
    const header = (i) => ({ id: `e${i}`, fn: 'f', version: '$LATEST', arn: 'arn', at: Date.now() });
    const payload = Buffer.from('{"n":1}');
    const one = [];
    for (let i = 0; i < (quick ? 100 : 500); i++) {
      const t0 = performance.now();
      await log.append([{ accepted: header(i), payload }]);
      one.push(performance.now() - t0);
    }
    const batch = quick ? 500 : 2000;
    const t0 = performance.now();
    await Promise.all(Array.from({ length: batch }, (_, i) => log.append([{ accepted: header(`b${i}`), payload }])));
    const batchMs = performance.now() - t0;
    await log.close();
    return {
      oneAppendMs: summarize(one),
      batch: { appends: batch, totalMs: round(batchMs, 2), perAppendUs: round((batchMs / batch) * 1000, 1) },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** @type {import('../lib/scenario.mjs').Scenario} */
export const scenario = {
  id: 'async',
  title:
    'Event invocations: the durable queue against the in-memory one (accept rate, delivery latency, memory, fsync)',
  async run({ quick, lambdaport: status }) {
    if (!status.ok) return { skipped: { lambdaport: status.reason } };
    const cannon = { connections: 16, durationS: quick ? 3 : 10, warmupS: 1 };
    const latencyCount = quick ? 60 : 310;
    const memoryCount = quick ? 50 : 300;
    const queues = {};
    for (const kind of ['durable', 'memory']) {
      const service = serviceDir();
      const state = `${service.dir}/state`;
      const runtime = await lambdaport.start(
        service,
        kind === 'durable'
          ? { ephemeral: false, state, prebootSpares: true }
          : { ephemeral: true, prebootSpares: true },
      );
      try {
        const names = runtime.names;
        console.error(`  ${kind}: delivery latency (${latencyCount} events, one at a time)`);
        const latency = await deliveryLatency(runtime.url, names.sink, `${service.dir}/marks`, latencyCount);
        console.error(
          `  ${kind}: accept rate while delivering (autocannon, ${cannon.connections} connections, ${cannon.durationS} s)`,
        );
        const accept = await acceptRate(runtime.url, names.sink, cannon);
        // the events of a function with reserved concurrency 0 wait: this is the queue's own accept path (measured
        // before the 300 MB of the memory test, whose writeback would slow every fsync after it)
        console.error(`  ${kind}: accept rate, events held (autocannon, 16 and 64 connections)`);
        const acceptHeld = await acceptRate(runtime.url, names.held, cannon);
        const acceptHeld64 = await acceptRate(runtime.url, names.held, { ...cannon, connections: 64 });
        console.error(`  ${kind}: ${memoryCount} queued events of 1 MB`);
        const memory = await memoryWithQueuedPayloads(runtime, names.held, memoryCount);
        queues[kind] = { accept, acceptHeld, acceptHeld64, latency, memory };
        console.error(
          `  ${kind}: ${accept.perSecond} events/s accepted while delivering, ${acceptHeld.perSecond} held (${acceptHeld64.perSecond} on 64 connections); 202 → handler start p50 ${latency.from202Ms.p50} ms; RSS ${memory.rssBeforeMiB} → ${memory.rssAfterMiB} MiB`,
        );
      } finally {
        await runtime.stop();
        rmSync(service.dir, { recursive: true, force: true });
      }
    }
    const fsync = await fsyncCost(quick);
    const durable = queues.durable;
    const memory = queues.memory;
    return {
      queues,
      fsync,
      acceptPerSecondDurable: durable.acceptHeld64.perSecond,
      acceptPerSecondDurable16: durable.acceptHeld.perSecond,
      acceptPerSecondDurableWhileDelivering: durable.accept.perSecond,
      deliveryAddedP50Ms: round(durable.latency.from202Ms.p50 - memory.latency.from202Ms.p50, 3),
      deliveryFromSendAddedP50Ms: round(durable.latency.fromSendMs.p50 - memory.latency.fromSendMs.p50, 3),
    };
  },
};

runIfMain(import.meta.url, scenario);
