/** The headline tables (lambdaport ÷ each peer, measured in one run) and the verdict on each target. */
import { ratio, round } from '../../lib/stats.mjs';
import { checkTargets } from '../../lib/targets.mjs';
import { kb, readyOf, scenarios, TOOL_ORDER, warmLevels, warmRatios, warmRun, withoutZod } from '../data.mjs';
import { fmt, fmtCpu, fmtRatio, row } from '../format.mjs';

/**
 * A row of three tools and lambdaport's ratios to the two others. A footnoted bare figure is not comparable, so it
 * gets no ratio.
 * @param {string} what @param {(number | null | undefined)[]} values
 * @param {{ slsNote?: string, bareNote?: string }} [notes]
 */
const toolsRow = (what, [lp, sls, bare], { slsNote = '', bareNote = '' } = {}) =>
  row([
    what,
    fmt(lp),
    `${fmt(sls)}${slsNote}`,
    `${fmt(bare)}${bareNote}`,
    fmtRatio(ratio(lp, sls)),
    bareNote ? 'n/a' : fmtRatio(ratio(lp, bare)),
  ]);

/** @param {any} results */
function invokeTable(results) {
  const s = scenarios(results);
  const cold = s['cold-start']?.tools ?? {};
  const hot = s['hot-reload']?.tools ?? {};
  const scale = s.scale?.tools ?? {};
  const per = (/** @type {(id: string) => number | undefined} */ pick) => TOOL_ORDER.map(pick);
  const lines = [
    '| measure | lambdaport | serverless-offline | bare node:http | lambdaport ÷ serverless-offline | lambdaport ÷ bare |',
    '|---|---:|---:|---:|---:|---:|',
  ];
  for (const c of warmLevels(results)) {
    lines.push(
      toolsRow(
        `warm invoke throughput, concurrency ${c} (req/s, autocannon; higher is better)`,
        per((id) => warmRun(results, id, c)?.throughput),
      ),
    );
  }
  for (const r of warmRatios(results)) {
    lines.push(
      row([
        `autocannon's CPU share during those runs, concurrency ${r.concurrency} (% of one core, of 200%)`,
        fmtCpu(r.lambdaport?.generatorCpuPercent),
        fmtCpu(r.sls?.generatorCpuPercent),
        fmtCpu(r.bare?.generatorCpuPercent),
        '',
        '',
      ]),
    );
  }
  for (const c of warmLevels(results)) {
    lines.push(
      toolsRow(
        `warm invoke p50 latency, concurrency ${c} (ms, lower is better)`,
        per((id) => warmRun(results, id, c)?.latencyMs?.p50),
      ),
    );
  }
  const records = s['cold-start']?.records;
  if (records) {
    lines.push(
      row([
        'records example cold start, new environment in a running runtime (ms)',
        fmt(records.runningRuntime.medianMs),
        'n/a',
        'n/a',
        'n/a',
        'n/a',
      ]),
    );
  }
  lines.push(
    toolsRow(
      'echo function cold start, median first call (ms)',
      per((id) => cold[id]?.coldMedianMs),
      {
        bareNote: '¹',
      },
    ),
    toolsRow(
      'time to ready, process start → listening (ms)',
      per((id) => readyOf(cold[id])),
    ),
    toolsRow(
      'hot reload, save → new code answers (ms)',
      [hot.lambdaport?.medianMs, hot['serverless-offline']?.medianMs, undefined],
      { slsNote: '²' },
    ),
    toolsRow(
      '100 functions: time to ready (ms)',
      per((id) => scale[id]?.readyMs),
    ),
    toolsRow(
      '100 functions: memory at idle, whole process tree (MiB)',
      per((id) => scale[id]?.memory?.idle?.treeMiB),
    ),
    toolsRow(
      `100 functions: memory after ${(s.scale?.callsPerBatch ?? 10_000).toLocaleString('en')} calls, whole tree (MiB)`,
      per((id) => scale[id]?.memory?.afterFirst?.treeMiB),
    ),
  );
  return lines;
}

/** @param {any} results */
function handlerAndClientTables(results) {
  const s = scenarios(results);
  const h = s.handler?.variants ?? {};
  const three = (/** @type {string} */ what, /** @type {(v: any) => number | undefined} */ pick) => {
    const [lp, middy, plain] = ['lambdaport', 'middy', 'plain'].map((id) => pick(h[id]));
    return row([what, fmt(lp), fmt(middy), fmt(plain), fmtRatio(ratio(lp, middy)), fmtRatio(ratio(lp, plain))]);
  };
  const client = s['client-overhead'];
  return [
    '| handler (records.get) | lambdaport `invokeHandler` | Middy + Powertools parser | hand-written zod | lambdaport ÷ Middy | lambdaport ÷ hand-written |',
    '|---|---:|---:|---:|---:|---:|',
    three('per call, in process (ns)', (v) => v?.nsPerCall),
    three('bundle, minified (KB)', (v) => kb(v?.bundle?.bytes)),
    three('bundle without zod (KB)', (v) => kb(withoutZod(v))),
    three('import time of the bundle, fresh process (ms)', (v) => v?.importMedianMs),
    '',
    '| client | typed client (`createClient(...).invoke`) | raw SDK `InvokeCommand` | typed ÷ raw |',
    '|---|---:|---:|---:|',
    row([
      'sequential call to the local echo function, p50 (ms)',
      fmt(client?.typedClientMs?.p50),
      fmt(client?.rawSdkMs?.p50),
      fmtRatio(ratio(client?.typedClientMs?.p50, client?.rawSdkMs?.p50)),
    ]),
  ];
}

/** @param {any} results */
function targets(results) {
  const lines = ['## Targets', '', '| target | measured | verdict |', '|---|---|---|'];
  for (const t of checkTargets(results)) {
    const verdict = t.met === null ? 'not measured' : t.met ? 'met' : `**missed**: ${t.shortfall ?? ''}`;
    lines.push(row([t.target, t.measured, verdict]));
  }
  const ceilings = warmRatios(results)
    .filter((r) => r.bareVsSls !== null)
    .map((r) => `${round(/** @type {number} */ (r.bareVsSls), 1)}× at concurrency ${r.concurrency}`);
  if (ceilings.length > 0) {
    lines.push(
      '',
      `For scale: the bare \`node:http\` floor itself, which does no Lambda work at all, measured ${ceilings.join(', ')}`,
      "serverless-offline's throughput in the same run: about the most any Lambda emulator could reach here, since each",
      'of its calls does strictly more work than the floor.',
    );
  }
  return [...lines, ''];
}

/** @param {any} results */
export function headline(results) {
  const hot = scenarios(results)['hot-reload']?.tools ?? {};
  return [
    '## Headline: lambdaport ÷ peer, measured in one run',
    '',
    ...invokeTable(results),
    '',
    ...handlerAndClientTables(results),
    '',
    '¹ The bare server loads its handler at start, so its "cold" figure is only the first request on a new connection.',
    '² serverless-offline does not reload on save by default (checked in the run: ' +
      `${hot['serverless-offline-default']?.note ?? 'not measured'}); the figure is with \`--reloadHandler\`, which re-imports the handler on every call.`,
    '',
    ...targets(results),
  ];
}
