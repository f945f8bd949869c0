/** The cold-start (records example, then an echo function on every tool) and hot-reload section. */
import { image } from '../charts.mjs';
import { readyOf, scenarios, TOOL_ORDER } from '../data.mjs';
import { fmt, label, row, skippedLine } from '../format.mjs';

/** @param {any} records */
function recordsPart(records) {
  const line = (/** @type {string} */ what, /** @type {any} */ x) =>
    row([what, fmt(x.medianMs), fmt(x.ms.min), fmt(x.ms.max), x.ms.n]);
  return [
    `**The records example** (${records.function}), on lambdaport: the function the 150 ms target is set for. Each of`,
    `${records.rounds} rounds starts lambdaport afresh on \`examples/records\` (one unmeasured start first writes the bundle's code`,
    "cache, as any earlier `lambdaport dev` would have). The target's figure is a cold start in the running runtime:",
    `after a ${records.pauseMs} ms pause, two Invokes at once while one environment is warm, so one of them needs a new`,
    'environment (bundle built, the pre-booted spare process up, as after any scale-out or idle reap); the slower of the',
    'two is that cold start. Beside it, the first call after start, which also builds the bundle: every other round',
    `calls as soon as the runtime is ready, the others after a ${records.pauseMs} ms pause.`,
    '',
    '| records `get` | median ms | min | max | n |',
    '|---|---:|---:|---:|---:|',
    line('cold start, new environment in a running runtime (the target: ≤ 150 ms)', records.runningRuntime),
    line(`first call after start, after a ${records.pauseMs} ms pause`, records.firstCallPaused),
    line('first call after start, at once', records.firstCallImmediate),
    '',
    `A warm call after it: ${records.warmMedianMs} ms; time to ready on the example: ${records.readyMedianMs} ms (medians).`,
    '',
  ];
}

/** @param {any} coldS @param {any} hotS */
function echoPart(coldS, hotS) {
  const cold = coldS?.tools ?? {};
  const hot = hotS?.tools ?? {};
  const lines = [
    coldS
      ? `**An echo function on every tool**: each round starts the tool afresh on a new service folder with ${coldS.functionsPerRound} echo functions and calls each once (the first in a fresh runtime, the others in a running one), ${coldS.rounds} rounds; the median of all first calls.`
      : '',
    hotS
      ? `Hot reload: the handler file is rewritten with a new version string, then called back to back until the answer carries it; ${hotS.samples} saves.`
      : '',
    '',
    image('cold-start-hot-reload.svg'),
    '',
    '| tool | cold: median | cold, fresh runtime: median | cold, running runtime: median | warm call after it | time to ready: median | hot reload: median | hot reload: max |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const id of TOOL_ORDER) {
    const c = cold[id];
    const h = hot[id];
    if (!c && !h) continue;
    lines.push(
      row([
        label(id),
        fmt(c?.coldMedianMs),
        fmt(c?.coldFreshRuntimeMs?.p50),
        fmt(c?.coldRunningRuntimeMs?.p50),
        fmt(c?.warmMedianMs),
        fmt(readyOf(c)),
        fmt(h?.medianMs),
        fmt(h?.ms?.max),
      ]),
    );
  }
  return [...lines, '', coldS ? skippedLine(coldS) : '', hotS ? skippedLine(hotS) : '', ''];
}

/** @param {any} results */
export function coldHotSection(results) {
  const coldS = scenarios(results)['cold-start'];
  const hotS = scenarios(results)['hot-reload'];
  if (!coldS && !hotS) return ['## Cold start and hot reload', '', 'Not measured in this results file.', ''];
  return [
    '## Cold start and hot reload',
    '',
    ...(coldS?.records ? recordsPart(coldS.records) : []),
    ...echoPart(coldS, hotS),
  ];
}
