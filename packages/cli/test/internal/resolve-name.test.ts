/**
 * `lambdaport invoke <name>` with one function per major: a friendly name means the current major's function; the
 * older majors' functions are listed as `service.function@vN`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { type LocalRuntime, startLocal } from '@lambdaport/local';
import { deployedName, olderMajorDeployedName } from 'lambdaport/names';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFunctionName } from '../../src/internal/resolve-name.js';

let work: string;
let local: LocalRuntime;
let lambda: LambdaClient;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'lambdaport-resolve-name-'));
  writeFileSync(path.join(work, 'h.mjs'), 'export const handler = async () => 1;\n');
  writeFileSync(
    path.join(work, 'lambdaport.config.json'),
    JSON.stringify({
      service: 'records',
      functions: { get: { handler: 'h.mjs#handler', version: 2, versions: { 1: { handler: 'h.mjs#handler' } } } },
    }),
  );
  local = await startLocal({ dirs: [work], ephemeral: true, prebootSpares: false, log: () => {} });
  lambda = new LambdaClient({
    endpoint: local.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
});

afterAll(async () => {
  lambda?.destroy();
  await local?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('resolveFunctionName with an older major served', () => {
  it('resolves service.function and function to the current major, not ambiguously', async () => {
    expect(await resolveFunctionName(lambda, 'records.get')).toBe(deployedName('dev', 'records', 'get'));
    expect(await resolveFunctionName(lambda, 'get')).toBe(deployedName('dev', 'records', 'get'));
  });

  it("takes an older major's deployed name as it is, and lists it as records.get@v1", async () => {
    const older = olderMajorDeployedName('dev', 'records', 'get', 1);

    expect(await resolveFunctionName(lambda, older)).toBe(older);
    await expect(resolveFunctionName(lambda, 'records.nope')).rejects.toThrow(
      `no function records.nope here; known functions: records.get (${deployedName('dev', 'records', 'get')}), records.get@v1 (${older})`,
    );
  });
});
