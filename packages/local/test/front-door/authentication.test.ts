/**
 * Every request to the Lambda API, SSM, DynamoDB and an AWS_IAM Function URL must be signed, for this runtime's region
 * and the right service, within 15 minutes; a known key's signature is checked; the Host must be the front door's
 * and a browser Origin from elsewhere is refused (docs/design/iam.md). Real SDK clients, raw HTTP, the AWS CLI, boto3.
 */
import { execFile } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { promisify } from 'node:util';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { InvokeCommand, LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { GetParametersByPathCommand, SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoDbService, type DynamoDbService } from '../../src/dynamodb/index.js';
import { type FrontDoor, startFrontDoor } from '../../src/server.js';
import { createSsmService, type SsmService } from '../../src/ssm/index.js';
import { signedFetch } from '../http/support/signed-fetch.js';
import { functions, handlers } from '../lambda/api/support/fixture.js';
import { InProcessInvoker } from '../lambda/api/support/in-process-invoker.js';

const run = promisify(execFile);
const TEST = { accessKeyId: 'test', secretAccessKey: 'test' };
const SOMEONE = { accessKeyId: 'AKIDDEVELOPER', secretAccessKey: 'their own secret' };

let door: FrontDoor;
let ssm: SsmService;
let dynamodb: DynamoDbService;
beforeAll(async () => {
  ssm = await createSsmService();
  dynamodb = await createDynamoDbService();
  door = await startFrontDoor({
    functions: Object.values(functions),
    invoker: new InProcessInvoker(handlers),
    services: { ssm, dynamodb },
    log: () => {},
  });
});
afterAll(async () => {
  await door.close();
  await ssm.close();
  await dynamodb.close();
});

const invokePath = `/2015-03-31/functions/${functions.echo.deployedName}/invocations`;

/** One request of each API, as `fetch` init plus the scope's service. */
const apis = [
  {
    api: 'Lambda Invoke',
    path: invokePath,
    service: 'lambda',
    headers: {},
    unsigned: [403, 'Missing Authentication Token'],
  },
  {
    api: 'Lambda ListFunctions',
    path: '/2015-03-31/functions/',
    service: 'lambda',
    method: 'GET',
    headers: {},
    unsigned: [403, 'Missing Authentication Token'],
  },
  {
    api: 'SSM',
    path: '/',
    service: 'ssm',
    headers: { 'x-amz-target': 'AmazonSSM.GetParametersByPath', 'content-type': 'application/x-amz-json-1.1' },
    body: '{"Path":"/"}',
    unsigned: [400, 'Request is missing Authentication Token'],
  },
  {
    api: 'DynamoDB',
    path: '/',
    service: 'dynamodb',
    headers: { 'x-amz-target': 'DynamoDB_20120810.ListTables', 'content-type': 'application/x-amz-json-1.0' },
    body: '{}',
    unsigned: [400, 'Request is missing Authentication Token'],
  },
] as const;

function init(a: (typeof apis)[number]): { method: string; headers: Record<string, string>; body?: string } {
  const method = 'method' in a ? a.method : 'POST';
  return { method, headers: { ...a.headers }, ...(method === 'POST' ? { body: 'body' in a ? a.body : '{}' } : {}) };
}

async function answer(res: Response): Promise<[number, string | null, string]> {
  const body = (await res.json()) as { message?: string; Message?: string };
  return [res.status, res.headers.get('x-amzn-errortype'), body.message ?? body.Message ?? ''];
}

describe.each(apis)('$api', (a) => {
  const url = () => `${door.url}${a.path}`;

  it('refuses an unsigned request with MissingAuthenticationTokenException', async () => {
    expect(await answer(await fetch(url(), init(a)))).toEqual([
      a.unsigned[0],
      'MissingAuthenticationTokenException',
      a.unsigned[1],
    ]);
  });

  it('refuses a wrong signature of the known key, an expired one, another region, another service', async () => {
    const old = new Date(Date.now() - 20 * 60_000);
    const other = a.service === 'lambda' ? 'ssm' : 'lambda';
    const answers = await Promise.all([
      signedFetch(url(), init(a), { ...TEST, secretAccessKey: 'wrong', service: a.service }).then(answer),
      signedFetch(url(), init(a), { ...TEST, service: a.service, signingDate: old }).then(answer),
      signedFetch(url(), init(a), { ...SOMEONE, service: a.service, signingDate: old }).then(answer),
      signedFetch(url(), init(a), { ...TEST, service: a.service, region: 'eu-west-1' }).then(answer),
      signedFetch(url(), init(a), { ...TEST, service: other }).then(answer),
    ]);

    expect(answers.map(([status, type]) => [status, type])).toEqual(Array(5).fill([403, 'InvalidSignatureException']));
    expect(answers.map(([, , message]) => message)).toEqual([
      expect.stringContaining('The request signature we calculated does not match'),
      expect.stringMatching(/^Signature expired: /),
      expect.stringMatching(/^Signature expired: /),
      expect.stringContaining("Credential should be scoped to a valid region, not 'eu-west-1'."),
      `Credential should be scoped to correct service: '${a.service}'. `,
    ]);
  });

  it('serves the known key, and a key it does not know (the developer’s own, on a loopback bind)', async () => {
    const known = await signedFetch(url(), init(a), { ...TEST, service: a.service });
    const unknown = await signedFetch(url(), init(a), { ...SOMEONE, service: a.service });

    expect([known.status, unknown.status]).toEqual([200, 200]);
  });
});

describe('SDK clients', () => {
  it('get the AWS exceptions for a wrong secret and a wrong region, and work with the right ones', async () => {
    const wrongSecret = { region: 'us-east-1', credentials: { ...TEST, secretAccessKey: 'nope' }, maxAttempts: 1 };
    const wrongRegion = { region: 'eu-west-1', credentials: TEST, maxAttempts: 1 };
    const right = { region: 'us-east-1', credentials: TEST, maxAttempts: 1 };
    const clients = [wrongSecret, wrongRegion, right].map((o) => ({
      lambda: new LambdaClient({ endpoint: door.url, ...o }),
      ssm: new SSMClient({ endpoint: door.url, ...o }),
      dynamodb: new DynamoDBClient({ endpoint: door.url, ...o }),
    }));
    const outcomes = await Promise.all(
      clients.map((c) =>
        Promise.all([
          c.lambda.send(new ListFunctionsCommand({})).then(
            () => 'ok',
            (e: Error) => e.name,
          ),
          c.lambda.send(new InvokeCommand({ FunctionName: functions.echo.deployedName })).then(
            () => 'ok',
            (e: Error) => e.name,
          ),
          c.ssm.send(new GetParametersByPathCommand({ Path: '/' })).then(
            () => 'ok',
            (e: Error) => e.name,
          ),
          c.dynamodb.send(new ListTablesCommand({})).then(
            () => 'ok',
            (e: Error) => e.name,
          ),
        ]),
      ),
    );
    for (const c of clients) for (const client of Object.values(c)) client.destroy();

    expect(outcomes).toEqual([
      Array(4).fill('InvalidSignatureException'),
      Array(4).fill('InvalidSignatureException'),
      Array(4).fill('ok'),
    ]);
  });
});

describe('the AWS CLI and boto3', () => {
  const env = {
    ...process.env,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_REGION: 'us-east-1',
    AWS_PAGER: '',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  };

  it('the CLI is refused unsigned (--no-sign-request) and served signed', async () => {
    const args = ['lambda', 'list-functions', '--endpoint-url', door.url, '--output', 'json'];
    const unsigned = await run('/usr/bin/aws', [...args, '--no-sign-request'], { env }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    const signed = await run('/usr/bin/aws', args, { env });

    expect(unsigned).toMatchObject({
      code: 254,
      stderr: expect.stringContaining('MissingAuthenticationTokenException'),
    });
    expect(JSON.parse(signed.stdout)).toHaveProperty('Functions');
  });

  it('boto3 is refused unsigned (UNSIGNED) and served signed', async () => {
    const script = `
import boto3, sys
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import ClientError
def call(config):
    c = boto3.client('ssm', endpoint_url=sys.argv[1], config=config)
    try:
        c.get_parameters_by_path(Path='/')
        return 'ok'
    except ClientError as e:
        return e.response['Error']['Code'] + ' ' + str(e.response['ResponseMetadata']['HTTPStatusCode'])
print(call(Config(signature_version=UNSIGNED)))
print(call(Config()))
`;
    const { stdout } = await run('/usr/bin/python3', ['-c', script, door.url], { env });

    expect(stdout.trim().split('\n')).toEqual(['MissingAuthenticationTokenException 400', 'ok']);
  });
});

/** A raw request with the headers given as sent (Host included), answered as [status, error type]. */
function raw(path: string, headers: Record<string, string>, method = 'POST'): Promise<[number, string | undefined]> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: door.port, path, method, headers, setHost: false }, (res) => {
      res.resume();
      res.on('end', () => resolve([res.statusCode ?? 0, res.headers['x-amzn-errortype'] as string | undefined]));
    });
    req.on('error', reject);
    req.end(method === 'POST' ? '{}' : undefined);
  });
}

