/**
 * Writes the report of one results file: docs/benchmarks.md (prose/), its charts docs/benchmarks/*.svg (charts.mjs)
 * and the README's "How fast" section (readme.mjs), all from the same figures (data.mjs).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { DOCS_DIR, REPO_DIR } from '../lib/paths.mjs';
import { readResults } from '../lib/results.mjs';
import { renderCharts } from './charts.mjs';
import { asyncSection } from './prose/async.mjs';
import { clientSection } from './prose/client.mjs';
import { coldHotSection } from './prose/cold-hot.mjs';
import { eventsSection } from './prose/events.mjs';
import { handlerSection } from './prose/handler.mjs';
import { headline } from './prose/headline.mjs';
import { iamSection } from './prose/iam.mjs';
import { intro } from './prose/intro.mjs';
import { machineSection, rerunSection } from './prose/machine.mjs';
import { scaleSection } from './prose/scale.mjs';
import { summary } from './prose/summary.mjs';
import { synthSection } from './prose/synth.mjs';
import { warmSection } from './prose/warm.mjs';
import { README, updateReadme } from './readme.mjs';

/** The page, as markdown. @param {any} results @param {string} relFile */
export function renderMarkdown(results, relFile) {
  const lines = [
    ...intro(results, relFile),
    ...summary(results),
    ...headline(results),
    ...warmSection(results),
    ...coldHotSection(results),
    ...clientSection(results),
    ...handlerSection(results),
    ...scaleSection(results),
    ...synthSection(results),
    ...asyncSection(results),
    ...eventsSection(results),
    ...iamSection(results),
    ...machineSection(results),
    ...rerunSection(),
  ];
  return lines.filter((line, i, all) => !(line === '' && all[i - 1] === '')).join('\n');
}

/**
 * @param {string} file a bench/results/<date>.json
 * @param {{ readme?: boolean }} [options] readme: false leaves README.md alone
 */
export function writeReport(file, options = {}) {
  const results = readResults(file);
  if (!results) throw new Error(`no results in ${file}`);
  const relFile = relative(REPO_DIR, resolve(file));
  const chartsDir = `${DOCS_DIR}/benchmarks`;
  mkdirSync(chartsDir, { recursive: true });
  const charts = renderCharts(results);
  for (const { name, svg } of charts) writeFileSync(`${chartsDir}/${name}`, svg);
  writeFileSync(`${DOCS_DIR}/benchmarks.md`, renderMarkdown(results, relFile));
  if (options.readme !== false) updateReadme(results, relFile);
  return {
    markdown: `${DOCS_DIR}/benchmarks.md`,
    charts: charts.map((c) => `${chartsDir}/${c.name}`),
    readme: options.readme === false ? undefined : README,
  };
}
