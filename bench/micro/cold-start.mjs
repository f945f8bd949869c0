// Cold start of the records example (examples/records, function `get`), measured through the invoker (a benchmark, not a
// test; run after `npx tsc -b`, from the repo root):
//   node bench/micro/cold-start.mjs            RUNS=15 by default; PREBOOT=0|1|both (default both)
// A cold start here is: a call that finds no warm environment (retire() before each), so process start, init (module
// load) and the first call (a DynamoDB GetItem against the embedded dynalite, through the front door) are included.
// With pre-booted spares the process start is paid in the background: each run waits for the spare to be ready
// (as a developer's pause between saves would), so the figure is what a user sees on a fresh function.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createBuilder } from '../../packages/local/dist/build/index.js';
import { createInvoker } from '../../packages/local/dist/lambda/environments/index.js';
import { startLocal } from '../../packages/local/dist/start-local.js';

const runs = Number(process.env.RUNS ?? 15);
const modes = (process.env.PREBOOT ?? 'both') === 'both' ? [false, true] : [process.env.PREBOOT === '1'];
const fnName = process.env.FN ?? 'get';
const payload = process.env.PAYLOAD ?? '{"id":1}';
const pause = Number(process.env.PAUSE_MS ?? 400);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms) => `${ms.toFixed(1)} ms`;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const recordsDir = fileURLToPath(new URL('../../examples/records/', import.meta.url));
const local = await startLocal({ dirs: [recordsDir], ephemeral: true });
const fn = local.functions.find((f) => f.name === fnName);
if (!fn) throw new Error(`no function ${fnName}`);

const bare = [];
for (let i = 0; i < 7; i++) {
  const t = performance.now();
  execFileSync(process.execPath, ['-e', '0']);
  bare.push(performance.now() - t);
}
console.log(`bare 'node -e 0' spawn      median ${fmt(median(bare))} (n=7)`);

for (const preboot of modes) {
  const builder = createBuilder();
  const invoker = createInvoker({
    builder,
    env: { AWS_ENDPOINT_URL: local.url },
    ...(preboot === undefined ? {} : { prebootSpares: preboot }),
  });
  const request = () => ({
    requestId: randomUUID(),
    payload: Buffer.from(payload),
    clientContext: undefined,
    invokedFunctionArn: fn.arn,
    tail: false,
  });
  const t0 = performance.now();
  await builder.code(fn, '$LATEST');
  const build = performance.now() - t0;
  // one untimed call: the code cache (when any) is written after the first load, as after a rebuild
  await invoker.invoke(fn, '$LATEST', request());
  const cold = [];
  const warm = [];
  for (let i = 0; i < runs; i++) {
    invoker.retire(fn);
    await sleep(pause);
    const t = performance.now();
    const result = await invoker.invoke(fn, '$LATEST', request());
    cold.push(performance.now() - t);
    if (result.functionError) throw new Error(`call failed: ${result.payload.toString()}`);
    const w = performance.now();
    await invoker.invoke(fn, '$LATEST', request());
    warm.push(performance.now() - w);
  }
  await invoker.stop();
  await builder.stop();
  if (process.env.SAMPLES)
    console.log(`samples ${preboot ? 'spare' : 'plain'} ${JSON.stringify(cold.map(Math.round))}`);
  console.log(
    `records.${fnName} cold start  prebootSpares=${preboot}  median ${fmt(median(cold))} (min ${fmt(Math.min(...cold))}, max ${fmt(Math.max(...cold))}, n=${runs}); warm ${fmt(median(warm))}; build ${fmt(build)}`,
  );
}
await local.stop();
