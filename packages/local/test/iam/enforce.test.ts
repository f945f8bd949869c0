/**
 * IAM enforced by the local runtime (docs/design/iam.md): each function signs with its own role's credentials, and
 * its calls are allowed only when the policy `@lambdaport/config` generates for it (the deploy's) allows them, as AWS
 * decides: Invoke (alias and unqualified ARNs), DynamoDB, SSM, the control plane. Denials carry AWS's shape and
 * message and the local log says how to fix the config. `warn` lets denied calls through, logged; `off` checks nothing.
 * Real processes: functions call with the SDK v3 inside them; boto3 signs with a function's credentials from outside.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { GetFunctionCommand, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalRuntime, startLocal } from '../../src/index.js';
import { signedFetch } from '../http/support/signed-fetch.js';

const run = promisify(execFile);
const FIXTURE = fileURLToPath(new URL('../fixtures/iam/', import.meta.url));
const ACCOUNT = '000000000000';

interface Started {
  readonly local: LocalRuntime;
  readonly logs: string[];
  readonly lambda: LambdaClient;
  /** The deployed name of a function of the fixture. */
  name(fn: string): string;
  /** Invokes `caller` (as the developer) with `event`: what its own call answered. */
  callerDoes(
    event: Record<string, unknown>,
  ): Promise<{ outcome: string; message?: string; status?: number; environment?: unknown }>;
}

