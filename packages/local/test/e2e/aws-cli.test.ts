/**
 * The AWS CLI v2 (`/usr/bin/aws`, from Debian; .ci/run installs it) against startLocal(), unchanged.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AWS_CLI, clientEnv, hasAwsCli, runCommand } from './clients.js';
import { type E2e, startE2e } from './support.js';

let e2e: E2e;
let home: string;
beforeAll(async () => {
  if (!hasAwsCli) return;
  e2e = await startE2e();
  home = mkdtempSync(path.join(tmpdir(), 'lambdaport-cli-'));
});
afterAll(async () => {
  await e2e?.local.stop();
  if (home) rmSync(home, { recursive: true, force: true });
});

const aws = (...args: string[]) =>
  runCommand(AWS_CLI, [...args, '--endpoint-url', e2e.local.url, '--output', 'json'], clientEnv(home));

describe.skipIf(!hasAwsCli)('aws lambda (CLI v2) against startLocal', () => {
  it('invokes with a payload and prints StatusCode and ExecutedVersion', async () => {
    const out = path.join(home, 'out.json');
    const result = await aws(
      'lambda',
      'invoke',
      '--function-name',
      e2e.fn('echo').deployedName,
      '--cli-binary-format',
      'raw-in-base64-out',
      '--payload',
      '{"from":"cli"}',
      '--log-type',
      'Tail',
      out,
    );

    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout) as { StatusCode: number; ExecutedVersion: string; LogResult: string };
    expect(printed).toMatchObject({ StatusCode: 200, ExecutedVersion: '$LATEST' });
    expect(Buffer.from(printed.LogResult, 'base64').toString('utf8')).toContain('echo called');
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ event: { from: 'cli' } });
  });

  it('invokes an alias by qualifier (the older major, on its own function)', async () => {
    const out = path.join(home, 'alias.json');
    const result = await aws(
      'lambda',
      'invoke',
      '--function-name',
      e2e.fn('api', 1).deployedName,
      '--qualifier',
      'v1',
      out,
    );

    expect(JSON.parse(result.stdout)).toMatchObject({ StatusCode: 200, ExecutedVersion: '1' });
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual({ api: 1, version: '1' });
  });

  it('prints FunctionError Unhandled and exits 0 when the function throws', async () => {
    const out = path.join(home, 'fail.json');
    const result = await aws('lambda', 'invoke', '--function-name', e2e.fn('fail').deployedName, out);

    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ StatusCode: 200, FunctionError: 'Unhandled' });
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ errorType: 'TypeError' });
  });

  it('exits 254 with ResourceNotFoundException for an unknown function, then keeps serving', async () => {
    const result = await aws('lambda', 'invoke', '--function-name', 'no-such-function', path.join(home, 'x.json'));

    expect(result.code).toBe(254);
    expect(result.stderr).toContain('ResourceNotFoundException');
    expect(result.stderr).toContain(
      'Function not found: arn:aws:lambda:us-east-1:000000000000:function:no-such-function',
    );
    const list = await aws('lambda', 'list-functions');
    expect(list.code).toBe(0);
  });

  it('exits 254 with InvalidRequestContentException for a payload that is not JSON', async () => {
    const result = await aws(
      'lambda',
      'invoke',
      '--function-name',
      e2e.fn('echo').deployedName,
      '--cli-binary-format',
      'raw-in-base64-out',
      '--payload',
      'not json',
      path.join(home, 'y.json'),
    );

    expect(result.code).toBe(254);
    expect(result.stderr).toContain('InvalidRequestContentException');
  });

  it('lists functions and gets a Function URL config', async () => {
    const list = JSON.parse((await aws('lambda', 'list-functions')).stdout) as {
      Functions: { FunctionName: string }[];
    };
    const url = JSON.parse(
      (await aws('lambda', 'get-function-url-config', '--function-name', e2e.fn('web').deployedName)).stdout,
    ) as { FunctionUrl: string; AuthType: string };

    expect(list.Functions.map((f) => f.FunctionName).sort()).toEqual(
      e2e.local.functions.map((f) => f.deployedName).sort(),
    );
    expect(url).toMatchObject({ FunctionUrl: e2e.local.functionUrl(e2e.fn('web')), AuthType: 'NONE' });
  });

  it('reads the SSM parameters the runtime wrote', async () => {
    const result = await aws('ssm', 'get-parameter', '--name', '/lambdaport/test/e2e/echo');

    expect(JSON.parse(result.stdout)).toMatchObject({ Parameter: { Value: e2e.fn('echo').arn } });
  });
});
