/**
 * What enforcing IAM costs (docs/design/iam.md): a warm invoke from one function to another (`caller` invokes
 * `callee`'s alias with the SDK v3 inside it, signed with its own role's credentials), the developer invoking
 * `caller` at concurrency 1, against two runtimes started in the same run from copies of one service: `--iam enforce`
 * (each call of `caller` is authorized: a cached decision after the first) and `--iam off`. Rounds alternate between
 * the two (order reversed every other round) so drift in the machine's load hits both alike.
 * Target: enforce at most 10% slower than off at the median, at concurrency 1.
 * Run alone (after `npx tsc -b`): node bench/scenarios/iam.mjs
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { REPO_DIR, TMP_DIR } from '../lib/paths.mjs';
import { runIfMain } from '../lib/scenario.mjs';
import { ratio, summarize } from '../lib/stats.mjs';

const HANDLERS = `import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
const lambda = new LambdaClient({ maxAttempts: 1 });
export const caller = async (event) => {
  const out = await lambda.send(new InvokeCommand({ FunctionName: event.callee, Qualifier: 'v1', Payload: '{}' }));
  return { status: out.StatusCode };
};
export const callee = async () => ({ ok: true });
`;

function serviceDir() {
  mkdirSync(TMP_DIR, { recursive: true });
  const dir = mkdtempSync(`${TMP_DIR}/iam-`);
  writeFileSync(`${dir}/handlers.mjs`, HANDLERS);
  writeFileSync(`${dir}/package.json`, '{ "type": "module", "private": true }\n');
  writeFileSync(
    `${dir}/lambdaport.config.json`,
    JSON.stringify({
      service: 'benchiam',
      functions: {
        caller: { handler: 'handlers.mjs#caller', calls: ['benchiam.callee'] },
        callee: { handler: 'handlers.mjs#callee' },
      },
    }),
  );
  return dir;
}

/** @type {import('../lib/scenario.mjs').Scenario} */
export const scenario = {
  id: 'iam',
  title: 'IAM enforced against off: a warm function-to-function invoke at concurrency 1',
  peers: false,
  async run({ quick }) {
    const { startLocal } = await import(pathToFileURL(`${REPO_DIR}/packages/local/dist/index.js`).href);
    const rounds = quick ? 2 : 6;
    const perRound = quick ? 100 : 300;
    const warmup = quick ? 30 : 100;
    const enforceDir = serviceDir();
    const offDir = `${enforceDir}-off`;
    cpSync(enforceDir, offDir, { recursive: true });
    const quiet = () => {};
    const runtimes = {
      enforce: await startLocal({ dirs: [enforceDir], ephemeral: true, iam: 'enforce', log: quiet }),
      off: await startLocal({ dirs: [offDir], ephemeral: true, iam: 'off', log: quiet }),
    };
    /** @type {Record<string, number[]>} */
    const samples = { enforce: [], off: [] };
    try {
      const targets = Object.entries(runtimes).map(([mode, local]) => {
        const name = (fn) => local.functions.find((f) => f.name === fn).deployedName;
        const lambda = new LambdaClient({
          endpoint: local.url,
          region: 'us-east-1',
          credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
          maxAttempts: 1,
        });
        const command = new InvokeCommand({
          FunctionName: name('caller'),
          Payload: JSON.stringify({ callee: name('callee') }),
        });
        return { mode, lambda, command };
      });
      const once = async (target) => {
        const t0 = performance.now();
        const out = await target.lambda.send(target.command);
        const ms = performance.now() - t0;
        const body = JSON.parse(Buffer.from(out.Payload).toString('utf8'));
        if (out.FunctionError !== undefined || body.status !== 200) {
          throw new Error(`${target.mode}: the call failed: ${Buffer.from(out.Payload).toString('utf8')}`);
        }
        return ms;
      };
      for (const target of targets) for (let i = 0; i < warmup; i++) await once(target);
      for (let round = 0; round < rounds; round++) {
        const order = round % 2 === 0 ? targets : [...targets].reverse();
        for (const target of order) {
          for (let i = 0; i < perRound; i++) samples[target.mode].push(await once(target));
          const s = summarize(samples[target.mode].slice(-perRound));
          console.error(`  round ${round + 1} ${target.mode.padEnd(7)} p50 ${s.p50} ms  p99 ${s.p99} ms`);
        }
      }
      for (const target of targets) target.lambda.destroy();
    } finally {
      await runtimes.enforce.stop();
      await runtimes.off.stop();
      rmSync(enforceDir, { recursive: true, force: true });
      rmSync(offDir, { recursive: true, force: true });
    }
    const enforce = summarize(samples.enforce);
    const off = summarize(samples.off);
    const p50Ratio = ratio(enforce.p50, off.p50);
    return {
      concurrency: 1,
      rounds,
      perRound,
      latencyMs: { enforce, off },
      enforceOverOffP50: p50Ratio,
      target: 'enforce ≤ 1.10 × off at p50',
      met: p50Ratio !== null && p50Ratio <= 1.1,
    };
  },
};

runIfMain(import.meta.url, scenario);
