/**
 * A seeded fuzz of the front door (test-support/front-door-fuzz/index.mjs) against a runtime in a real child process:
 * thousands of requests across every endpoint (Invoke, the Lambda read APIs, Function URLs, SSM, DynamoDB), about a
 * third well-formed and the rest broken every way the fuzzer knows. Afterwards: the process is alive, a normal invoke
 * answers correctly, no well-formed request was answered 5xx (or refused as badly signed), none hung, and nothing was
 * logged as an unexpected error.
 *
 * The seed is random and printed on failure; rerun one with `FUZZ_SEED=<seed>`. `FUZZ_REQUESTS` changes the count
 * (default 3,000). The long run is `node bench/fuzz/run.mjs`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFuzzer, describe as describeCase, runFuzz } from '../../../../test-support/front-door-fuzz/index.mjs';
import { signedFetch } from '../http/support/signed-fetch.js';
import { ROBUST_SERVICE, type RuntimeProcess, startRuntimeProcess } from '../support/runtime-process.js';
import { ROBUST_TABLE } from '../support/seeded-state.js';

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
const COUNT = Number(process.env.FUZZ_REQUESTS ?? 3000);
const LAMBDA = { accessKeyId: 'test', secretAccessKey: 'test', service: 'lambda' };

let runtime: RuntimeProcess;
beforeAll(async () => {
  runtime = await startRuntimeProcess({ dirs: [ROBUST_SERVICE], ephemeral: true });
});
afterAll(async () => {
  await runtime?.stop();
});

async function names(url: string): Promise<{ echo: string; size: string; web: string }> {
  const res = await signedFetch(`${url}/2015-03-31/functions/`, { method: 'GET' }, LAMBDA);
  const { Functions } = (await res.json()) as { Functions: { FunctionName: string }[] };
  const find = (fn: string) => Functions.find((f) => f.FunctionName.startsWith(`dev-robust-${fn}-`))!.FunctionName;
  return { echo: find('echo'), size: find('size'), web: find('web') };
}

describe('the front door under fuzz (real child process)', () => {
  it(`survives ${COUNT} fuzzed requests and answers every well-formed one below 500 (FUZZ_SEED=${SEED})`, async () => {
    const deployed = await names(runtime.url);
    const fuzzer = createFuzzer({ seed: SEED, names: deployed, table: ROBUST_TABLE });
    const refused: string[] = [];

    const summary = await runFuzz({
      port: Number(new URL(runtime.url).port),
      fuzzer,
      count: COUNT,
      concurrency: 8,
      onResult: (fuzzCase, result) => {
        if (fuzzCase.wellFormed && (result.status === 403 || result.status === undefined)) {
          refused.push(`${result.status ?? 'no answer'} ${describeCase(fuzzCase)}`);
        }
      },
    });
    const after = await signedFetch(
      `${runtime.url}/2015-03-31/functions/${deployed.echo}/invocations`,
      { method: 'POST', body: '{"after":"fuzz"}' },
      LAMBDA,
    );
    const unexpected = runtime.stderr().match(/.*unexpected error.*/g) ?? [];

    const context = `FUZZ_SEED=${SEED} FUZZ_REQUESTS=${COUNT}: ${JSON.stringify(summary.statuses)}`;
    expect(runtime.alive(), context).toBe(true);
    expect(summary.serverErrors, context).toEqual([]);
    expect(summary.hung, context).toEqual([]);
    expect(refused, context).toEqual([]);
    expect(unexpected, context).toEqual([]);
    expect(after.status, context).toBe(200);
    expect(await after.text(), context).toBe('{"echo":{"after":"fuzz"}}');
  }, 120_000);
});
