/**
 * The report's charts (docs/benchmarks/*.svg), one function per chart, from one results file. Each returns the SVG
 * text, or undefined when its scenario is not in the file. Prose links them with `image(name)`.
 */
import { barChart } from '../lib/svg.mjs';
import { readyOf, scenarios, TOOL_ORDER, warmLevels, warmRun, warmTools } from './data.mjs';
import { color, label } from './format.mjs';

/** The markdown that shows a chart. @param {string} name */
export const image = (name) => `![${name}](benchmarks/${name})`;

/** @param {any} results */
function warmThroughput(results) {
  const levels = warmLevels(results);
  return barChart({
    title: 'Warm invoke: throughput (autocannon)',
    subtitle: `echo function, SDK-signed Invoke, ${results.date} (higher is better)`,
    unit: 'requests / s',
    categories: levels.map((c) => `concurrency ${c}`),
    series: warmTools(results).map((id) => ({
      name: label(id),
      color: color(id),
      values: levels.map((c) => warmRun(results, id, c)?.throughput),
    })),
  });
}

/** @param {any} results */
function warmLatency(results) {
  const levels = warmLevels(results);
  return barChart({
    title: 'Warm invoke: latency p50 and p99',
    subtitle: `echo function, SDK-signed Invoke, ${results.date} (lower is better)`,
    unit: 'ms',
    log: true,
    width: 900,
    categories: levels.flatMap((c) => [`c=${c} p50`, `c=${c} p99`]),
    series: warmTools(results).map((id) => ({
      name: label(id),
      color: color(id),
      values: levels.flatMap((c) => {
        const r = warmRun(results, id, c);
        return [r?.latencyMs.p50, r?.latencyMs.p99];
      }),
    })),
  });
}

/** @param {any} results */
function coldAndHot(results) {
  const cold = scenarios(results)['cold-start']?.tools ?? {};
  const hot = scenarios(results)['hot-reload']?.tools ?? {};
  return barChart({
    title: 'Cold start and hot reload (echo function)',
    subtitle: `median, ${results.date} (lower is better)`,
    unit: 'ms',
    log: true,
    categories: ['cold start (first call)', 'hot reload (save → new code)', 'time to ready'],
    series: TOOL_ORDER.filter((id) => cold[id] || hot[id]).map((id) => ({
      name: label(id),
      color: color(id),
      values: [cold[id]?.coldMedianMs, hot[id]?.medianMs, readyOf(cold[id])],
    })),
  });
}

/** @param {any} results */
function handler(results) {
  const variants = scenarios(results).handler?.variants ?? {};
  return barChart({
    title: 'Handler: per-call cost (records.get, in process)',
    subtitle: `median ns per call, ${results.date} (lower is better)`,
    unit: 'ns per call',
    categories: ['per call'],
    series: ['lambdaport', 'middy', 'plain'].map((id, i) => ({
      name: variants[id]?.label ?? id,
      color: ['#2563eb', '#ea580c', '#6b7280'][i],
      values: [variants[id]?.nsPerCall],
    })),
  });
}

/** @param {any} results */
function scaleMemory(results) {
  const scale = scenarios(results).scale;
  const n = scale.callsPerBatch;
  return barChart({
    title: `Scale: ${scale.functions} functions, memory (whole process tree)`,
    subtitle: `RSS, ${results.date}`,
    unit: 'MiB',
    categories: ['idle', `after ${n} calls`, `after ${2 * n}`, `after ${3 * n}`],
    series: TOOL_ORDER.filter((id) => scale.tools?.[id]?.memory?.afterThird).map((id) => ({
      name: label(id),
      color: color(id),
      values: ['idle', 'afterFirst', 'afterSecond', 'afterThird'].map((k) => scale.tools[id].memory[k].treeMiB),
    })),
  });
}

/**
 * Every chart the results file has data for.
 * @param {any} results
 * @returns {{ name: string, svg: string }[]}
 */
export function renderCharts(results) {
  const s = scenarios(results);
  /** @type {[string, boolean, (r: any) => string][]} */
  const all = [
    ['warm-throughput.svg', Boolean(s['warm-invoke']), warmThroughput],
    ['warm-latency.svg', Boolean(s['warm-invoke']), warmLatency],
    ['cold-start-hot-reload.svg', Boolean(s['cold-start'] || s['hot-reload']), coldAndHot],
    ['handler.svg', Boolean(s.handler), handler],
    ['scale-memory.svg', Boolean(s.scale), scaleMemory],
  ];
  return all.filter(([, present]) => present).map(([name, , draw]) => ({ name, svg: draw(results) }));
}
