/**
 * The copy-paste calls of the docs: their pieces, and the calls themselves run as a user would paste them (bash with
 * the machine's AWS CLI, python3 with boto3) against `@lambdaport/local` serving the examples.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadServices } from '@lambdaport/config';
import { type LocalRuntime, startLocal } from '@lambdaport/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callSnippets,
  type LoadedContract,
  loadContracts,
  pythonLiteral,
  queryOf,
  shellQuote,
} from '../../src/index.js';
import { REPO } from '../support/node-script.js';

describe('the pieces of a call', () => {
  it('quotes for a POSIX shell, writes Python literals, and a query for a flat input', () => {
    expect(shellQuote(`{"a":"it's"}`)).toBe(`'{"a":"it'\\''s"}'`);
    expect(pythonLiteral({ id: 1, ok: true, no: false, none: null, list: [1.5, 'x'], nested: { 'k"q': 'é' } })).toBe(
      '{"id": 1, "ok": True, "no": False, "none": None, "list": [1.5, "x"], "nested": {"k\\"q": "é"}}',
    );
    expect(queryOf({ id: 1, q: 'a b&c', all: true })).toBe('?id=1&q=a+b%26c&all=true');
    expect(queryOf({})).toBe('');
    expect(queryOf({ filter: { status: 'open' } })).toBeUndefined();
    expect(queryOf([1])).toBeUndefined();
  });

  it('imports a contract module outside the package exports by the path TypeScript emits for it', () => {
    const dir = path.join(tmpdir(), 'no-package-json-here');
    const importOf = (file: string) => {
      const contract = {
        service: 'cat',
        major: 1,
        current: true,
        contractName: 'cat.get',
        source: { file: path.join(dir, file), exportName: 'getItem', keyPath: 'functions.get.contract', inputs: [] },
        fn: { dir, deployedName: 'dev-cat-get-abcdef', url: undefined },
      } as unknown as LoadedContract; // only the parts callSnippets reads
      return callSnippets(contract, {})[0]!.code.split('\n')[1];
    };

    expect(importOf('src/contract.ts')).toBe("import { getItem } from './src/contract.js';");
    expect(importOf('src/contract.mts')).toBe("import { getItem } from './src/contract.mjs';");
    expect(importOf('src/contract.cts')).toBe("import { getItem } from './src/contract.cjs';");
    expect(importOf('src/contract.mjs')).toBe("import { getItem } from './src/contract.mjs';");
  });
});

describe('the calls, pasted into a shell and python3, against the local runtime', () => {
  let local: LocalRuntime;
  let contracts: readonly LoadedContract[];
  let work: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    const dirs = [path.join(REPO, 'examples/records'), path.join(REPO, 'examples/orders')];
    local = await startLocal({ dirs, ephemeral: true, prebootSpares: false });
    ({ contracts } = await loadContracts(await loadServices(dirs)));
    work = mkdtempSync(path.join(tmpdir(), 'lambdaport-calls-'));
    env = {
      PATH: process.env.PATH,
      HOME: work,
      AWS_ENDPOINT_URL: local.url,
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
    };
  });

  afterAll(async () => {
    await local?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  const snippets = (label: string) => {
    const contract = contracts.find((c) => c.label === label)!;
    return callSnippets(contract, contract.examples[0]!.input);
  };
  const runIn = (command: string, args: string[]) =>
    new Promise<string>((resolve, reject) => {
      execFile(command, args, { cwd: work, env }, (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
      );
    });

  it('records.get over the Invoke API: the AWS CLI form for v1 and v2, and boto3', async () => {
    const [typescript, awsCli, awsCliV2, boto3] = snippets('records.get');

    expect(typescript!.code).toContain("import { getRecord } from '@lambdaport-examples/records/contract';");
    expect(awsCliV2!.code).toContain('--cli-binary-format raw-in-base64-out'); // v2 only: not run with the v1 here
    const record = { id: 1, title: 'Quarterly report', status: 'active', createdAt: '2026-01-01T09:00:00.000Z' };
    // the CLI prints the call's metadata (pretty JSON), then `cat out.json` the result (one line)
    const printed = await runIn('bash', ['-c', awsCli!.code]);
    const resultLine = printed.trimEnd().split('\n').at(-1)!;
    expect(JSON.parse(printed.slice(0, printed.lastIndexOf(resultLine)))).toMatchObject({
      StatusCode: 200,
      ExecutedVersion: '1',
    });
    expect(JSON.parse(resultLine)).toEqual(record);
    expect(await runIn('python3', ['-c', boto3!.code])).toBe(
      "{'id': 1, 'title': 'Quarterly report', 'status': 'active', 'createdAt': '2026-01-01T09:00:00.000Z'}\n",
    );
  });

  it('records.getUrl over its Function URL: curl and python, the URL read from the Lambda API', async () => {
    const [curl, python] = snippets('records.getUrl');

    expect(JSON.parse(await runIn('bash', ['-c', curl!.code]))).toMatchObject({ id: 1, title: 'Quarterly report' });
    expect(await runIn('python3', ['-c', python!.code])).toContain("'title': 'Quarterly report'");
  });
});
