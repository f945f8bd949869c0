/** The warm-invoke section: how it was measured, its charts, throughput with CPU shares, latency, SigV4's cost. */
import { ratio } from '../../lib/stats.mjs';
import { image } from '../charts.mjs';
import { scenarios, warmTools } from '../data.mjs';
import { fmt, fmtCpu, fmtRatio, label, row, skippedLine } from '../format.mjs';

/** @param {any} warm */
function method(warm) {
  const g = warm.throughputGenerator ?? {};
  const l = warm.latencyGenerator ?? {};
  return [
    `The echo function through \`POST /2015-03-31/functions/<name>/invocations\`; ${warm.concurrency.join(', ')} concurrent`,
    'keep-alive connections. Every request is an Invoke as the AWS SDK sends it: built by a real `LambdaClient`, signed by its',
    'SigV4 signer with the key `test` and captured instead of sent, afresh for each run (so its `x-amz-date` is seconds',
    'old); before each run the bench checks that the target answers it, and that lambdaport refuses the same request',
    'with one character of the signature changed (403), so lambdaport verifies every signature it is sent. All tools are',
    `started first; at each level, ${warm.rounds} interleaved round(s) give every tool the same load in turn (order reversed every`,
    "other round), so drift in the machine's load hits all alike.",
    '',
    `- **Throughput**: autocannon ${g.version ?? ''} in a process of its own replays the request (${g.firstWarmupS ?? g.warmupS} s warm-up in`,
    `  the first round, ${g.warmupS} s after, then ${g.durationS} s measured); 2xx answers whose body is the echo, per second, median of the`,
    "  rounds. Beside each figure: autocannon's own CPU time (`process.cpuUsage()`) and the server's whole process tree's",
    '  (from /proc) over the measured run, in % of one core; the two cores give 200%.',
    `- **Latency**: the bench's own generator (bench/lib/load.mjs, sub-millisecond resolution) replays the same request`,
    `  (${l.durationMs / 1000} s measured per round); per request, from write to the last byte, percentiles over all rounds. It runs in the`,
    "  bench's process and shares the cores with the server, so its own throughput is lower: it is shown for",
    "  comparison, with its CPU share; autocannon's percentiles (1 ms resolution) are beside its own as a cross-check.",
    '',
  ];
}

/** @param {any} results @param {any} warm */
function tables(results, warm) {
  const lines = [
    '| tool | concurrency | req/s (autocannon, median of rounds) | req/s per round | autocannon CPU | server CPU | requests | still unanswered at the end | errors | wrong answers |',
    '|---|---:|---:|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const id of warmTools(results)) {
    for (const r of warm.tools[id].runs) {
      lines.push(
        row([
          label(id),
          r.concurrency,
          r.throughput,
          (r.roundThroughputs ?? [r.throughput]).join(', '),
          fmtCpu(r.generatorCpuPercent),
          fmtCpu(r.serverCpuPercent),
          r.requests,
          r.unanswered ?? 'n/a',
          r.errors,
          r.wrong,
        ]),
      );
    }
  }
  lines.push(
    '',
    '| tool | concurrency | p50 ms | p99 ms | max ms | autocannon p50 / p99 ms | own generator: req/s | its CPU | errors | wrong |',
    '|---|---:|---:|---:|---:|---|---:|---:|---:|---:|',
  );
  for (const id of warmTools(results)) {
    for (const r of warm.tools[id].runs) {
      const own = r.ownGenerator ?? {};
      lines.push(
        row([
          label(id),
          r.concurrency,
          r.latencyMs.p50,
          r.latencyMs.p99,
          r.latencyMs.max,
          `${fmt(r.cannonLatencyMs?.p50)} / ${fmt(r.cannonLatencyMs?.p99)}`,
          fmt(own.throughput),
          fmtCpu(own.generatorCpuPercent),
          own.errors ?? 'n/a',
          own.wrong ?? 'n/a',
        ]),
      );
    }
  }
  return [...lines, '', crossCheck(results, warm), skippedLine(warm), ''];
}

/** How the two generators' p50 compare where autocannon's 1 ms resolution allows (p50 ≥ 2 ms). @param {any} results @param {any} warm */
function crossCheck(results, warm) {
  const ratios = warmTools(results)
    .flatMap((id) => warm.tools[id].runs)
    .filter((/** @type {any} */ r) => r.cannonLatencyMs?.p50 >= 2)
    .map((/** @type {any} */ r) => /** @type {number} */ (ratio(r.latencyMs.p50, r.cannonLatencyMs.p50)));
  if (ratios.length === 0)
    return 'Cross-check: no run had a p50 of 2 ms or more under autocannon, too close to its resolution.';
  return (
    `Cross-check: where autocannon's p50 is 2 ms or more (${ratios.length} runs), the own generator's p50 is ` +
    `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}× autocannon's (each at its own throughput).`
  );
}

/** @param {any} warm */
function signatures(warm) {
  if (!warm.signatures?.length) return [];
  const lines = [
    "What verifying SigV4 costs lambdaport: autocannon again, the SDK's request signed once with an access key it does",
    "not know (accepted unverified, as a developer's own key would be) and once with its own key `test` (every",
    'signature recomputed and compared, the body hash checked).',
    '',
    '| concurrency | unverified: req/s | p50 ms | verified: req/s | p50 ms | verified ÷ unverified throughput |',
    '|---:|---:|---:|---:|---:|---:|',
  ];
  for (const c of [...new Set(warm.signatures.map((/** @type {any} */ r) => r.concurrency))]) {
    const u = warm.signatures.find((/** @type {any} */ r) => r.concurrency === c && r.variant === 'unverified');
    const v = warm.signatures.find((/** @type {any} */ r) => r.concurrency === c && r.variant === 'verified');
    lines.push(
      row([
        c,
        fmt(u?.throughput),
        fmt(u?.latencyMs.p50),
        fmt(v?.throughput),
        fmt(v?.latencyMs.p50),
        fmtRatio(ratio(v?.throughput, u?.throughput)),
      ]),
    );
  }
  return [...lines, ''];
}

/** @param {any} results */
export function warmSection(results) {
  const warm = scenarios(results)['warm-invoke'];
  if (!warm) return ['## Warm invoke', '', 'Not measured in this results file.', ''];
  if (!warm.throughputGenerator) {
    return ['## Warm invoke', '', 'Measured with an older bench (no autocannon figures): rerun `npm run bench`.', ''];
  }
  return [
    '## Warm invoke',
    '',
    ...method(warm),
    image('warm-throughput.svg'),
    '',
    image('warm-latency.svg'),
    '',
    ...tables(results, warm),
    ...signatures(warm),
  ];
}
