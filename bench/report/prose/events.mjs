/** The events section: through a queue (PutEvents → rule → SQS → event source mapping) against direct Event invocations. */
import { scenarios } from '../data.mjs';

/** @param {any} results */
export function eventsSection(results) {
  const e = scenarios(results).events;
  const title = ['## Events through a queue', ''];
  if (!e || e.skipped?.lambdaport) {
    return [...title, `Not measured: ${e?.skipped?.lambdaport ?? 'not in this results file'}.`, ''];
  }
  const q = e.latency.queue.sendToStartMs;
  const d = e.latency.direct.sendToStartMs;
  const tq = e.throughput.queue;
  const td = e.throughput.direct;
  const times = (/** @type {number} */ ratio) => `${ratio}×`;
  return [
    ...title,
    'Measured by `bench/scenarios/events.mjs`, in one runtime (its own process, in memory: `--ephemeral`, so both paths',
    "are compared without persistence; the durable queue's cost is in the section above). The same handler serves",
    "two functions: `viaQueue` subscribes to an event through a queue (a rule on the service's bus puts each event on",
    `the queue; an event source mapping delivers batches of up to ${e.batchSize}, reporting partial batch failures), and \`direct\``,
    'receives the same detail as an `Event` invocation (the asynchronous-invocation queue). Each event carries the time',
    "it was sent; the handler writes its own start time, so the latency is from the send to the handler's first line.",
    `Latency: ${e.latency.queue.count} events one at a time on each path (after 10 that start environments and pollers).`,
    `Throughput: ${tq.count} events from a generator in its own process, the same number in flight on both paths`,
    `(${tq.concurrency} PutEvents of 10 entries, or ${td.concurrency} \`Event\` Invokes of one); delivered per second is the count over`,
    'the time from the first send to the last handler start.',
    '',
    '| path | send → start p50 ms | p99 ms | delivered/s | sent/s | send → start under load p50 ms | p99 ms | mean batch |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    `| PutEvents → rule → queue → mapping | ${q.p50} | ${q.p99} | ${tq.deliveredPerSecond} | ${tq.publishPerSecond} | ${tq.sendToStartMs.p50} | ${tq.sendToStartMs.p99} | ${tq.meanBatch} |`,
    `| direct \`Event\` invocation | ${d.p50} | ${d.p99} | ${td.deliveredPerSecond} | ${td.publishPerSecond} | ${td.sendToStartMs.p50} | ${td.sendToStartMs.p99} | ${td.meanBatch} |`,
    '',
    `One at a time, an event through the queue reaches its handler in ${q.p50} ms at p50 and ${q.p99} ms at p99:`,
    `${times(e.latencyRatioP50)} and ${times(e.latencyRatioP99)} the direct invocation's ${d.p50} ms and ${d.p99} ms. Under load the queue path delivers`,
    `${tq.deliveredPerSecond} messages per second, ${times(e.throughputRatio)} the direct path's ${td.deliveredPerSecond}: the mapping hands the handler batches`,
    `(${tq.meanBatch} messages per invocation on average), where each direct event is an invocation of its own. Where`,
    '"delivered/s" equals "sent/s", delivery kept pace with what the runtime accepted (the Invokes or PutEvents it',
    'answered), on this 2-core machine shared by the generator, the runtime and the handlers.',
    '',
  ];
}
