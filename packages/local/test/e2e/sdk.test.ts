/**
 * End to end with SDK v3 and fetch against startLocal(): real configs, real builds, real environments (OS
 * processes), SSM written at start, Function URLs, and stop() leaving nothing running.
 */
import {
  GetAliasCommand,
  GetFunctionUrlConfigCommand,
  InvokeCommand,
  type InvokeCommandOutput,
  LambdaClient,
  ListAliasesCommand,
  ListFunctionsCommand,
  ListVersionsByFunctionCommand,
} from '@aws-sdk/client-lambda';
import { GetParameterCommand, GetParametersByPathCommand, SSMClient } from '@aws-sdk/client-ssm';
import { olderMajorDeployedName } from 'lambdaport/names';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childPids, type E2e, startE2e } from './support.js';

let e2e: E2e;
let lambda: LambdaClient;
let ssm: SSMClient;
beforeAll(async () => {
  e2e = await startE2e();
  const config = { endpoint: e2e.local.url, region: 'us-east-1', maxAttempts: 1 };
  lambda = new LambdaClient(config);
  ssm = new SSMClient(config);
});
afterAll(async () => {
  lambda?.destroy();
  ssm?.destroy();
  await e2e?.local.stop();
});

const json = (out: InvokeCommandOutput): unknown => JSON.parse(Buffer.from(out.Payload ?? []).toString('utf8'));

