/**
 * Per-call cost of several bundled handlers, in one process: each is built with the same in-memory repository and
 * called with the same events and Lambda-shaped context; rounds alternate the order so drift and GC hit all alike.
 * Usage: node handler-timer.mjs <calls> <rounds> <id>=<bundle> ... Prints JSON: median ns per call of each.
 */
import { pathToFileURL } from 'node:url';

const [callsArg, roundsArg, ...specs] = process.argv.slice(2);
const CALLS = Number(callsArg);
const ROUNDS = Number(roundsArg);

const records = new Map(
  Array.from({ length: 20 }, (_, i) => [
    i + 1,
    { id: i + 1, title: `record ${i + 1}`, status: 'active', createdAt: '2026-01-01T09:00:00.000Z' },
  ]),
);
const deps = { records: { get: async (/** @type {number} */ id) => records.get(id) } };
const context = {
  awsRequestId: '8f4b7c1e-0000-4000-8000-000000000000',
  functionName: 'dev-records-get-abc123',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:dev-records-get-abc123',
  memoryLimitInMB: '256',
  logGroupName: '/aws/lambda/dev-records-get-abc123',
  logStreamName: '2026/11/26/[$LATEST]0000',
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 3000,
};
const events = [{ id: 1 }, { id: 7 }, { id: 13 }, { id: 20 }];

/** @type {{ id: string, handler: (e: unknown, c: unknown) => Promise<unknown> }[]} */
const handlers = [];
for (const spec of specs) {
  const [id, file] = spec.split('=');
  const mod = await import(pathToFileURL(/** @type {string} */ (file)).href);
  handlers.push({ id: /** @type {string} */ (id), handler: mod.createHandler(() => deps) });
}

// Same answer from every handler.
const expected = JSON.stringify(records.get(7));
for (const h of handlers) {
  const got = JSON.stringify(await h.handler({ id: 7 }, context));
  if (got !== expected) throw new Error(`${h.id} answered ${got}, expected ${expected}`);
}

/** @param {(e: unknown, c: unknown) => Promise<unknown>} fn */
async function time(fn) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < CALLS; i++) await fn(events[i & 3], context);
  return Number(process.hrtime.bigint() - start) / CALLS;
}

for (const h of handlers) await time(h.handler); // warm up the JIT
/** @type {Record<string, number[]>} */
const samples = Object.fromEntries(handlers.map((h) => [h.id, []]));
for (let r = 0; r < ROUNDS; r++) {
  const order = r % 2 === 0 ? handlers : [...handlers].reverse();
  for (const h of order) samples[h.id]?.push(await time(h.handler));
}
const median = (/** @type {number[]} */ xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? Number.NaN;
console.log(
  JSON.stringify({
    calls: CALLS,
    rounds: ROUNDS,
    nsPerCall: Object.fromEntries(Object.entries(samples).map(([id, xs]) => [id, Math.round(median(xs))])),
  }),
);
