/**
 * Finding 10 of issue 15: one layout. `startLocal` writes everything (builds, code caches, state) under the first dir's
 * `.lambdaport/`; the other service dirs get nothing. A second service's bundles still find the `@aws-sdk/*` packages
 * its own node_modules holds (CommonJS and ES module bundles alike).
 */
import { existsSync, symlinkSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalRuntime, startLocal } from '../../src/index.js';

const REPO_MODULES = path.resolve(import.meta.dirname, '../../../../node_modules');

let root = '';
let first = '';
let second = '';
let local: LocalRuntime;
let lambda: LambdaClient;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'lambdaport-layout-'));
  first = path.join(root, 'first');
  second = path.join(root, 'second');
  await mkdir(first);
  await mkdir(second);
  await writeFile(
    path.join(first, 'lambdaport.config.json'),
    JSON.stringify({ service: 'first', functions: { ping: { handler: 'handler.ts#handler' } } }),
  );
  await writeFile(path.join(first, 'handler.ts'), 'export const handler = async () => "pong";\n');
  // the second service has node_modules of its own (here: the repository's), holding @aws-sdk
  symlinkSync(REPO_MODULES, path.join(second, 'node_modules'), 'junction');
  await writeFile(
    path.join(second, 'lambdaport.config.json'),
    JSON.stringify({
      service: 'second',
      functions: { cjs: { handler: 'cjs.ts#handler' }, esm: { handler: 'esm.ts#handler' } },
    }),
  );
  await writeFile(
    path.join(second, 'cjs.ts'),
    "import { LambdaClient } from '@aws-sdk/client-lambda';\nexport const handler = async () => typeof LambdaClient;\n",
  );
  // top-level await: an ES module bundle
  await writeFile(
    path.join(second, 'esm.ts'),
    "import { SSMClient } from '@aws-sdk/client-ssm';\nconst kind = await Promise.resolve(typeof SSMClient);\nexport const handler = async () => kind;\n",
  );
  local = await startLocal({ dirs: [first, second], ephemeral: false, prebootSpares: false });
  lambda = new LambdaClient({
    endpoint: local.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
});
afterAll(async () => {
  lambda?.destroy();
  await local?.stop();
  if (root) await rm(root, { recursive: true, force: true });
});

async function invoke(name: string): Promise<{ result: unknown; error: string | undefined }> {
  const fn = local.functions.find((f) => f.name === name)!;
  const out = await lambda.send(new InvokeCommand({ FunctionName: fn.deployedName }));
  return { result: JSON.parse(Buffer.from(out.Payload ?? []).toString('utf8')), error: out.FunctionError };
}

describe("one .lambdaport/ folder: the first dir's", () => {
  it("the second service's functions run, finding @aws-sdk in its own node_modules (CommonJS and ESM bundles)", async () => {
    expect(await invoke('ping')).toEqual({ result: 'pong', error: undefined });
    expect(await invoke('cjs')).toEqual({ result: 'function', error: undefined });
    expect(await invoke('esm')).toEqual({ result: 'function', error: undefined });
  });

  it('builds, caches and state are in the first dir; the second dir has no .lambdaport/', () => {
    expect(existsSync(path.join(second, '.lambdaport'))).toBe(false);
    for (const part of ['build/first/ping', 'build/second/cjs', 'build/second/esm', 'ssm.json', 'dynamodb']) {
      expect(existsSync(path.join(first, '.lambdaport', part)), part).toBe(true);
    }
  });
});
