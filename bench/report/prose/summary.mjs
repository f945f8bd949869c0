/** A few sentences with the headline figures, for a reader in a hurry. */
import { round } from '../../lib/stats.mjs';
import { readyOf, scenarios, warmRatios } from '../data.mjs';

/** @param {any} results */
export function summary(results) {
  const s = scenarios(results);
  const lines = [];
  const parts = warmRatios(results)
    .filter((r) => r.vsSls !== null)
    .map(
      (r) =>
        `${round(/** @type {number} */ (r.vsSls), 2)}× serverless-offline's throughput and ${round((r.vsBare ?? 0) * 100, 0)}% of a bare node:http server's at concurrency ${r.concurrency}`,
    );
  if (parts.length) {
    lines.push(`- Warm invoke through the Invoke API (autocannon): lambdaport serves ${parts.join('; ')}.`);
  }
  const records = s['cold-start']?.records;
  if (records) {
    lines.push(
      `- Cold start of the records example (\`get\`, a DynamoDB read): median ${records.runningRuntime.medianMs} ms for a new environment in a running runtime (target 150 ms); the first call after the runtime starts, which also builds the bundle, ${records.firstCallPaused.medianMs} ms after a pause and ${records.firstCallImmediate.medianMs} ms at once.`,
    );
  }
  const cold = s['cold-start']?.tools;
  if (cold?.lambdaport) {
    lines.push(
      `- Echo function, first call: median ${cold.lambdaport.coldMedianMs} ms (serverless-offline ${cold['serverless-offline']?.coldMedianMs ?? 'n/a'} ms); ` +
        `ready to serve ${round(readyOf(cold.lambdaport), 0)} ms after the process starts (serverless-offline ${round(readyOf(cold['serverless-offline']) ?? Number.NaN, 0)} ms).`,
    );
  }
  const hot = s['hot-reload']?.tools;
  if (hot?.lambdaport) {
    lines.push(
      `- Hot reload: ${hot.lambdaport.medianMs} ms from save to the new code answering (median; serverless-offline needs \`--reloadHandler\`, which re-imports the handler on every call: ${hot['serverless-offline']?.medianMs ?? 'n/a'} ms).`,
    );
  }
  const client = s['client-overhead'];
  if (typeof client?.overheadP50Percent === 'number') {
    lines.push(
      `- Typed client over the raw SDK \`InvokeCommand\`: ${client.overheadP50Percent}% at p50 (+${client.extraMsP50} ms per call).`,
    );
  }
  const h = s.handler?.variants;
  if (h?.lambdaport && h?.middy) {
    lines.push(
      `- Handler: ${h.lambdaport.nsPerCall} ns per call against ${h.middy.nsPerCall} ns for Middy + Powertools parser; bundle ${round(h.lambdaport.bundle.bytes / 1024, 1)} KB against ${round(h.middy.bundle.bytes / 1024, 1)} KB (zod is most of both).`,
    );
  }
  const sc = s.scale?.tools?.lambdaport;
  if (sc) {
    const m = sc.memory;
    const perProcess = round(
      (m.afterFirst.treeMiB - m.afterFirst.leaderMiB) / Math.max(m.afterFirst.processes - 1, 1),
      0,
    );
    lines.push(
      `- 100 functions: ready in ${sc.readyMs} ms; the front door holds ${m.afterThird?.leaderMiB} MiB after ${3 * s.scale.callsPerBatch} calls (heap growth over the last ${s.scale.callsPerBatch}: ${m.growth.leaderHeapUsedMiB ?? 'n/a'} MiB); each warm function is one ~${perProcess} MiB process.`,
    );
  }
  const synth = s.synth?.cases;
  if (synth?.examples && synth?.generated50) {
    const part = (/** @type {any} */ c) =>
      `${c.lambdaport.medianMs} ms against ${c.handWritten.medianMs} ms (${round(c.ratio, 2)}×)`;
    lines.push(
      `- \`lambdaport synth\` against a hand-written CDK app of the same functions (\`NodejsFunction\`): the two examples ${part(synth.examples)}; 50 functions ${part(synth.generated50)} (target ≤ ${s.synth.targetRatio}×).`,
    );
  }
  if (lines.length === 0) lines.push('No lambdaport figures in this results file yet.');
  return ['## Summary', '', ...lines, ''];
}
