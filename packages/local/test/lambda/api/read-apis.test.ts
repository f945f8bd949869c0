/**
 * ListFunctions, GetFunction, GetFunctionConfiguration, ListAliases, GetAlias, ListVersionsByFunction and
 * GetFunctionUrlConfig through the real SDK v3 client.
 */
import {
  GetAliasCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  GetFunctionUrlConfigCommand,
  ListAliasesCommand,
  ListFunctionsCommand,
  ListVersionsByFunctionCommand,
  paginateListFunctions,
} from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Fixture, functions, startFixture } from './support/fixture.js';

let fx: Fixture;
beforeAll(async () => {
  fx = await startFixture();
});
afterAll(async () => {
  await fx.close();
});

const all = Object.values(functions);
const sortedNames = all.map((f) => f.deployedName).sort();

describe('ListFunctions', () => {
  it('lists every function at $LATEST, sorted by name, with the fields tools read', async () => {
    const out = await fx.lambda.send(new ListFunctionsCommand({}));

    expect(out.Functions?.map((f) => f.FunctionName)).toEqual(sortedNames);
    expect(out.NextMarker).toBeUndefined();
    expect(out.Functions?.find((f) => f.FunctionName === functions.echo.deployedName)).toMatchObject({
      FunctionArn: functions.echo.arn,
      Runtime: 'nodejs22.x',
      Handler: 'echo',
      Timeout: 3,
      MemorySize: 128,
      Version: '$LATEST',
      State: 'Active',
      PackageType: 'Zip',
      Environment: { Variables: { A: '1' } },
    });
  });

  it('pages with MaxItems and Marker', async () => {
    const names: string[] = [];
    let pages = 0;
    for await (const page of paginateListFunctions({ client: fx.lambda, pageSize: 2 }, {})) {
      pages++;
      names.push(...(page.Functions ?? []).map((f) => f.FunctionName ?? ''));
    }

    expect(names).toEqual(sortedNames);
    expect(pages).toBe(Math.ceil(all.length / 2));
  });

  it('lists published versions too with FunctionVersion ALL', async () => {
    const out = await fx.lambda.send(new ListFunctionsCommand({ FunctionVersion: 'ALL' }));

    const versioned = out.Functions?.filter((f) => f.FunctionName === functions.versioned.deployedName);
    expect(versioned?.map((f) => [f.Version, f.FunctionArn])).toEqual([
      ['$LATEST', functions.versioned.arn],
      ['1', `${functions.versioned.arn}:1`],
      ['2', `${functions.versioned.arn}:2`],
    ]);
  });

  it('400 for a bad Marker or MaxItems, then keeps serving', async () => {
    await expect(fx.lambda.send(new ListFunctionsCommand({ Marker: 'garbage' }))).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(fx.lambda.send(new ListFunctionsCommand({ MaxItems: 0 }))).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
    });
    expect((await fx.lambda.send(new ListFunctionsCommand({}))).Functions).toHaveLength(all.length);
  });
});

describe('GetFunction and GetFunctionConfiguration', () => {
  it('returns Configuration, Code and Concurrency', async () => {
    const out = await fx.lambda.send(new GetFunctionCommand({ FunctionName: functions.throttled.arn }));

    expect(out.Configuration).toMatchObject({ FunctionName: functions.throttled.deployedName, Version: '$LATEST' });
    expect(out.Code?.RepositoryType).toBe('S3');
    expect(out.Concurrency?.ReservedConcurrentExecutions).toBe(0);
  });

  it('resolves a qualifier to its version', async () => {
    const out = await fx.lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: functions.versioned.deployedName, Qualifier: 'v1' }),
    );

    expect(out).toMatchObject({ Version: '1', FunctionArn: `${functions.versioned.arn}:1`, Handler: 'v1' });
  });

  it('404 for an unknown function, then keeps serving', async () => {
    await expect(fx.lambda.send(new GetFunctionCommand({ FunctionName: 'missing' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Function not found: arn:aws:lambda:us-east-1:000000000000:function:missing',
    });
    const out = await fx.lambda.send(new GetFunctionCommand({ FunctionName: functions.echo.deployedName }));
    expect(out.Configuration?.FunctionName).toBe(functions.echo.deployedName);
  });
});

describe('aliases and versions', () => {
  it('lists aliases with their ARNs and versions', async () => {
    const out = await fx.lambda.send(new ListAliasesCommand({ FunctionName: functions.versioned.deployedName }));

    expect(out.Aliases?.map((a) => [a.Name, a.FunctionVersion, a.AliasArn])).toEqual([
      ['v1', '1', `${functions.versioned.arn}:v1`],
      ['v2', '2', `${functions.versioned.arn}:v2`],
    ]);
  });

  it('gets one alias; 404 for an unknown one', async () => {
    const out = await fx.lambda.send(
      new GetAliasCommand({ FunctionName: functions.versioned.deployedName, Name: 'v2' }),
    );
    expect(out.FunctionVersion).toBe('2');

    await expect(
      fx.lambda.send(new GetAliasCommand({ FunctionName: functions.versioned.deployedName, Name: 'v3' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 404 } });
  });

  it('lists versions: $LATEST then published', async () => {
    const out = await fx.lambda.send(new ListVersionsByFunctionCommand({ FunctionName: functions.versioned.arn }));

    expect(out.Versions?.map((v) => v.Version)).toEqual(['$LATEST', '1', '2']);
  });
});

describe('GetFunctionUrlConfig', () => {
  it('returns the local Function URL, ending with /', async () => {
    const out = await fx.lambda.send(new GetFunctionUrlConfigCommand({ FunctionName: functions.secure.deployedName }));

    expect(out).toMatchObject({
      FunctionUrl: `${fx.door.url}/lambda-url/${functions.secure.deployedName}/`,
      FunctionArn: functions.secure.arn,
      AuthType: 'AWS_IAM',
      InvokeMode: 'BUFFERED',
    });
    expect(out.CreationTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
  });

  it('404 for a function without a URL, then keeps serving', async () => {
    await expect(
      fx.lambda.send(new GetFunctionUrlConfigCommand({ FunctionName: functions.echo.deployedName })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 404 } });
    const out = await fx.lambda.send(new GetFunctionUrlConfigCommand({ FunctionName: functions.web.deployedName }));
    expect(out.AuthType).toBe('NONE');
  });
});
