/**
 * Client overhead: `createClient(contract).invoke()` against a raw `LambdaClient.send(new InvokeCommand(...))`
 * to the same function, cache warm.
 *
 * 1. Over the wire: the bench echo function on lambdaport's local runtime (its own process); alternating batches of
 *    sequential calls from this process; p50 of each and the ratio (target: typed ≤ 1.05 × raw at p50).
 * 2. Without a network: both through the same SDK client whose request handler answers at once, which isolates what
 *    the typed client adds per call (validation both ways, registry look-up, guards, deadline, error decoding).
 *
 * Also counts SSM requests during the timed calls (expected: 0, the registry cache is warm).
 * Rerun: npm run build && node bench/client-overhead/run.mjs [--batch 250] [--rounds 8]
 * Prints a summary on stderr and one JSON line on stdout.
 */
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { SSMClient } from '@aws-sdk/client-ssm';
import { defineFunction } from 'lambdaport';
import { createClient } from 'lambdaport/client';
import { ssmRegistry, staticRegistry } from 'lambdaport/registry';
import { z } from 'zod';
import { makeServiceDir, removeServiceDir } from '../lib/service-dir.mjs';
import { ratio, round, summarize } from '../lib/stats.mjs';
import { lambdaport } from '../lib/tools/lambdaport.mjs';

const { values } = parseArgs({ options: { batch: { type: 'string' }, rounds: { type: 'string' } } });
const BATCH = Number(values.batch ?? 250);
const ROUNDS = Number(values.rounds ?? 8);
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

const Echo = z.object({ id: z.number().int(), name: z.string(), tags: z.array(z.string()), n: z.number() });
const echo = defineFunction({ name: 'bench.echo', version: 1, description: 'echo', input: Echo, output: Echo });
const decoder = new TextDecoder();
let seq = 0;
const input = () => ({ id: ++seq, name: 'bench', tags: ['a', 'b'], n: 1.5 });

/** Alternating batches of sequential calls; per-call latency in ms. */
async function compare(raw, typed) {
  const rawMs = [];
  const typedMs = [];
  const batch = async (call, into) => {
    for (let i = 0; i < BATCH; i++) {
      const t0 = performance.now();
      await call();
      into?.push(performance.now() - t0);
    }
  };
  await batch(raw);
  await batch(typed);
  for (let r = 0; r < ROUNDS; r++) {
    const pair = r % 2 === 0 ? [raw, rawMs, typed, typedMs] : [typed, typedMs, raw, rawMs];
    await batch(pair[0], pair[1]);
    await batch(pair[2], pair[3]);
  }
  const rawStats = summarize(rawMs, 4);
  const typedStats = summarize(typedMs, 4);
  const r = ratio(typedStats.p50, rawStats.p50);
  return {
    calls: rawMs.length,
    rawMs: rawStats,
    typedMs: typedStats,
    ratioP50: r,
    overheadP50Percent: r === null ? null : round((r - 1) * 100, 2),
    extraUsP50: round((typedStats.p50 - rawStats.p50) * 1000, 1),
  };
}

/** Over the wire, against the local runtime. */
async function overTheWire() {
  const status = await lambdaport.available();
  if (!status.ok) return { skipped: status.reason };
  const service = makeServiceDir('client-overhead-h5', [{ name: 'echo', file: 'echo.mjs' }]);
  const instance = await lambdaport.start(service);
  const lambda = new LambdaClient({ endpoint: instance.url, region: 'us-east-1', credentials, maxAttempts: 1 });
  const ssm = new SSMClient({ endpoint: instance.url, region: 'us-east-1', credentials, maxAttempts: 1 });
  let ssmRequests = 0;
  ssm.middlewareStack.add(
    (next) => (args) => {
      ssmRequests++;
      return next(args);
    },
    { step: 'finalizeRequest', name: 'count' },
  );
  try {
    const typed = createClient(echo, { lambda, registry: ssmRegistry({ ssm, stage: 'dev' }) });
    const deployed = /** @type {string} */ (service.lambdaportNames.echo);
    const raw = async () => {
      const out = await lambda.send(
        new InvokeCommand({ FunctionName: deployed, Qualifier: 'v1', Payload: JSON.stringify(input()) }),
      );
      if (out.FunctionError) throw new Error(decoder.decode(out.Payload));
      return JSON.parse(decoder.decode(out.Payload));
    };
    await typed.invoke(input()); // the registry loads once here
    const before = ssmRequests;
    const result = await compare(raw, () => typed.invoke(input()));
    return { ...result, ssmRequestsWhileTimed: ssmRequests - before };
  } finally {
    lambda.destroy();
    ssm.destroy();
    await instance.stop();
    removeServiceDir(service.dir);
  }
}