async function start(iam: 'enforce' | 'warn' | 'off'): Promise<Started> {
  const logs: string[] = [];
  const local = await startLocal({ dirs: [FIXTURE], ephemeral: true, iam, log: (line) => logs.push(line) });
  const lambda = new LambdaClient({
    endpoint: local.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  const name = (fn: string) => local.functions.find((f) => f.name === fn)!.deployedName;
  return {
    local,
    logs,
    lambda,
    name,
    async callerDoes(event) {
      const out = await lambda.send(
        new InvokeCommand({ FunctionName: name('caller'), Payload: JSON.stringify(event) }),
      );
      return JSON.parse(Buffer.from(out.Payload!).toString('utf8'));
    },
  };
}

const principalOf = (deployed: string) => `arn:aws:sts::${ACCOUNT}:assumed-role/${deployed}-role/${deployed}`;

describe('--iam enforce (the default)', () => {
  let s: Started;
  beforeAll(async () => {
    s = await start('enforce');
  }, 60_000);
  afterAll(async () => {
    s.lambda.destroy();
    await s.local.stop();
  });

  it('lets a function invoke what its calls name, by its alias; the observed call names the caller its role signed as', async () => {
    expect(await s.callerDoes({ call: 'invoke', name: s.name('allowed'), qualifier: 'v1' })).toEqual({ outcome: 'ok' });
    // the plain SDK sends no client context: the caller comes from the signature
    expect(s.local.observedCalls()).toContainEqual(
      expect.objectContaining({ caller: s.name('caller'), function: s.name('allowed'), count: 1 }),
    );
  });

  it("denies an Invoke its calls do not name with AWS's exact answer, and logs the fix (file, function, entry)", async () => {
    const other = s.local.functions.find((f) => f.name === 'other')!;
    const denied = await s.callerDoes({ call: 'invoke', name: other.deployedName, qualifier: 'v1' });

    const message = `User: ${principalOf(s.name('caller'))} is not authorized to perform: lambda:InvokeFunction on resource: ${other.arn}:v1 because no identity-based policy allows the lambda:InvokeFunction action`;
    expect(denied).toEqual({ outcome: 'AccessDeniedException', message, status: 403 });
    const line = s.logs.find((l) => l.includes(`${other.arn}:v1`));
    expect(line).toContain(`iam: ${message}`);
    expect(line).toContain(
      `Fix: add 'guarded.other' to calls of functions.caller (guarded.caller) in ${FIXTURE}lambdaport.config.json`,
    );
  });

  it('denies the unqualified ARN of a function it may call by alias (the policy names the alias ARN), saying so', async () => {
    const allowed = s.local.functions.find((f) => f.name === 'allowed')!;
    const denied = await s.callerDoes({ call: 'invoke', name: allowed.deployedName });

    expect(denied).toMatchObject({ outcome: 'AccessDeniedException', status: 403 });
    expect(denied.message).toContain(`on resource: ${allowed.arn} because`);
    expect(s.logs.join('\n')).toContain('and call it by its alias v1');
  });

  it('allows the DynamoDB reads its tables grant, denies a write; denies what SSM and the control plane do not grant', async () => {
    const table = s.local.tables.find((t) => t.name === 'items')!.tableName;
    const read = await s.callerDoes({ call: 'getItem', table });
    const write = await s.callerDoes({ call: 'putItem', table });
    const ownRegistry = await s.callerDoes({ call: 'readPath', path: '/lambdaport/dev/guarded' });
    const elsewhere = await s.callerDoes({ call: 'readPath', path: '/lambdaport/dev/payments' });
    const put = await s.callerDoes({ call: 'putParameter', path: '/lambdaport/dev/guarded/x' });
    const getFunction = await s.callerDoes({ call: 'getFunction', name: s.name('other') });

    expect(read).toEqual({ outcome: 'ok' });
    expect(write).toEqual({
      outcome: 'AccessDeniedException',
      status: 400,
      message: `User: ${principalOf(s.name('caller'))} is not authorized to perform: dynamodb:PutItem on resource: arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/${table} because no identity-based policy allows the dynamodb:PutItem action`,
    });
    expect(s.logs.join('\n')).toContain("Fix: declare 'items' in tables of functions.caller");
    expect(ownRegistry).toEqual({ outcome: 'ok' });
    expect(elsewhere).toMatchObject({ outcome: 'AccessDeniedException', status: 400 });
    expect(put).toMatchObject({ outcome: 'AccessDeniedException', status: 400 });
    expect(getFunction).toMatchObject({ outcome: 'AccessDeniedException', status: 403 });
  });

  it("boto3, signing from outside with a function's role credentials, is that function: denied what it may not call", async () => {
    const creds = JSON.parse(
      Buffer.from((await s.lambda.send(new InvokeCommand({ FunctionName: s.name('leaky') }))).Payload!).toString(
        'utf8',
      ),
    ) as { accessKeyId: string; secretAccessKey: string; sessionToken: string };
    const script = `
import boto3, sys
from botocore.exceptions import ClientError
c = boto3.client('lambda', endpoint_url=sys.argv[1], region_name='us-east-1', aws_access_key_id=sys.argv[3], aws_secret_access_key=sys.argv[4], aws_session_token=sys.argv[5])
try:
    c.invoke(FunctionName=sys.argv[2], Qualifier='v1')
    print('ok')
except ClientError as e:
    print(e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode'], e.response['Error']['Message'])
`;
    const args = [s.local.url, s.name('allowed'), creds.accessKeyId, creds.secretAccessKey, creds.sessionToken];
    const { stdout } = await run('/usr/bin/python3', ['-c', script, ...args]);
    const wrongToken = await run('/usr/bin/python3', ['-c', script, ...args.slice(0, 4), 'not-its-token']);

    expect(creds.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(stdout.trim()).toMatch(
      new RegExp(
        `^AccessDeniedException 403 User: ${principalOf(s.name('leaky'))} is not authorized to perform: lambda:InvokeFunction`,
      ),
    );
    expect(wrongToken.stdout.trim()).toBe(
      'UnrecognizedClientException 403 The security token included in the request is invalid.',
    );
  });

  it('refuses an AWS_IAM Function URL to a role its policy does not grant lambda:InvokeFunctionUrl, serves the developer', async () => {
    const out = await s.lambda.send(new InvokeCommand({ FunctionName: s.name('leaky') }));
    const creds = JSON.parse(Buffer.from(out.Payload!).toString('utf8')) as {
      accessKeyId: string;
      secretAccessKey: string;
      sessionToken: string;
    };
    const url = s.local.functionUrl(s.local.functions.find((f) => f.name === 'private')!);

    const asRole = await signedFetch(url, { method: 'GET' }, { ...creds, service: 'lambda' });
    const asDeveloper = await signedFetch(
      url,
      { method: 'GET' },
      { accessKeyId: 'test', secretAccessKey: 'test', service: 'lambda' },
    );

    expect([asRole.status, asRole.headers.get('x-amzn-errortype'), await asRole.json()]).toEqual([
      403,
      'AccessDeniedException',
      { Type: 'User', Message: 'Forbidden' },
    ]);
    expect(s.logs.join('\n')).toContain(
      `perform: lambda:InvokeFunctionUrl on resource: ${s.local.functions.find((f) => f.name === 'private')!.arn} because`,
    );
    expect(asDeveloper.status).toBe(200);
  });

  it('shows the developer the environment variables a role does not see', async () => {
    const admin = await s.lambda.send(new GetFunctionCommand({ FunctionName: s.name('caller') }));

    expect(admin.Configuration?.Environment?.Variables).toBeDefined();
  });

  it('gives each environment its own TMPDIR', async () => {
    const tmpOf = async (fn: string) => {
      const out = await s.lambda.send(new InvokeCommand({ FunctionName: s.name(fn), Payload: '{}' }));
      return (JSON.parse(Buffer.from(out.Payload!).toString('utf8')) as { tmp: string }).tmp;
    };
    const [allowed, other] = [await tmpOf('allowed'), await tmpOf('other')];

    expect(allowed).not.toBe(other);
    expect(allowed.startsWith(path.join(tmpdir(), `lambdaport-${s.name('allowed')}-`))).toBe(true);
    expect(existsSync(allowed) && existsSync(other)).toBe(true);
  });
});

describe('--iam warn', () => {
  let s: Started;
  beforeAll(async () => {
    s = await start('warn');
  }, 60_000);
  afterAll(async () => {
    s.lambda.destroy();
    await s.local.stop();
  });

  it('lets a denied call through and logs it with its fix', async () => {
    const other = s.local.functions.find((f) => f.name === 'other')!;

    expect(await s.callerDoes({ call: 'invoke', name: other.deployedName, qualifier: 'v1' })).toEqual({
      outcome: 'ok',
    });
    expect(s.logs.join('\n')).toContain(
      `iam (warn: let through): User: ${principalOf(s.name('caller'))} is not authorized to perform: lambda:InvokeFunction on resource: ${other.arn}:v1`,
    );
  });
});

describe('--iam off', () => {
  let s: Started;
  beforeAll(async () => {
    s = await start('off');
  }, 60_000);
  afterAll(async () => {
    s.lambda.destroy();
    await s.local.stop();
  });

  it('checks nothing, logs nothing; a role still does not read environment variables', async () => {
    const other = s.local.functions.find((f) => f.name === 'other')!;
    const invoked = await s.callerDoes({ call: 'invoke', name: other.deployedName, qualifier: 'v1' });
    const described = await s.callerDoes({ call: 'getFunction', name: s.name('other') });

    expect(invoked).toEqual({ outcome: 'ok' });
    expect(described).toMatchObject({ outcome: 'ok', environment: { Error: { ErrorCode: 'AccessDeniedException' } } });
    expect(s.logs.join('\n')).not.toContain('iam');
  });
});

describe('calls at start', () => {
  it('refuses a calls entry naming no function of the services given: a ConfigError with file and key path', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lambdaport-iam-calls-'));
    try {
      mkdirSync(path.join(dir, 'src'));
      writeFileSync(path.join(dir, 'src/h.mjs'), 'export const h = async () => ({});\n');
      const config = { service: 'lonely', functions: { a: { handler: 'src/h.mjs#h', calls: ['elsewhere.get'] } } };
      writeFileSync(path.join(dir, 'lambdaport.config.json'), JSON.stringify(config));

      const error = await startLocal({ dirs: [dir], ephemeral: true }).then(
        async (local) => {
          await local.stop();
          return undefined;
        },
        (e: unknown) => e,
      );

      expect(error).toMatchObject({
        name: 'ConfigError',
        issues: [
          expect.objectContaining({ file: path.join(dir, 'lambdaport.config.json'), path: 'functions.a.calls[0]' }),
        ],
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