describe('Host and Origin', () => {
  it('refuses a foreign Host (DNS rebinding) on every path, and answers its own names', async () => {
    const port = door.port;
    expect(await raw(invokePath, { host: `rebind.example:${port}` })).toEqual([403, 'InvalidHostException']);
    expect(await raw('/', { host: `rebind.example:${port}`, 'x-amz-target': 'AmazonSSM.GetParameter' })).toEqual([
      403,
      'InvalidHostException',
    ]);
    expect(await raw(`/lambda-url/${functions.web.deployedName}/`, { host: 'rebind.example' }, 'GET')).toEqual([
      403,
      'InvalidHostException',
    ]);
    expect((await raw(invokePath, {}))[0]).toBe(400); // no Host at all: node's HTTP/1.1 server refuses it
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`]) {
      expect(await raw(invokePath, { host })).toEqual([403, 'MissingAuthenticationTokenException']);
    }
  });

  it('refuses the cross-origin "simple" POST a web page can send, and a signed request from another origin', async () => {
    const simple = await raw(invokePath, {
      host: `127.0.0.1:${door.port}`,
      origin: 'http://attacker.example',
      'content-type': 'text/plain',
    });
    const signed = await signedFetch(
      `${door.url}${invokePath}`,
      { method: 'POST', body: '{}', headers: { origin: 'https://attacker.example' } },
      { ...SOMEONE, service: 'lambda' },
    );
    const nullOrigin = await signedFetch(
      `${door.url}${invokePath}`,
      { method: 'POST', body: '{}', headers: { origin: 'null' } },
      { ...TEST, service: 'lambda' },
    );
    const same = await signedFetch(
      `${door.url}${invokePath}`,
      { method: 'POST', body: '{}', headers: { origin: door.url } },
      { ...TEST, service: 'lambda' },
    );

    expect(simple).toEqual([403, 'InvalidOriginException']);
    expect([signed.status, signed.headers.get('x-amzn-errortype')]).toEqual([403, 'InvalidOriginException']);
    expect(nullOrigin.status).toBe(403);
    expect(same.status).toBe(200);
  });

  it('lets any origin call a Function URL with auth type NONE (public by design), not an AWS_IAM one', async () => {
    const host = `127.0.0.1:${door.port}`;
    expect(
      await raw(`/lambda-url/${functions.web.deployedName}/`, { host, origin: 'http://app.example' }, 'GET'),
    ).toEqual([200, undefined]);
    expect(
      await raw(`/lambda-url/${functions.secure.deployedName}/`, { host, origin: 'http://app.example' }, 'GET'),
    ).toEqual([403, 'InvalidOriginException']);
    expect(await raw(`/lambda-url/${functions.secure.deployedName}/`, { host }, 'GET')).toEqual([
      403,
      'AccessDeniedException',
    ]);
  });
});
