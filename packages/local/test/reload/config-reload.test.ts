/**
 * Finding 7 of issue 15: under watch mode, a saved config is reloaded: validated again (a bad one is reported once
 * and the previous one keeps serving), then applied (timeout, memory, environment, functions added and removed), so
 * GetFunctionConfiguration and the next call reflect it; one line per reload and per rebuild. Real files, the real
 * runtime, a real SDK client.
 */
import { writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  GetFunctionConfigurationCommand,
  InvokeCommand,
  LambdaClient,
  ListFunctionsCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../../../test-support/async.js';
import { type LocalRuntime, startLocal } from '../../src/index.js';

let dir = '';
let local: LocalRuntime;
let lambda: LambdaClient;
const lines: string[] = [];

interface FunctionSettings {
  handler: string;
  runtime?: string;
  timeout?: number;
  memorySize?: number;
  environment?: Record<string, string>;
}

function writeConfig(functions: Record<string, FunctionSettings | { timeout: string }>): void {
  writeFileSync(path.join(dir, 'lambdaport.config.json'), JSON.stringify({ service: 'records', functions }, null, 2));
}

/** Waits for a new log line matching `pattern` (after the lines seen so far) and returns it. */
async function nextLine(pattern: RegExp, from: number): Promise<string> {
  let found: string | undefined;
  await waitFor(
    () => {
      found = lines.slice(from).find((line) => pattern.test(line));
      return found !== undefined;
    },
    { what: `a log line matching ${pattern}` },
  );
  return found!;
}

async function configuration(name: string) {
  return lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
}

async function invoke(name: string): Promise<unknown> {
  const result = await lambda.send(new InvokeCommand({ FunctionName: name }));
  return JSON.parse(Buffer.from(result.Payload ?? []).toString('utf8'));
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'lambdaport-reload-'));
  await mkdir(path.join(dir, 'src'));
  await writeFile(
    path.join(dir, 'src/handlers.ts'),
    'export const handler = async () => ({ greeting: process.env.GREETING, from: "get" });\n' +
      'export const list = async () => ({ from: "list" });\n',
  );
  writeConfig({ get: { handler: 'src/handlers.ts#handler', timeout: 6, environment: { GREETING: 'hello' } } });
  local = await startLocal({
    dirs: [dir],
    ephemeral: true,
    watch: true,
    prebootSpares: false,
    log: (l) => lines.push(l),
  });
  lambda = new LambdaClient({
    endpoint: local.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
});
afterAll(async () => {
  lambda?.destroy();
  await local?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('config reload under watch mode', () => {
  it('a changed timeout, memory size and environment apply: GetFunctionConfiguration and the next call show them', async () => {
    const get = local.functions[0]!.deployedName;
    expect(await invoke(get)).toEqual({ greeting: 'hello', from: 'get' });
    expect((await configuration(get)).Timeout).toBe(6);

    const from = lines.length;
    writeConfig({
      get: { handler: 'src/handlers.ts#handler', timeout: 9, memorySize: 256, environment: { GREETING: 'hi' } },
    });
    const line = await nextLine(/config reloaded/, from);

    expect(line).toBe('records.get: config reloaded (timeout 6 → 9 s, memory 128 → 256 MB, environment GREETING)');
    const after = await configuration(get);
    expect(after.Timeout).toBe(9);
    expect(after.MemorySize).toBe(256);
    expect(after.Environment?.Variables?.GREETING).toBe('hi');
    expect(await invoke(get)).toEqual({ greeting: 'hi', from: 'get' });
  });

  it('an invalid config is reported once, and the previous one keeps serving', async () => {
    const get = local.functions[0]!.deployedName;
    const from = lines.length;

    writeConfig({ get: { timeout: 'nine' } });
    const reported = await nextLine(/config not reloaded/, from);
    // the same bad config saved again: not reported again (the next good save proves the reload ran)
    writeConfig({ get: { timeout: 'nine' } });
    writeConfig({
      get: { handler: 'src/handlers.ts#handler', timeout: 9, memorySize: 256, environment: { GREETING: 'hi' } },
    });
    await nextLine(/config reloaded: no function changed/, from);

    expect(reported).toMatch(/^config not reloaded; still serving the previous one:\n {2}.*lambdaport\.config\.json: /);
    expect(reported).toContain('functions.get');
    expect(lines.slice(from).filter((line) => line.startsWith('config not reloaded'))).toHaveLength(1);
    expect((await configuration(get)).Timeout).toBe(9);
  });

  it('a handler naming a missing export is not reloaded; the message names the handler string and the exports', async () => {
    const from = lines.length;

    writeConfig({ get: { handler: 'src/handlers.ts#hanlder', timeout: 9 } });
    const reported = await nextLine(/config not reloaded/, from);

    expect(reported).toContain(
      'lambdaport.config.json: functions.get.handler: handler "src/handlers.ts#hanlder": src/handlers.ts has no export "hanlder"; its exports: handler, list',
    );
    expect(await invoke(local.functions[0]!.deployedName)).toEqual({ greeting: 'hi', from: 'get' });
  });

  it('a function whose Node runtime is missing here is not reloaded, and the message says how to get that Node', async () => {
    const before = process.env.LAMBDAPORT_NODE_24;
    process.env.LAMBDAPORT_NODE_24 = path.join(dir, 'no-such-node');
    const from = lines.length;
    try {
      writeConfig({ get: { handler: 'src/handlers.ts#handler', timeout: 9, runtime: 'nodejs24.x' } });
      const reported = await nextLine(/config not reloaded/, from);

      expect(reported).toContain("functions.get.runtime is 'nodejs24.x'");
      expect(reported).toContain('LAMBDAPORT_NODE_24');
      expect((await configuration(local.functions[0]!.deployedName)).Runtime).not.toBe('nodejs24.x');
    } finally {
      if (before === undefined) delete process.env.LAMBDAPORT_NODE_24;
      else process.env.LAMBDAPORT_NODE_24 = before;
    }
  });

  it('a function added is served at once; a function removed is gone', async () => {
    let from = lines.length;
    writeConfig({ get: { handler: 'src/handlers.ts#handler' }, list: { handler: 'src/handlers.ts#list' } });
    expect(await nextLine(/list: added/, from)).toBe('records.list: added (config reloaded)');
    const list = local.functions.find((fn) => fn.name === 'list')!.deployedName;

    expect(await invoke(list)).toEqual({ from: 'list' });
    const listed = await lambda.send(new ListFunctionsCommand({}));
    expect(listed.Functions?.map((fn) => fn.FunctionName).sort()).toEqual(
      local.functions.map((fn) => fn.deployedName).sort(),
    );

    from = lines.length;
    writeConfig({ get: { handler: 'src/handlers.ts#handler' } });
    expect(await nextLine(/list: removed/, from)).toBe('records.list: removed (config reloaded)');
    await expect(configuration(list)).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('a saved source prints one line: "records.get rebuilt in N ms"', async () => {
    const from = lines.length;
    await writeFile(
      path.join(dir, 'src/handlers.ts'),
      'export const handler = async () => ({ from: "get, rebuilt" });\nexport const list = async () => ({});\n',
    );

    expect(await nextLine(/rebuilt/, from)).toMatch(/^records\.get rebuilt in \d+ ms$/);
    expect(await invoke(local.functions[0]!.deployedName)).toEqual({ from: 'get, rebuilt' });
  });
});
