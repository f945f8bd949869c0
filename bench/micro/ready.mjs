// `startLocal` with 50 functions: time until ready (a benchmark, not a test; run after `npx tsc -b`, from the
// repo root):
//   node bench/micro/ready.mjs [dist/index.js ...]    RUNS (default 7)
// Each run is a fresh process (as `lambdaport dev` is); prints the median per dist, with and without prebootSpares.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const dists =
  process.argv.slice(2).length > 0 ? process.argv.slice(2) : [path.resolve(here, '../../packages/local/dist/index.js')];
const runs = Number(process.env.RUNS ?? 7);
const dir = path.join(tmpdir(), `lambdaport-ready-${process.pid}`);
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, 'echo.mjs'), 'export const handler = async (event) => event;\n');
writeFileSync(path.join(dir, 'package.json'), '{ "type": "module", "private": true }\n');
const functions = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`fn${i}`, { handler: 'echo.mjs#handler' }]));
writeFileSync(path.join(dir, 'lambdaport.config.json'), JSON.stringify({ service: 'ready', functions }));
const child = `
const t0 = performance.now();
const { startLocal } = await import(${JSON.stringify('DIST')});
const local = await startLocal({ dirs: [${JSON.stringify(dir)}], ephemeral: true, prebootSpares: PREBOOT });
const ready = performance.now() - t0;
await local.stop();
console.log(ready.toFixed(1));
`;
try {
  for (const dist of dists) {
    for (const preboot of [false, true]) {
      const times = [];
      for (let i = 0; i < runs; i++) {
        const code = child
          .replace('"DIST"', JSON.stringify(pathToFileURL(path.resolve(dist)).href))
          .replace('PREBOOT', String(preboot));
        times.push(Number(execFileSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' })));
      }
      times.sort((a, b) => a - b);
      console.log(
        `${dist} prebootSpares=${preboot}: 50 functions ready, median ${times[Math.floor(runs / 2)]} ms (n=${runs})`,
      );
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
