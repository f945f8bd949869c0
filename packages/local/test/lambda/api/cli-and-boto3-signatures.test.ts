/**
 * The AWS CLI v2 and boto3 sign differently from SDK v3 (no x-amz-content-sha256, fewer signed headers): their
 * signatures must verify against the front door, and a wrong secret must be refused (proof that they were checked).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Fixture, functions, startFixture } from './support/fixture.js';

const run = promisify(execFile);
const AWS = '/usr/bin/aws';
const PYTHON = '/usr/bin/python3';
const hasAws = existsSync(AWS);
const hasBoto3 = existsSync(PYTHON);

let fx: Fixture;
let dir: string;
beforeAll(async () => {
  fx = await startFixture();
  dir = mkdtempSync(path.join(tmpdir(), 'lambdaport-sig-'));
});
afterAll(async () => {
  await fx.close();
  rmSync(dir, { recursive: true, force: true });
});

function env(secret: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: dir,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: secret,
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_MAX_ATTEMPTS: '1',
    AWS_PAGER: '',
  };
}

async function cli(secret: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(AWS, [...args, '--endpoint-url', fx.door.url], { env: env(secret) });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe.skipIf(!hasAws)('AWS CLI v2 signatures', () => {
  it('invokes with a verified signature', async () => {
    const out = path.join(dir, 'cli-out.json');
    const result = await cli(
      'test',
      'lambda',
      'invoke',
      '--function-name',
      functions.echo.deployedName,
      '--cli-binary-format',
      'raw-in-base64-out',
      '--payload',
      '{"from":"cli"}',
      out,
    );

    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ StatusCode: 200, ExecutedVersion: '$LATEST' });
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ event: { from: 'cli' } });
  });

  it('is refused with a wrong secret (exit 254, InvalidSignatureException)', async () => {
    const result = await cli('wrong', 'lambda', 'list-functions');

    expect(result.code).toBe(254);
    expect(result.stderr).toContain('InvalidSignatureException');
  });
});

const BOTO3_SCRIPT = `
import base64, json, sys
import boto3
from botocore.config import Config
client = boto3.client('lambda', endpoint_url=sys.argv[1], region_name='us-east-1',
    aws_access_key_id='test', aws_secret_access_key=sys.argv[3], config=Config(retries={'max_attempts': 0}))
try:
    out = client.invoke(FunctionName=sys.argv[2], Payload=b'{"from":"boto3"}', LogType='Tail',
        ClientContext=base64.b64encode(json.dumps({"custom": {"k": "v"}}).encode()).decode())
    print(json.dumps({"status": out["StatusCode"], "payload": json.loads(out["Payload"].read()),
        "log": base64.b64decode(out["LogResult"]).decode()}))
except client.exceptions.ClientError as e:
    print(json.dumps({"error": e.response["Error"]["Code"], "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}))
`;

async function boto3(secret: string): Promise<Record<string, unknown>> {
  const { stdout } = await run(PYTHON, ['-c', BOTO3_SCRIPT, fx.door.url, functions.echo.deployedName, secret], {
    env: env(secret),
  });
  return JSON.parse(stdout) as Record<string, unknown>;
}

describe.skipIf(!hasBoto3)('boto3 signatures', () => {
  it('invokes with a verified signature, Tail log and client context', async () => {
    const out = await boto3('test');

    expect(out).toMatchObject({
      status: 200,
      payload: { event: { from: 'boto3' }, context: { clientContext: { custom: { k: 'v' } } } },
    });
    expect(out.log).toContain('REPORT RequestId');
  });

  it('is refused with a wrong secret', async () => {
    expect(await boto3('wrong')).toEqual({ error: 'InvalidSignatureException', status: 403 });
  });
});
