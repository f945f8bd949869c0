/** The asynchronous-invocation section: the durable queue against the in-memory one. */
import { scenarios } from '../data.mjs';

/** @param {any} results */
export function asyncSection(results) {
  const a = scenarios(results).async;
  const title = ['## Event invocations: the durable queue', ''];
  if (!a || a.skipped?.lambdaport) {
    return [...title, `Not measured: ${a?.skipped?.lambdaport ?? 'not in this results file'}.`, ''];
  }
  const d = a.queues.durable;
  const m = a.queues.memory;
  const row = (/** @type {string} */ label, /** @type {any} */ q) =>
    `| ${label} | ${q.acceptHeld64?.perSecond ?? 'n/a'} | ${q.acceptHeld.perSecond} | ${q.accept.perSecond} | ${q.latency.acceptMs.p50} | ${q.latency.from202Ms.p50} | ${q.latency.fromSendMs.p50} | ${q.memory.rssBeforeMiB} → ${q.memory.rssAfterMiB} | ${q.memory.externalAfterMiB} |`;
  return [
    ...title,
    "Measured by `bench/scenarios/async.mjs`. Each queue in a runtime of its own process: durable (an fsync'd log in the",
    'state folder, written before the 202) and in memory (`--ephemeral`). Accept rates: autocannon in its own process',
    `replaying one signed \`Event\` Invoke for ${d.accept.durationS} s on 16 or 64 connections, to a function with reserved`,
    "concurrency 0 (its events wait: the queue's own accept path) and to one that runs them (accepting while delivering).",
    `Delivery: ${d.latency.count} events one at a time; "202 → start" is negative when the handler starts before the client`,
    "has read the 202 (delivery begins as soon as the event is durable). Memory: the runtime's RSS after a GC, before",
    `and after ${d.memory.events} queued events of 1 MB.`,
    '',
    '| queue | accepted/s (held, 64 conn.) | accepted/s (held, 16 conn.) | accepted/s (delivering, 16 conn.) | send → 202 p50 ms | 202 → start p50 ms | send → start p50 ms | RSS MiB | external MiB after |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    row('durable', d),
    row('in memory', m),
    '',
    "On 16 connections the durable queue is bound by latency, not work: each 202 waits for its batch's fdatasync, and",
    'on this loaded machine the wake-up after it costs milliseconds; more connections make bigger batches.',
    '',
    `The durable queue adds ${a.deliveryAddedP50Ms} ms at p50 from the 202 to the handler's start, and ${a.deliveryFromSendAddedP50Ms} ms from the send.`,
    `fsync: one append at a time (one fdatasync each) p50 ${a.fsync.oneAppendMs.p50} ms, p99 ${a.fsync.oneAppendMs.p99} ms;`,
    `${a.fsync.batch.appends} appends in one tick (one batch, group commit) ${a.fsync.batch.totalMs} ms, ${a.fsync.batch.perAppendUs} µs per append.`,
    '',
  ];
}
