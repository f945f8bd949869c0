/** The handler section: lambdaport's invokeHandler against Middy + Powertools parser and a hand-written handler. */
import { image } from '../charts.mjs';
import { kb, scenarios } from '../data.mjs';
import { fmt, row } from '../format.mjs';

/** The text another bench script printed, cut to its first part. @param {string} title @param {any} c */
function companion(title, c) {
  if (!c) return [];
  if (!c.ran) return [`${title}: ${c.reason}.`, ''];
  const lines = String(c.output).split('\n');
  const cut = lines.findIndex((l, i) => i > 0 && /^\s*\S.*files:\s*$/.test(l));
  const shown = cut > 0 ? lines.slice(0, cut) : lines.slice(0, 16);
  const more = lines.length > shown.length ? ['(the rest is in the results file)'] : [];
  return [`${title} said (\`${c.command}\`):`, '', '```', ...shown, ...more, '```', ''];
}

/** @param {any} results */
export function handlerSection(results) {
  const h = scenarios(results).handler;
  const title = ['## Handler: lambdaport against Middy + Powertools parser', ''];
  if (!h) return [...title, 'Not measured in this results file.', ''];
  const lines = [
    ...title,
    'The records handler (`records.get`: validate `{ id }` with zod, read the record, throw `RecordNotFound`) written three ways:',
    "lambdaport's `invokeHandler` around the example service's logic (bench/functions/records-lambdaport.mjs), Middy with",
    'the Powertools parser middleware (records-middy.mjs) and by hand (records-plain.mjs); all three use the same zod',
    'schema and the same DynamoDB repository. Bundles: esbuild, ESM, minified, Node 20, `@aws-sdk/*` external.',
    'Per call: in one process with an in-memory repository, the same events and Lambda context, ' +
      `${h.rounds} alternating rounds of ${h.calls} calls, median. Import: a fresh \`node\` importing the bundle, median of ${h.importRuns}.`,
    "lambdaport's adapter also carries structured logging (Powertools Logger), a deadline `AbortSignal` and correlation",
    "ids, which the Middy handler here does not: the comparison is what each gives by default. The example's logic reads",
    '`ctx.signal`; lambdaport keeps one deadline (an `AbortController` and its timer) per environment and re-arms it for',
    'the next call while nobody listens to it. `bench/handler-overhead` below compares that deadline like with like: both',
    'handlers reusing one, then both building one per call.',
    '',
    image('handler.svg'),
    '',
    '| handler | ns per call | bundle bytes | gzip bytes | import ms (median) | largest parts of the bundle |',
    '|---|---:|---:|---:|---:|---|',
  ];
  for (const id of ['lambdaport', 'middy', 'plain']) {
    const v = h.variants?.[id];
    if (!v) continue;
    const parts = Object.entries(v.bundle.byPackage)
      .sort((a, b) => /** @type {number} */ (b[1]) - /** @type {number} */ (a[1]))
      .slice(0, 4)
      .map(([name, bytes]) => `${name} ${fmt(kb(/** @type {number} */ (bytes)))} KB`)
      .join(', ');
    lines.push(row([v.label, v.nsPerCall, v.bundle.bytes, v.bundle.gzipBytes, v.importMedianMs, parts]));
  }
  lines.push('');
  lines.push(
    ...companion(
      '`bench/handler-overhead` (invokeHandler against a hand-written handler)',
      h.companions?.handlerOverhead,
    ),
    ...companion("`bench/bundle-size` (the example's records handler bundle)", h.companions?.bundleSize),
  );
  return lines;
}