/** Without a network: an SDK client whose handler answers at once with the echo of the request body. */
async function withoutNetwork() {
  const requestHandler = {
    async handle(request) {
      const body = typeof request.body === 'string' ? Buffer.from(request.body) : Buffer.from(request.body ?? '');
      return {
        response: {
          statusCode: 200,
          headers: { 'x-amz-executed-version': '1', 'content-type': 'application/json' },
          body: Readable.from([body]),
        },
      };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
  };
  const lambda = new LambdaClient({
    endpoint: 'http://127.0.0.1:9',
    region: 'us-east-1',
    credentials,
    maxAttempts: 1,
    requestHandler,
  });
  const fn = 'arn:aws:lambda:us-east-1:000000000000:function:dev-bench-echo-000000';
  const typed = createClient(echo, { lambda, registry: staticRegistry({ 'bench.echo': fn }) });
  const raw = async () => {
    const out = await lambda.send(
      new InvokeCommand({ FunctionName: fn, Qualifier: 'v1', Payload: JSON.stringify(input()) }),
    );
    return JSON.parse(decoder.decode(out.Payload));
  };
  const typedCall = () => typed.invoke(input());
  const latency = await compare(raw, typedCall);
  // CPU time per call (user + system of this process): robust to other load on the machine, unlike wall time.
  const cpu = { raw: [], typed: [] };
  for (let r = 0; r < ROUNDS; r++) {
    for (const [key, call] of r % 2 === 0
      ? [
          ['raw', raw],
          ['typed', typedCall],
        ]
      : [
          ['typed', typedCall],
          ['raw', raw],
        ]) {
      const start = process.cpuUsage();
      for (let i = 0; i < BATCH * 4; i++) await call();
      const used = process.cpuUsage(start);
      cpu[key].push((used.user + used.system) / (BATCH * 4));
    }
  }
  const rawCpu = summarize(cpu.raw, 2);
  const typedCpu = summarize(cpu.typed, 2);
  return {
    ...latency,
    cpuUsPerCall: { raw: rawCpu.p50, typed: typedCpu.p50, extra: round(typedCpu.p50 - rawCpu.p50, 2) },
  };
}

const wire = await overTheWire();
const local = await withoutNetwork();
const result = { batch: BATCH, rounds: ROUNDS, overTheWire: wire, withoutNetwork: local };
if ('skipped' in wire) console.error(`over the wire: skipped (${wire.skipped})`);
else {
  console.error(
    `over the wire: raw p50 ${wire.rawMs.p50} ms, typed p50 ${wire.typedMs.p50} ms → ratio ${wire.ratioP50} ` +
      `(${wire.overheadP50Percent}%, +${wire.extraUsP50} µs); SSM requests while timed: ${wire.ssmRequestsWhileTimed}`,
  );
}
console.error(
  `without a network: raw p50 ${local.rawMs.p50} ms, typed p50 ${local.typedMs.p50} ms (+${local.extraUsP50} µs); ` +
    `CPU per call: raw ${local.cpuUsPerCall.raw} µs, typed ${local.cpuUsPerCall.typed} µs (+${local.cpuUsPerCall.extra} µs)`,
);
console.log(JSON.stringify(result));
