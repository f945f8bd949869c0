/**
 * docs/compatibility.md: the rules table of `lambdaport check`, generated from {@link RULES} with the words around it,
 * so the table people read is the one the gate applies (`npm run docs:compatibility` writes it; a test compares).
 */
import { RULES, type RulePart } from './rules.js';

const PARTS: readonly { part: RulePart; title: string; intro: string }[] = [
  {
    part: 'input',
    title: 'Input (what callers send)',
    intro:
      'A change that refuses something callers built against the locked contract may send breaks them; one that ' +
      'accepts more does not.',
  },
  {
    part: 'output',
    title: 'Output and error data (what callers receive)',
    intro:
      "Callers' typed clients validate the output (and read the data of declared errors) with the contract they were " +
      'built against: a change that may return something that contract refuses breaks them; one that returns less ' +
      'does not. The data schema of each declared error follows these rules too (`errors.<Name>.data` in the report).',
  },
  { part: 'errors', title: 'Declared errors', intro: '' },
  { part: 'idempotency', title: 'Idempotency', intro: '' },
  { part: 'function', title: 'Functions and majors', intro: '' },
];

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

/**
 * The text of docs/compatibility.md.
 *
 * @example
 * writeFileSync('docs/compatibility.md', renderCompatibilityDoc());
 */
export function renderCompatibilityDoc(): string {
  const out: string[] = [
    '# Compatibility: what `lambdaport check` calls breaking',
    '',
    '<!-- Generated from packages/governance/src/check/rules.ts by `npm run docs:compatibility`; do not edit by hand. -->',
    '',
    "A service's committed lock file (`lambdaport.lock.json`, written by `lambdaport check --update`) records, for each",
    'function and each API major it serves, the contract callers rely on: its name and version, whether it is',
    'idempotent, and the JSON Schemas of its input, its output and the data of each declared error. `lambdaport check`',
    'compares the current contracts with it and classifies every difference by the rules below.',
    '',
    '- A **breaking** difference in a major that is still served fails the check (exit code 1). The report names the',
    '  function, the major, the part and the JSON Pointer of the place in its schema, the rule, and the fix: serve the',
    '  change as a new major (`version: 2` in the contract and the config) and keep the old major in `versions` for',
    '  the callers that still use it. An older major kept in `versions` must not change at all.',
    '- A **safe** difference is listed and passes. `--update` rewrites the lock, accepting every difference.',
    '- A new major with the old one still served is accepted. Removing a major that a `calls` entry of the services',
    '  given still names (pinned `@vN`, or unpinned while N is the current major in the lock) is refused.',
    '',
    'Schemas are compared as JSON Schema (each library converts its own: zod 4, valibot, Standard JSON Schema).',
    'Annotations (`description`, `title`, `examples`, `default`, ...) are no change. A change the diff does not model',
    '(`not`, `if`, `allOf`, `patternProperties`, ...) counts as breaking, to be reviewed and accepted with `--update`.',
    '',
    '## Decisions',
    '',
    '- **A new declared error is safe.** Callers built against the locked contract receive it as a',
    '  `RemoteFunctionError` with its `errorType` and message: the path every caller already has for undeclared',
    '  failures (a crash, a time-out). Calling it breaking would forbid ever naming a failure that already happens.',
    '  Tell callers, so they can handle it by name.',
    '- **A removed input field is breaking only for a strict input** (`additionalProperties: false`, a',
    '  `z.strictObject`): a lenient input ignores the field callers still send.',
    '- **Strictness of an output does not count.** Converters write `additionalProperties: false` for the output',
    '  form of every object, strict or not, so the lock cannot tell a `z.strictObject` output from a `z.object` one,',
    "  and a new output field is judged as a `z.object` caller sees it: stripped, safe. A caller's `z.strictObject`",
    '  output would refuse a new field: keep outputs non-strict.',
    '- **The callers seen are the services given.** A major removed while no service given calls it is safe; give',
    '  `check` every service (`--dir` repeated) to see every caller.',
    '',
  ];
  for (const { part, title, intro } of PARTS) {
    out.push(`## ${title}`, '');
    if (intro !== '') out.push(intro, '');
    out.push('| Rule | Change | Verdict | Why |', '| --- | --- | --- | --- |');
    for (const rule of RULES.filter((r) => r.part === part)) {
      const verdict = rule.verdict === 'breaking' ? '**breaking**' : 'safe';
      out.push(`| \`${rule.id}\` | ${cell(rule.change)} | ${verdict} | ${cell(rule.why)} |`);
    }
    out.push('');
  }
  return `${out.join('\n')}`;
}
