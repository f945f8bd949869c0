// Measures the execution side of the local runtime (a benchmark, not a test; run after `npx tsc -b`, from the repo
// root):
//   node bench/micro/environments.mjs     RUNS (default 21); PREBOOT=0 turns spares off
// Prints: spawn of a bare `node -e 0` (the floor), cold start (process start + init + first call, bundle built),
// first build, hot reload (save → next call runs new code), warm invokes through the invoker at c=1 and c=16.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createBuilder } from '../../packages/local/dist/build/index.js';
import { createInvoker } from '../../packages/local/dist/lambda/environments/index.js';

const runs = Number(process.env.RUNS ?? 21);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms) => `${ms.toFixed(1)} ms`;

const dir = mkdtempSync(path.join(tmpdir(), 'lambdaport-measure-'));
writeFileSync(path.join(dir, 'message.ts'), "export const message = 'v0';\n");
writeFileSync(
  path.join(dir, 'handler.ts'),
  "import { message } from './message.js';\nexport const handler = async (event: unknown) => ({ message, event });\n",
);
const fn = {
  name: 'measure',
  service: 'bench',
  stage: 'dev',
  region: 'us-east-1',
  accountId: '000000000000',
  deployedName: 'dev-bench-measure-000000',
  arn: 'arn:aws:lambda:us-east-1:000000000000:function:dev-bench-measure-000000',
  aliasArn: 'arn:aws:lambda:us-east-1:000000000000:function:dev-bench-measure-000000:v1',
  major: 1,
  current: true,
  dir,
  configFile: path.join(dir, 'lambdaport.config.json'),
  lambdaRuntime: 'nodejs22.x',
  runtimeSetting: 'nodejs',
  calls: [],
  tables: [],
  contract: undefined,
  timeoutSeconds: 3,
  memorySize: 128,
  reservedConcurrency: undefined,
  url: undefined,
  description: '',
  versions: new Map([
    [
      '$LATEST',
      { version: '$LATEST', runtime: 'nodejs', handler: 'handler.ts#handler', environment: {}, description: '' },
    ],
  ]),
  aliases: new Map(),
};
const request = () => ({
  requestId: randomUUID(),
  payload: Buffer.from('{"a":1}'),
  clientContext: undefined,
  invokedFunctionArn: fn.arn,
  tail: false,
});

const bare = [];
for (let i = 0; i < runs; i++) {
  const t = performance.now();
  execFileSync(process.execPath, ['-e', '0']);
  bare.push(performance.now() - t);
}

let rebuilt = 0;
const builder = createBuilder({
  watch: true,
  onRebuilt: (f) => {
    rebuilt++;
    invoker.retire(f);
  },
});
const invoker = createInvoker({ builder, prebootSpares: process.env.PREBOOT !== '0' });
let t = performance.now();
await builder.code(fn, '$LATEST');
const firstBuild = performance.now() - t;

const cold = [];
for (let i = 0; i < runs; i++) {
  invoker.retire(fn);
  t = performance.now();
  await invoker.invoke(fn, '$LATEST', request());
  cold.push(performance.now() - t);
}

const reload = [];
for (let i = 1; i <= Math.min(runs, 11); i++) {
  await new Promise((resolve) => setTimeout(resolve, 50));
  const want = `v${i}`;
  t = performance.now();
  writeFileSync(path.join(dir, 'message.ts'), `export const message = '${want}';\n`);
  for (;;) {
    const out = JSON.parse((await invoker.invoke(fn, '$LATEST', request())).payload.toString());
    if (out.message === want) break;
  }
  reload.push(performance.now() - t);
}

const warm = async (concurrency, ms) => {
  const end = performance.now() + ms;
  let n = 0;
  const worker = async () => {
    while (performance.now() < end) {
      await invoker.invoke(fn, '$LATEST', request());
      n++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return n / (ms / 1000);
};
await warm(1, 300);
const c1 = await warm(1, 3000);
const c16 = await warm(16, 3000);

await invoker.stop();
await builder.stop();
rmSync(dir, { recursive: true, force: true });

console.log(`bare 'node -e 0' spawn  median ${fmt(median(bare))}`);
console.log(`cold start              median ${fmt(median(cold))} (min ${fmt(Math.min(...cold))}, n=${runs})`);
console.log(`first build (esbuild)   ${fmt(firstBuild)}`);
console.log(`hot reload              median ${fmt(median(reload))} (n=${reload.length}, rebuilds seen ${rebuilt})`);
console.log(`warm invoke c=1         ${c1.toFixed(0)} /s`);
console.log(`warm invoke c=16        ${c16.toFixed(0)} /s`);
