/** The IAM section: a warm function-to-function invoke with IAM enforced against off. */
import { scenarios } from '../data.mjs';

/** @param {any} results */
export function iamSection(results) {
  const r = scenarios(results).iam;
  const title = ['## IAM enforced: what it costs a function-to-function call', ''];
  if (!r) return [...title, 'Not measured: not in this results file.', ''];
  const row = (/** @type {string} */ label, /** @type {any} */ s) =>
    `| ${label} | ${s.n} | ${s.p50} | ${s.p90} | ${s.p99} | ${s.mean} |`;
  return [
    ...title,
    'Measured by `bench/scenarios/iam.mjs`: the developer invokes `caller` at concurrency 1; `caller` invokes',
    "`callee`'s alias with the SDK v3, signed with its own role's credentials. Two runtimes started in the same run",
    'from copies of one service, `--iam enforce` (each call of `caller` authorized against its generated policy: a',
    `cached decision after the first) and \`--iam off\`; ${r.rounds} alternating rounds of ${r.perRound} calls each.`,
    '',
    '| mode | calls | p50 ms | p90 ms | p99 ms | mean ms |',
    '|---|---:|---:|---:|---:|---:|',
    row('enforce', r.latencyMs.enforce),
    row('off', r.latencyMs.off),
    '',
    `enforce ÷ off at p50: ${r.enforceOverOffP50} (target ≤ 1.10: ${r.met ? 'met' : 'missed'}).`,
    '',
  ];
}
