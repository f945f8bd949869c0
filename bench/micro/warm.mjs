// Warm invokes of an echo function through the Invoke API (a benchmark, not a test; run after `npx tsc -b`, from
// the repo root), with bench's own Node load generator (bench/lib/load.mjs) in this process, interleaved rounds so the
// machine's drift hits every target alike. The generator shares the cores with the runtimes: use this to compare
// builds with each other; the throughput of record is autocannon's (bench/scenarios/warm-invoke.mjs).
//   node bench/micro/warm.mjs [dist/index.js ...]     (default: packages/local/dist/index.js)
// Targets: a bare node:http echo server (bench/lib/hosts/bare-server.mjs) and one local runtime per dist given, each
// in its own process. Prints req/s (median of rounds) and p50 per target and concurrency, unsigned (an unknown key)
// and signed with the known `test` key. ROUNDS (default 3), DURATION_MS (default 2000), C (default "1,16"),
// SIGNED=0 skips the signed runs, CPU_PROF=<dir> profiles the runtimes (node --cpu-prof), SLS=1 adds
// serverless-offline (from bench/peers, started by bench's own tool module on a bench/.tmp service folder).
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeSigner, runRounds } from '../lib/load.mjs';
import { makeServiceDir, removeServiceDir } from '../lib/service-dir.mjs';
import { serverlessOffline } from '../lib/tools/serverless-offline.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const dists =
  process.argv.slice(2).length > 0 ? process.argv.slice(2) : [path.resolve(here, '../../packages/local/dist/index.js')];
const rounds = Number(process.env.ROUNDS ?? 3);
const durationMs = Number(process.env.DURATION_MS ?? 2000);
const levels = (process.env.C ?? '1,16').split(',').map(Number);

const dir = path.join(tmpdir(), `lambdaport-warm-${process.pid}`);
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, 'echo.mjs'), 'export const handler = async (event) => event;\n');
writeFileSync(path.join(dir, 'package.json'), '{ "type": "module", "private": true }\n');
writeFileSync(
  path.join(dir, 'lambdaport.config.mjs'),
  "export default { service: 'bench', stage: 'dev', functions: { echo: { handler: 'echo.mjs#handler', timeout: 30, memorySize: 256 } } };\n",
);

const children = [];
let sls;
let slsService;
function host(args, extraNodeArgs = []) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...extraNodeArgs, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(child);
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const line = out.split('\n').find((l) => l.startsWith('READY ') || l.startsWith('BENCH_READY '));
      if (line) resolve(JSON.parse(line.slice(line.indexOf(' ') + 1)));
    });
    child.on('exit', (code) => reject(new Error(`host exited ${code}`)));
  });
}

try {
  const targets = [];
  const bare = await host([path.resolve(here, '../lib/hosts/bare-server.mjs'), path.join(dir, 'echo.mjs')]);
  targets.push({ key: 'bare', url: bare.url, functionName: 'echo' });
  const profile = process.env.CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.CPU_PROF}`] : [];
  for (const [i, dist] of dists.entries()) {
    const lp = await host([path.join(here, 'host.mjs'), dist, dir], profile);
    targets.push({ key: `lambdaport#${i}`, url: lp.url, functionName: lp.names.echo });
  }
  if (process.env.SLS === '1') {
    slsService = makeServiceDir('perf-warm-sls', [{ name: 'echo', file: 'echo.mjs' }]);
    sls = await serverlessOffline.start(slsService);
    targets.push({ key: 'serverless-offline', url: sls.url, functionName: sls.names.echo });
  }
  const unknownKey = await makeSigner({ accessKeyId: 'BENCHKEY', secretAccessKey: 'bench' });
  const knownKey = await makeSigner({ accessKeyId: 'test', secretAccessKey: 'test' });
  for (const c of levels) {
    const result = await runRounds(targets, { concurrency: c, rounds, durationMs, warmupMs: 300, firstWarmupMs: 1000 });
    for (const [key, r] of Object.entries(result)) {
      console.log(
        `${key.padEnd(14)} c=${String(c).padStart(2)} ${String(r.throughput).padStart(8)} req/s  p50 ${r.latencyMs.p50} ms  errors ${r.errors + r.wrong}`,
      );
    }
    if (process.env.SIGNED === '0') continue;
    const signed = targets
      .filter((t) => t.key.startsWith('lambdaport'))
      .flatMap((t) => [
        { ...t, key: `${t.key} signed/unknown`, sign: unknownKey },
        { ...t, key: `${t.key} signed/test`, sign: knownKey },
      ]);
    const sresult = await runRounds(signed, { concurrency: c, rounds, durationMs: durationMs / 2, warmupMs: 300 });
    for (const [key, r] of Object.entries(sresult)) {
      console.log(
        `${key.padEnd(30)} c=${String(c).padStart(2)} ${String(r.throughput).padStart(8)} req/s  p50 ${r.latencyMs.p50} ms  errors ${r.errors + r.wrong}`,
      );
    }
  }
} finally {
  await sls?.stop();
  if (slsService) removeServiceDir(slsService.dir);
  for (const child of children) child.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 500));
  rmSync(dir, { recursive: true, force: true });
}
