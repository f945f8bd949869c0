/**
 * Typed client against the raw SDK, to the same local function, in one process: alternating batches of sequential
 * calls, per-call latency. The typed client resolves `bench.echo` through its default registry (SSM on the local
 * runtime, cache warm after the first call); the raw SDK calls the deployed name with the same qualifier and parses
 * the JSON payload, as a caller would.
 * Usage: AWS_ENDPOINT_URL=http://127.0.0.1:PORT node client-timer.mjs <deployed name> <calls per batch> <rounds>
 */
import { performance } from 'node:perf_hooks';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { defineFunction } from 'lambdaport';
import { createClient } from 'lambdaport/client';
import { z } from 'zod';

const [deployedName, batchArg, roundsArg] = process.argv.slice(2);
const BATCH = Number(batchArg);
const ROUNDS = Number(roundsArg);
const endpoint = process.env.AWS_ENDPOINT_URL;
if (!deployedName || !endpoint?.startsWith('http://127.0.0.1:')) throw new Error('usage: see the file header');

const Echo = z.object({ id: z.number().int(), name: z.string(), tags: z.array(z.string()), n: z.number() });
const echo = defineFunction({ name: 'bench.echo', version: 1, description: 'echo', input: Echo, output: Echo });

const lambda = new LambdaClient({
  endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  maxAttempts: 1,
});
const typed = createClient(echo, { lambda, stage: 'dev' });
const decoder = new TextDecoder();
let seq = 0;
const input = () => ({ id: ++seq, name: 'bench', tags: ['a', 'b'], n: 1.5 });

const raw = async () => {
  const out = await lambda.send(
    new InvokeCommand({ FunctionName: deployedName, Qualifier: 'v1', Payload: JSON.stringify(input()) }),
  );
  if (out.FunctionError) throw new Error(`function error: ${decoder.decode(out.Payload)}`);
  return JSON.parse(decoder.decode(out.Payload));
};
const client = async () => typed.invoke(input());

/** @param {() => Promise<unknown>} call @param {number[]} into */
async function batch(call, into) {
  for (let i = 0; i < BATCH; i++) {
    const t0 = performance.now();
    await call();
    into.push(performance.now() - t0);
  }
}

// Warm both paths (connections, registry cache, JIT).
await batch(raw, []);
await batch(client, []);
/** @type {number[]} */ const rawMs = [];
/** @type {number[]} */ const clientMs = [];
for (let r = 0; r < ROUNDS; r++) {
  if (r % 2 === 0) {
    await batch(raw, rawMs);
    await batch(client, clientMs);
  } else {
    await batch(client, clientMs);
    await batch(raw, rawMs);
  }
}
lambda.destroy();
console.log(JSON.stringify({ batch: BATCH, rounds: ROUNDS, rawMs, clientMs }));
