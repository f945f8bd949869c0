/** The synth section: `lambdaport synth` against a hand-written CDK app of the same functions. */
import { round } from '../../lib/stats.mjs';
import { scenarios } from '../data.mjs';
import { fmtRatio, row } from '../format.mjs';

const CASES = {
  examples: 'the two examples (records, orders: 5 functions, 2 tables, 2 stacks)',
  examplesNoValidation: 'the same, CDK template validation off in both',
  generated50: 'a generated service of 50 functions (a handler file each, 1 table)',
};

/** @param {any} t */
const size = (t) => `${round(t.bytes / 1024, 1)} KB, ${t.resources} resources`;

/** @param {any} results */
export function synthSection(results) {
  const sc = scenarios(results).synth;
  if (!sc)
    return ['## Synth: lambdaport synth against a hand-written CDK app', '', 'Not measured in this results file.', ''];
  const lines = [
    '## Synth: lambdaport synth against a hand-written CDK app',
    '',
    '`lambdaport synth` (the CLI as a process: load and check the configs, bundle with the esbuild options of',
    '`lambdaport dev`, build and synthesize one stack per service) against `node app.mjs`, a CDK app declaring the same',
    'functions by hand as plain `NodejsFunction`s (name, entry, handler, runtime, memory, timeout, environment, an alias',
    '`v1` on the current version, the Function URLs, the tables and their `grant*Data`), whose `app.synth()` is what',
    "`cdk synth` runs, without the CDK CLI's own start-up. Wall time of each process, runs alternating, medians. Both",
    "run the CDK's built-in CloudFormation validation (the default of both) unless said otherwise. Our templates are",
    'larger: they also declare a role with an exact inline policy, a log group and the SSM name parameters per function.',
    '`NodejsFunction` runs esbuild once per function; `lambdaport synth` bundles each handler file once, in process.',
    `Target: ≤ ${sc.targetRatio}× the hand-written app.`,
    '',
    '| case | functions | lambdaport synth, median ms (runs) | hand-written app, median ms (runs) | lambdaport ÷ hand-written | templates: lambdaport | templates: hand-written |',
    '|---|---:|---:|---:|---:|---|---|',
  ];
  for (const [id, text] of Object.entries(CASES)) {
    const c = sc.cases?.[id];
    if (!c) continue;
    lines.push(
      row([
        text,
        c.functions,
        `${c.lambdaport.medianMs} (${c.lambdaport.ms.join(', ')})`,
        `${c.handWritten.medianMs} (${c.handWritten.ms.join(', ')})`,
        fmtRatio(c.ratio),
        size(c.lambdaport.templates),
        size(c.handWritten.templates),
      ]),
    );
  }
  return [
    ...lines,
    '',
    'Rerun: `npx tsc -b && node bench/scenarios/synth.mjs` (or `npm run bench --workspace bench -- synth`).',
    '',
  ];
}
