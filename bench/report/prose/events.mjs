/** The events section: through a queue (PutEvents → rule → SQS → event source mapping) against direct Event invocations. */
import { scenarios } from '../data.mjs';

/** @param {any} results */
export function eventsSection(results) {
  const e = scenarios(results).events;
  const title = ['## Events through a queue', ''];
  if (!e || e.skipped?.lambdaport) {
    return [...title, `Not measured: ${e?.skipped?.lambdaport ?? 'not in this results file'}.`, ''];
  }
  const times = (/** @type {number} */ ratio) => `${ratio}×`;
  // results of before the durable run had only the in-memory figures, at the top level
  const durable = e.durable ?? undefined;
  const memory = e.memory ?? e;
  /** @param {string} label @param {any} k */
  const rows = (label, k) => {
    const q = k.latency.queue.sendToStartMs;
    const d = k.latency.direct.sendToStartMs;
    const tq = k.throughput.queue;
    const td = k.throughput.direct;
    return [
      `| ${label} | PutEvents → rule → queue → mapping | ${q.p50} | ${q.p99} | ${tq.deliveredPerSecond} | ${tq.publishPerSecond} | ${tq.sendToStartMs.p50} | ${tq.sendToStartMs.p99} | ${tq.meanBatch} |`,
      `| ${label} | direct \`Event\` invocation | ${d.p50} | ${d.p99} | ${td.deliveredPerSecond} | ${td.publishPerSecond} | ${td.sendToStartMs.p50} | ${td.sendToStartMs.p99} | ${td.meanBatch} |`,
    ];
  };
  /** @param {string} label @param {any} k */
  const words = (label, k) => {
    const q = k.latency.queue.sendToStartMs;
    const d = k.latency.direct.sendToStartMs;
    return (
      `${label}: one at a time, an event through the queue reaches its handler in ${q.p50} ms at p50 and ${q.p99} ms at p99, ` +
      `${times(k.latencyRatioP50)} and ${times(k.latencyRatioP99)} the direct invocation's ${d.p50} ms and ${d.p99} ms; under load the queue path delivers ` +
      `${k.throughput.queue.deliveredPerSecond} messages per second, ${times(k.throughputRatio)} the direct path's ${k.throughput.direct.deliveredPerSecond}.`
    );
  };
  const tq = memory.throughput.queue;
  const td = memory.throughput.direct;
  return [
    ...title,
    'Measured by `bench/scenarios/events.mjs`, in a runtime of its own process, twice: durable (the default of',
    '`lambdaport dev`: the asynchronous-invocation queue, the SQS queues and their messages fsynced in the state folder',
    'before they are acknowledged) and in memory (`--ephemeral`). The same handler serves two functions: `viaQueue`',
    "subscribes to an event through a queue (a rule on the service's bus puts each event on the queue; an event source",
    `mapping delivers batches of up to ${e.batchSize}, reporting partial batch failures), and \`direct\` receives the same detail as an`,
    '`Event` invocation (the asynchronous-invocation queue). Each event carries the time it was sent; the handler writes',
    "its own start time, so the latency is from the send to the handler's first line.",
    `Latency: ${memory.latency.queue.count} events one at a time on each path (after 10 that start environments and pollers).`,
    `Throughput: ${tq.count} events from a generator in its own process, the same number in flight on both paths`,
    `(${tq.concurrency} PutEvents of 10 entries, or ${td.concurrency} \`Event\` Invokes of one); delivered per second is the count over`,
    'the time from the first send to the last handler start.',
    '',
    '| runtime | path | send → start p50 ms | p99 ms | delivered/s | sent/s | send → start under load p50 ms | p99 ms | mean batch |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
    ...(durable === undefined ? [] : rows('durable', durable)),
    ...rows('in memory', memory),
    '',
    ...(durable === undefined ? [] : [words('Durable', durable), '']),
    words('In memory', memory),
    '',
    'The mapping hands the handler batches (a mean batch near 10), where each direct event is an invocation of its',
    'own. Where "delivered/s" equals "sent/s", delivery kept pace with what the runtime accepted (the Invokes or',
    'PutEvents it answered), on this 2-core machine shared by the generator, the runtime and the handlers.',
    '',
  ];
}
