/**
 * The throughput generator: autocannon in a process of its own (not the bench's, not the server's), replaying one
 * captured request on N keep-alive connections. A warm-up run, then `BENCH_MEASURING` on stdout, then the measured
 * run and one line `BENCH_RESULT {...}`: requests answered and still unanswered at the end, 2xx with the expected body
 * (`ok`), non-2xx, wrong bodies, errors, req/s, latency percentiles
 * (autocannon's histogram has 1 ms resolution) and this process's own CPU time during the measured run.
 * Usage: node cannon.mjs '<JSON spec>'  (spec: url, method, path, headers, body, expectBody?, connections, durationS, warmupS)
 */
import autocannon from 'autocannon';

const spec = JSON.parse(process.argv[2] ?? 'null');
if (!spec?.url?.startsWith('http://127.0.0.1:')) throw new Error('usage: cannon.mjs <JSON spec with a 127.0.0.1 url>');

/** @param {number} durationS */
const run = (durationS) =>
  autocannon({
    url: `${spec.url}${spec.path}`,
    method: spec.method,
    headers: spec.headers,
    body: spec.body,
    connections: spec.connections,
    pipelining: 1,
    duration: durationS,
    timeout: 30,
    ...(spec.expectBody === undefined ? {} : { expectBody: spec.expectBody }),
  });

if (spec.warmupS > 0) await run(spec.warmupS);
console.log('BENCH_MEASURING');
const cpu0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
const r = await run(spec.durationS);
const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
const cpu = process.cpuUsage(cpu0);
const ok = r['2xx'] - (r.mismatches ?? 0);
console.log(
  `BENCH_RESULT ${JSON.stringify({
    connections: spec.connections,
    durationS: r.duration,
    requests: r.requests.total,
    unanswered: r.requests.sent - r.requests.total,
    ok,
    non2xx: r.non2xx,
    wrong: r.mismatches ?? 0,
    errors: r.errors,
    timeouts: r.timeouts,
    throughput: Math.round((ok / r.duration) * 10) / 10,
    latencyMs: {
      p50: r.latency.p50,
      p90: r.latency.p90,
      p99: r.latency.p99,
      max: r.latency.max,
      mean: r.latency.mean,
    },
    generatorCpuMs: Math.round((cpu.user + cpu.system) / 1000),
    generatorWallMs: Math.round(wallMs),
  })}`,
);
