#!/usr/bin/env node
/**
 * Per-invocation cost of lambdaport's invokeHandler against a hand-written handler doing the same zod validation.
 *
 * Both call the same async logic (a Map lookup) with the same Lambda-shaped context. Output validation is off (its
 * production default; the hand-written handler does not validate output either). Three cases: a logic that never
 * reads the deadline signal; one that reads it, where both handlers reuse one AbortController and timer across calls;
 * and one that leaves a listener on it, where both build a new controller and timer per call.
 *
 * Rerun: npm run build && node bench/handler-overhead/run.mjs [--calls 200000] [--rounds 9]
 * Target: at most 1.2x, or at most +2 µs per call.
 */
import { parseArgs } from 'node:util';
import { defineError, defineFunction, implement } from 'lambdaport';
import { invokeHandler } from 'lambdaport/handlers';
import { z } from 'zod';

const { values } = parseArgs({
  options: { calls: { type: 'string', default: '200000' }, rounds: { type: 'string', default: '9' } },
});
const CALLS = Number(values.calls);
const ROUNDS = Number(values.rounds);

const Input = z.object({ id: z.number().int().nonnegative() });
const Output = z.object({ id: z.number(), title: z.string() });
const records = new Map(Array.from({ length: 20 }, (_, i) => [i + 1, { id: i + 1, title: `record ${i + 1}` }]));
const deps = { records };

async function logic({ id }, { records }) {
  const record = records.get(id);
  if (!record) throw new Error(`Record ${id} not found`);
  return record;
}

// 1. Hand-written: validate with zod, call the logic.
async function handWritten(event, _context) {
  const parsed = Input.safeParse(event);
  if (!parsed.success) {
    const error = new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    error.name = 'InvalidRequestError';
    throw error;
  }
  return logic(parsed.data, deps);
}

// 2. lambdaport.
const RecordNotFound = defineError('RecordNotFound', z.object({ id: z.number() }));
const getRecord = defineFunction({
  name: 'records.get',
  version: 1,
  description: 'Fetch one record.',
  input: Input,
  output: Output,
  errors: [RecordNotFound],
});
const lambdaportHandler = invokeHandler(implement(getRecord, logic), deps, { validateOutput: false });

// 3. The same pair when the logic honours a deadline (reads ctx.signal, as the records example does). Compared like
// with like, twice:
//  a. both reuse one deadline: lambdaport keeps its AbortController and timer for the next invocation when the
//     signal never fired and nobody still listens to it; the hand-written handler does the same by hand (one
//     controller, its timer re-armed with refresh(), a new pair only after it fired).
//  b. both build one per call: the logic leaves a listener on the signal (as code that subscribes and never
//     unsubscribes does), so lambdaport cannot reuse it; the hand-written handler makes a new controller and timer.
function parseOrThrow(event) {
  const parsed = Input.safeParse(event);
  if (!parsed.success) {
    const error = new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    error.name = 'InvalidRequestError';
    throw error;
  }
  return parsed.data;
}
async function logicWithSignal(input, deps, signal) {
  if (signal.aborted) throw new Error('deadline');
  return logic(input, deps);
}
async function logicListening(input, deps, signal) {
  signal.addEventListener('abort', () => {}, { once: true });
  return logicWithSignal(input, deps, signal);
}
const MARGIN_MS = 500;
let keptDeadline;
async function handWrittenReusingDeadline(event, context) {
  const input = parseOrThrow(event);
  const delay = context.getRemainingTimeInMillis() - MARGIN_MS;
  let d = keptDeadline;
  if (d && !d.controller.signal.aborted && d.delay === delay) {
    d.busy = true;
    d.timer.refresh();
  } else {
    clearTimeout(d?.timer);
    const fresh = { controller: new AbortController(), delay, busy: true, timer: undefined };
    fresh.timer = setTimeout(() => fresh.busy && fresh.controller.abort(), delay);
    d = keptDeadline = fresh;
  }
  try {
    return await logicWithSignal(input, deps, d.controller.signal);
  } finally {
    d.busy = false;
  }
}
async function handWrittenNewDeadline(event, context, useLogic = logicWithSignal) {
  const input = parseOrThrow(event);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), context.getRemainingTimeInMillis() - MARGIN_MS);
  try {
    return await useLogic(input, deps, controller.signal);
  } finally {
    clearTimeout(timer);
  }
}
const lambdaportWithDeadline = invokeHandler(
  implement(getRecord, (input, d, ctx) => logicWithSignal(input, d, ctx.signal)),
  deps,
  { validateOutput: false },
);
const lambdaportListening = invokeHandler(
  implement(getRecord, (input, d, ctx) => logicListening(input, d, ctx.signal)),
  deps,
  { validateOutput: false },
);

const context = {
  awsRequestId: '8f4b7c1e-0000-4000-8000-000000000000',
  functionName: 'dev-records-get-abc123',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:dev-records-get-abc123',
  memoryLimitInMB: '256',
  getRemainingTimeInMillis: () => 3000,
};

async function time(fn) {
  const events = [{ id: 1 }, { id: 7 }, { id: 13 }, { id: 20 }];
  const start = process.hrtime.bigint();
  for (let i = 0; i < CALLS; i++) await fn(events[i & 3], context);
  return Number(process.hrtime.bigint() - start) / CALLS;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Sanity: both give the same answer.
const [a, b] = [await handWritten({ id: 3 }, context), await lambdaportHandler({ id: 3 }, context)];
if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error('handlers disagree');

async function compare(title, baseline, candidate) {
  await time(baseline);
  await time(candidate);
  const hand = [];
  const lp = [];
  for (let r = 0; r < ROUNDS; r++) {
    // Alternate the order so drift and GC hit both alike.
    if (r % 2 === 0) {
      hand.push(await time(baseline));
      lp.push(await time(candidate));
    } else {
      lp.push(await time(candidate));
      hand.push(await time(baseline));
    }
  }
  const h = median(hand);
  const l = median(lp);
  console.log(title);
  console.log(`  hand-written zod handler : ${h.toFixed(0)} ns`);
  console.log(`  lambdaport invokeHandler : ${l.toFixed(0)} ns`);
  console.log(`  ratio ${(l / h).toFixed(2)}x, +${((l - h) / 1000).toFixed(3)} µs per call`);
  const ok = l / h <= 1.2 || l - h <= 2000;
  console.log(`  target (<= 1.2x or <= +2 µs): ${ok ? 'met' : 'NOT met'}`);
}

console.log(`handler overhead (node ${process.version}, ${CALLS} calls x ${ROUNDS} rounds, median ns/call)`);
await compare('logic without a deadline', handWritten, lambdaportHandler);
await compare(
  'logic honouring a deadline, both reuse one controller and timer across calls',
  handWrittenReusingDeadline,
  lambdaportWithDeadline,
);
await compare(
  'logic honouring a deadline and leaving a listener on it, both build a new controller and timer per call',
  (event, context) => handWrittenNewDeadline(event, context, logicListening),
  lambdaportListening,
);
