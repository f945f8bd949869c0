/** Where and under what load the figures were measured, and how to rerun every benchmark. */
import { codeVersions, scenarios } from '../data.mjs';
import { machineLine, row } from '../format.mjs';

/** @param {any} results */
export function machineSection(results) {
  const lines = ['## Machine and load', '', `- ${machineLine(results.machine)}`];
  if (results.peers) {
    lines.push(
      `- peers: ${Object.entries(results.peers)
        .map(([n, v]) => `${n}@${v}`)
        .join(', ')}`,
    );
  }
  for (const code of codeVersions(results)) {
    const files = code.uncommittedSources ?? [];
    const dirty = files.length
      ? `, plus uncommitted changes to ${files.length} source file(s) (${files.slice(0, 4).join(', ')}${files.length > 4 ? ', ...' : ''}): the built \`dist\` is what ran`
      : '';
    lines.push(`- code measured: commit \`${code.commit}\`${dirty}`);
  }
  lines.push(
    '',
    '| scenario | started (UTC) | took | load average before → after | busiest other processes (CPU % of one core) |',
    '|---|---|---:|---|---|',
  );
  for (const [id, sc] of Object.entries(scenarios(results))) {
    const busy = [...(sc.loadBefore?.busy ?? []), ...(sc.loadAfter?.busy ?? [])]
      .slice(0, 4)
      .map((/** @type {any} */ b) => `${b.cpuPercent}% ${String(b.command).split(' ').slice(0, 4).join(' ')}`)
      .join('; ');
    lines.push(
      row([
        `${id}${sc.quick ? ' (quick mode)' : ''}`,
        sc.startedAt?.slice(0, 19).replace('T', ' '),
        `${sc.durationS} s`,
        `${sc.loadBefore?.loadAverage?.[0]} → ${sc.loadAfter?.loadAverage?.[0]}`,
        busy || 'nothing notable',
      ]),
    );
  }
  return [...lines, ''];
}

/** How to rerun: the suite, one scenario, the report, and the micro-benchmarks of bench/micro. */
export function rerunSection() {
  return [
    '## Rerun',
    '',
    '```sh',
    'npm run bench                                     # build, then the whole suite (10 minutes, plus 5 to 25 for synth),',
    '                                                  # then this page, its charts and the README section "How fast"',
    'npm run bench --workspace bench -- warm-invoke    # one scenario (or several), then the same',
    'node bench/scenarios/cold-start.mjs               # one scenario alone, prints its JSON',
    'BENCH_QUICK=1 npm run bench                       # short phases, to check the bench itself (not figures of record)',
    'node bench/report.mjs [bench/results/<date>.json] # regenerate this page, the charts and the README section',
    'node bench/report.mjs --check-readme              # fails when the README section differs from its results file',
    '```',
    '',
    'Scenarios: `warm-invoke`, `cold-start`, `hot-reload`, `client-overhead`, `handler`, `scale`, `synth`. The first run',
    `installs the peers into \`bench/peers/\` (\`npm install --prefix bench/peers\`, pinned versions, install scripts off; gitignored, never`,
    'in the root install); autocannon is a devDependency of the bench workspace. Results go to',
    '`bench/results/<date>.json` (a scenario run alone replaces only its own entry; each entry records when it ran and',
    'under what load). Benchmarks are not part of `npm test`. Everything listens on and talks to 127.0.0.1 only.',
    '',
    'Other benchmark scripts (not tests, not part of the suite; each says how to run it in its header; build first with',
    '`npx tsc -b`):',
    '',
    '- `node bench/handler-overhead/run.mjs`: `invokeHandler` against a hand-written handler, per call (run by `handler`).',
    '- `node bench/bundle-size/run.mjs`: the records handler bundle, by part (run by `handler`).',
    '- `node bench/client-overhead/run.mjs`: the typed client against the raw SDK (run by `client-overhead`).',
    '- `node bench/micro/cold-start.mjs`: records `get` cold starts through the invoker, with and without spares.',
    '- `node bench/micro/environments.mjs`: the execution side alone: spawn floor, cold start, build, hot reload, warm calls.',
    '- `node bench/micro/ready.mjs [dist/index.js ...]`: `startLocal` with 50 functions, time to ready.',
    '- `node bench/micro/sigv4.mjs [dist dir ...]`: µs per SigV4 verification.',
    '- `node bench/micro/warm.mjs [dist/index.js ...]`: warm invokes against one runtime per build given, to compare builds.',
    '- `node bench/micro/store-check.mjs [items ...]`: what the start-time check of a DynamoDB state folder costs.',
    '- `node bench/fuzz/run.mjs [--requests 100000] [--seed N]`: 100,000 fuzzed requests against one runtime (requests/s,',
    '  answers by status, 5xx, RSS).',
    '- `node bench/soak/run.mjs [--seconds 600]`: `lambdaport dev` for 10 minutes under fuzzed load: RSS and processes',
    '  over time, zombies, a clean SIGTERM.',
    '',
  ];
}