describe('startLocal', () => {
  it('serves every configured function under its deployed name, and the older major of api on its own', async () => {
    const out = await lambda.send(new ListFunctionsCommand({}));

    const names = out.Functions?.map((f) => f.FunctionName) ?? [];
    expect(names).toHaveLength(7);
    for (const name of names) expect(name).toMatch(/^test-e2e-[a-z]+(-v1)?-[0-9a-f]{6}$/);
    expect(names).toContain(olderMajorDeployedName('test', 'e2e', 'api', 1));
    expect(e2e.local.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('invokes a function in a real environment, with Tail logs and client context', async () => {
    const echo = e2e.fn('echo');
    const out = await lambda.send(
      new InvokeCommand({
        FunctionName: echo.deployedName,
        Payload: JSON.stringify({ hello: 'world' }),
        LogType: 'Tail',
        ClientContext: Buffer.from(JSON.stringify({ custom: { id: 'c-9' } })).toString('base64'),
      }),
    );

    expect(out.StatusCode).toBe(200);
    expect(out.ExecutedVersion).toBe('$LATEST');
    expect(json(out)).toMatchObject({
      event: { hello: 'world' },
      functionName: echo.deployedName,
      invokedFunctionArn: echo.arn,
      clientContext: { custom: { id: 'c-9' } },
    });
    const log = Buffer.from(out.LogResult ?? '', 'base64').toString('utf8');
    expect(log).toContain('echo called');
    expect(log).toContain('REPORT RequestId');
  });

  it('reports a thrown error as Unhandled', async () => {
    const out = await lambda.send(new InvokeCommand({ FunctionName: e2e.fn('fail').deployedName }));

    expect(out.FunctionError).toBe('Unhandled');
    expect(json(out)).toMatchObject({ errorType: 'TypeError', errorMessage: 'boom' });
  });

  it('runs each major on its own function, behind its own alias (one function per major)', async () => {
    const api = e2e.fn('api');
    const apiV1 = e2e.fn('api', 1);
    const v1 = await lambda.send(new InvokeCommand({ FunctionName: apiV1.deployedName, Qualifier: 'v1' }));
    const v2 = await lambda.send(new InvokeCommand({ FunctionName: `${api.arn}:v2` }));

    expect(apiV1.deployedName).toBe(olderMajorDeployedName('test', 'e2e', 'api', 1));
    expect([v1.ExecutedVersion, json(v1)]).toEqual(['1', { api: 1, version: '1' }]);
    expect([v2.ExecutedVersion, json(v2)]).toEqual(['2', { api: 2, version: '2' }]);
    await expect(lambda.send(new InvokeCommand({ FunctionName: `${api.arn}:v1` }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it("lists each major's function with its own version and alias; the canonical one has no older alias", async () => {
    const api = e2e.fn('api');
    const apiV1 = e2e.fn('api', 1);
    const aliases = async (name: string) =>
      (await lambda.send(new ListAliasesCommand({ FunctionName: name }))).Aliases?.map((a) => [a.Name, a.AliasArn]);
    const versions = async (name: string) =>
      (await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: name }))).Versions?.map((v) => v.Version);

    expect(await aliases(api.deployedName)).toEqual([['v2', `${api.arn}:v2`]]);
    expect(await aliases(apiV1.deployedName)).toEqual([['v1', `${apiV1.arn}:v1`]]);
    expect(await versions(api.deployedName)).toEqual(['$LATEST', '2']);
    expect(await versions(apiV1.deployedName)).toEqual(['$LATEST', '1']);
    expect(
      (await lambda.send(new GetAliasCommand({ FunctionName: apiV1.deployedName, Name: 'v1' }))).FunctionVersion,
    ).toBe('1');
    await expect(
      lambda.send(new GetAliasCommand({ FunctionName: api.deployedName, Name: 'v1' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('writes each function ARN and alias ARN to SSM', async () => {
    const echo = e2e.fn('echo');
    const api = e2e.fn('api');
    const apiV1 = e2e.fn('api', 1);
    const one = await ssm.send(new GetParameterCommand({ Name: '/lambdaport/test/e2e/echo' }));
    const all = await ssm.send(new GetParametersByPathCommand({ Path: '/lambdaport/test/e2e', Recursive: true }));

    expect(one.Parameter?.Value).toBe(echo.arn);
    const values = Object.fromEntries((all.Parameters ?? []).map((p) => [p.Name, p.Value]));
    expect(values['/lambdaport/test/e2e/api']).toBe(api.arn);
    expect(values['/lambdaport/test/e2e/api/v1']).toBe(`${apiV1.arn}:v1`);
    expect(values['/lambdaport/test/e2e/api/v2']).toBe(`${api.arn}:v2`);
  });

  it("gives functions AWS_ENDPOINT_URL (the environments' own listener), so code inside reaches the same API unchanged", async () => {
    const out = await lambda.send(
      new InvokeCommand({
        FunctionName: e2e.fn('whoami').deployedName,
        Payload: '{"name":"/lambdaport/test/e2e/fail"}',
      }),
    );

    expect(json(out)).toEqual({ endpoint: e2e.local.internalUrl, value: e2e.fn('fail').arn, stage: 'test' });
    expect(e2e.local.internalUrl).not.toBe(e2e.local.url);
  });

  it('answers 202 for Event and runs it', async () => {
    const before = e2e.logs.filter((l) => l.includes('echo called')).length;
    const out = await lambda.send(
      new InvokeCommand({ FunctionName: e2e.fn('echo').deployedName, InvocationType: 'Event', Payload: '{}' }),
    );

    expect(out.StatusCode).toBe(202);
    await expect
      .poll(() => e2e.logs.filter((l) => l.includes('echo called')).length, { timeout: 10_000 })
      .toBe(before + 1);
  });
});

describe('Function URLs on startLocal', () => {
  it('GetFunctionUrlConfig returns a URL that serves the function', async () => {
    const config = await lambda.send(new GetFunctionUrlConfigCommand({ FunctionName: e2e.fn('web').deployedName }));
    const url = config.FunctionUrl ?? '';

    const res = await fetch(`${url}a/b?x=1&x=2&y=%20z`, { headers: { cookie: 'c=3' } });

    expect(url.endsWith('/')).toBe(true);
    expect(await res.json()).toEqual({
      rawPath: '/a/b',
      rawQueryString: 'x=1&x=2&y=%20z',
      cookies: ['c=3'],
      query: { x: '1,2', y: ' z' },
    });
  });

  it('maps string results, cookies and errors as AWS does', async () => {
    const base = e2e.local.functionUrl(e2e.fn('web'));
    const text = await fetch(`${base}string`);
    const cookies = await fetch(`${base}cookies`);
    const failed = await fetch(`${base}fail`);

    expect(await text.text()).toBe('hello');
    expect(cookies.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2']);
    expect(failed.status).toBe(502);
    expect(await failed.text()).toBe('Internal Server Error');
  });

  it('refuses an unsigned request to an AWS_IAM URL', async () => {
    const res = await fetch(e2e.local.functionUrl(e2e.fn('secure')));

    expect(res.status).toBe(403);
  });
});

describe('stop()', () => {
  it('leaves no process and no listening port behind', async () => {
    const others = childPids();
    const { local } = await startE2e();
    const client = new LambdaClient({ endpoint: local.url, region: 'us-east-1', maxAttempts: 1 });
    await client.send(new InvokeCommand({ FunctionName: local.functions[0]!.deployedName }));
    client.destroy();
    const mine = childPids().filter((pid) => !others.includes(pid));

    await local.stop();

    expect(mine.length).toBeGreaterThan(0);
    expect(childPids().filter((pid) => mine.includes(pid))).toEqual([]);
    await expect(fetch(`${local.url}/2015-03-31/functions/`)).rejects.toThrow();
  });
});
