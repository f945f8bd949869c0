/**
 * The load of the events scenario, in a process of its own (not the bench's, not the runtime's): `count` events, each
 * carrying its mark and the time it was sent (`sentAt`, epoch ms), either published with PutEvents (10 entries per
 * request) or sent as `Event` invocations of a function, `concurrency` requests in flight. Prints one line
 * `BENCH_RESULT {...}`: when it started and ended (epoch ms), requests sent, entries or invocations refused.
 * Usage: node event-generator.mjs '<JSON spec>'  (spec: url, mode 'put-events' | 'invoke', source, detailType, bus,
 * functionName, count, concurrency, firstMark)
 */

import { performance } from 'node:perf_hooks';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';

const spec = JSON.parse(process.argv[2] ?? 'null');
if (!spec?.url?.startsWith('http://127.0.0.1:'))
  throw new Error('usage: event-generator.mjs <JSON spec with a 127.0.0.1 url>');

const options = {
  endpoint: spec.url,
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  maxAttempts: 1,
};
const now = () => performance.timeOrigin + performance.now();
const perRequest = spec.mode === 'put-events' ? 10 : 1;
const requests = Math.ceil(spec.count / perRequest);
const events = spec.mode === 'put-events' ? new EventBridgeClient(options) : undefined;
const lambda = spec.mode === 'invoke' ? new LambdaClient(options) : undefined;

/** Sends request `r` (its marks: firstMark + r × perRequest ...); resolves with how many of its events were refused. */
async function send(r) {
  const marks = [];
  for (let i = r * perRequest; i < Math.min(spec.count, (r + 1) * perRequest); i++) marks.push(spec.firstMark + i);
  if (events !== undefined) {
    const out = await events.send(
      new PutEventsCommand({
        Entries: marks.map((mark) => ({
          Source: spec.source,
          DetailType: spec.detailType,
          EventBusName: spec.bus,
          Detail: JSON.stringify({ mark, sentAt: now() }),
        })),
      }),
    );
    return out.FailedEntryCount ?? 0;
  }
  const out = await lambda.send(
    new InvokeCommand({
      FunctionName: spec.functionName,
      InvocationType: 'Event',
      Payload: JSON.stringify({ mark: marks[0], sentAt: now() }),
    }),
  );
  return out.StatusCode === 202 ? 0 : 1;
}

let next = 0;
let refused = 0;
const startedAt = now();
await Promise.all(
  Array.from({ length: spec.concurrency }, async () => {
    while (next < requests) {
      const r = next++;
      refused += await send(r);
    }
  }),
);
const endedAt = now();
events?.destroy();
lambda?.destroy();
console.log(`BENCH_RESULT ${JSON.stringify({ startedAt, endedAt, requests, refused })}`);
