/**
 * A seeded fuzzer of the local runtime's front door, shared by the fuzz test
 * (`packages/local/test/front-door/fuzz.test.ts`, a few thousand requests in `npm test`) and the long run
 * (`bench/fuzz/run.mjs`, 100,000). Every endpoint: Invoke, the Lambda read APIs, Function URLs, SSM and DynamoDB.
 * Each case is either well-formed (a request a real client could send: it must never get a 5xx) or malformed (broken
 * JSON, odd methods, bad or huge content-length, bad signatures, broken UTF-8, deep nesting, random headers, long paths,
 * raw garbage, early disconnects: anything but a dead runtime is fine). Requests go over raw sockets, byte for byte.
 *
 * Parts: values.mjs (random values), cases.mjs (well-formed requests), malform.mjs (how they are broken), wire.mjs
 * (signing, encoding, sending). Types: index.d.mts.
 */
import { dynamodbCase, functionUrlCase, invokeCase, lambdaReadCase, ssmCase } from './cases.mjs';
import { malform } from './malform.mjs';
import { random } from './values.mjs';
import { send } from './wire.mjs';

export { random } from './values.mjs';
export { send } from './wire.mjs';

/**
 * The fuzzer: `next()` gives the next case (a request to send and what it is), the same sequence for the same seed.
 * About one case in three is well-formed.
 */
export function createFuzzer({ seed, names, table }) {
  const rng = random(seed);
  let id = 0;
  return {
    seed,
    next() {
      const endpoint = rng.pick(['invoke', 'invoke', 'lambda-read', 'function-url', 'ssm', 'dynamodb', 'dynamodb']);
      const request =
        endpoint === 'invoke'
          ? invokeCase(rng, names)
          : endpoint === 'lambda-read'
            ? lambdaReadCase(rng, names)
            : endpoint === 'function-url'
              ? functionUrlCase(rng, names)
              : endpoint === 'ssm'
                ? ssmCase(rng)
                : dynamodbCase(rng, table);
      const wellFormed = rng.chance(0.35);
      const how = wellFormed ? 'well-formed' : malform(rng, request, table);
      id++;
      return { id, endpoint, wellFormed, how, request };
    },
  };
}

/**
 * Runs `count` cases with `concurrency` connections at a time; calls `onResult` for each; resolves with a summary:
 * counts by status, the well-formed cases answered 5xx, the cases that hung, requests per second.
 */
export async function runFuzz({ port, fuzzer, count, concurrency = 8, onResult }) {
  const statuses = {};
  const serverErrors = [];
  const hung = [];
  let sent = 0;
  const started = Date.now();
  const worker = async () => {
    while (sent < count) {
      sent++;
      const fuzzCase = fuzzer.next();
      const result = await send(port, fuzzCase);
      const key = result.status === undefined ? 'closed' : String(result.status);
      statuses[key] = (statuses[key] ?? 0) + 1;
      if (result.hung) hung.push(describe(fuzzCase));
      if (fuzzCase.wellFormed && result.status !== undefined && result.status >= 500) {
        serverErrors.push(`${result.status} ${describe(fuzzCase)}`);
      }
      onResult?.(fuzzCase, result);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (Date.now() - started) / 1000;
  return { count, seconds, perSecond: count / seconds, statuses, serverErrors, hung };
}

/** One line saying what a case was. */
export function describe(fuzzCase) {
  const { request } = fuzzCase;
  const target = request.headers?.['x-amz-target'] ?? '';
  return `#${fuzzCase.id} ${fuzzCase.endpoint} ${fuzzCase.how}: ${request.method} ${String(request.path).slice(0, 80)} ${target} ${request.body?.subarray(0, 120).toString('utf8') ?? ''}`;
}
