import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  DeleteParameterCommand,
  DescribeParametersCommand,
  GetParameterCommand,
  GetParametersByPathCommand,
  GetParametersCommand,
  PutParameterCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSsmService, type SsmService } from '../../src/ssm/index.js';
import { signedFetch } from '../http/support/signed-fetch.js';
import { serveService } from '../support/serve-service.js';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

describe('SSM Parameter Store subset (real @aws-sdk/client-ssm)', () => {
  let ssm: SsmService;
  let server: { url: string; close(): Promise<void> };
  let client: SSMClient;

  beforeEach(async () => {
    ssm = await createSsmService({ region: 'eu-west-1', accountId: '000000000000' });
    server = await serveService(ssm);
    client = new SSMClient({ endpoint: server.url, region: 'eu-west-1', credentials, maxAttempts: 1 });
  });

  afterEach(async () => {
    client.destroy();
    await server.close();
    await ssm.close();
  });

  it('puts and gets a parameter, with version, ARN and dates', async () => {
    const put = await client.send(new PutParameterCommand({ Name: '/app/db/url', Value: 'x', Type: 'String' }));
    const got = await client.send(new GetParameterCommand({ Name: '/app/db/url' }));

    expect(put).toMatchObject({ Version: 1, Tier: 'Standard' });
    expect(got.Parameter).toMatchObject({
      Name: '/app/db/url',
      Type: 'String',
      Value: 'x',
      Version: 1,
      ARN: 'arn:aws:ssm:eu-west-1:000000000000:parameter/app/db/url',
      DataType: 'text',
    });
    expect(got.Parameter?.LastModifiedDate).toBeInstanceOf(Date);
    expect(Math.abs(got.Parameter!.LastModifiedDate!.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('refuses to overwrite without Overwrite, and increments the version with it', async () => {
    await client.send(new PutParameterCommand({ Name: '/a', Value: '1', Type: 'String' }));

    const refused = await client.send(new PutParameterCommand({ Name: '/a', Value: '2' })).catch((e: unknown) => e);
    const second = await client.send(new PutParameterCommand({ Name: '/a', Value: '2', Overwrite: true }));
    const third = await client.send(new PutParameterCommand({ Name: '/a', Value: '3', Overwrite: true }));
    const got = await client.send(new GetParameterCommand({ Name: '/a' }));

    expect(refused).toMatchObject({ name: 'ParameterAlreadyExists', $metadata: { httpStatusCode: 400 } });
    expect(second.Version).toBe(2);
    expect(third.Version).toBe(3);
    expect(got.Parameter).toMatchObject({ Value: '3', Version: 3, Type: 'String' });
  });

  it('answers ParameterNotFound for a missing parameter, and serves on afterwards', async () => {
    const missing = await client.send(new GetParameterCommand({ Name: '/nope' })).catch((e: unknown) => e);
    await client.send(new PutParameterCommand({ Name: '/yes', Value: 'v', Type: 'SecureString' }));

    expect(missing).toMatchObject({ name: 'ParameterNotFound', message: 'Parameter /nope not found.' });
    expect((await client.send(new GetParameterCommand({ Name: '/yes', WithDecryption: true }))).Parameter?.Value).toBe(
      'v',
    );
  });

  it('gets several parameters, listing the missing ones as InvalidParameters', async () => {
    await client.send(new PutParameterCommand({ Name: '/p/one', Value: '1', Type: 'String' }));
    await client.send(new PutParameterCommand({ Name: '/p/two', Value: '2', Type: 'StringList' }));

    const result = await client.send(new GetParametersCommand({ Names: ['/p/one', '/p/missing', '/p/two'] }));

    expect(result.Parameters?.map((p) => [p.Name, p.Value, p.Type])).toEqual([
      ['/p/one', '1', 'String'],
      ['/p/two', '2', 'StringList'],
    ]);
    expect(result.InvalidParameters).toEqual(['/p/missing']);
  });

  it('gets parameters by path, one level or recursively, page by page', async () => {
    for (const name of ['/svc/a', '/svc/b', '/svc/c', '/svc/deep/d', '/svc/deep/er/e', '/other/x', '/svcx/y']) {
      await client.send(new PutParameterCommand({ Name: name, Value: name, Type: 'String' }));
    }

    const oneLevel = await client.send(new GetParametersByPathCommand({ Path: '/svc' }));
    const names: string[] = [];
    const tokens: (string | undefined)[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(
        new GetParametersByPathCommand({ Path: '/svc/', Recursive: true, MaxResults: 2, NextToken: token }),
      );
      names.push(...(page.Parameters ?? []).map((p) => p.Name!));
      token = page.NextToken;
      tokens.push(token);
    } while (token !== undefined);

    expect(oneLevel.Parameters?.map((p) => p.Name)).toEqual(['/svc/a', '/svc/b', '/svc/c']);
    expect(oneLevel.NextToken).toBeUndefined();
    expect(names).toEqual(['/svc/a', '/svc/b', '/svc/c', '/svc/deep/d', '/svc/deep/er/e']);
    expect(tokens).toHaveLength(3);
  });

  it('rejects MaxResults beyond 10 and a forged NextToken', async () => {
    const tooMany = await client
      .send(new GetParametersByPathCommand({ Path: '/svc', MaxResults: 11 }))
      .catch((e: unknown) => e);
    const badToken = await client
      .send(new GetParametersByPathCommand({ Path: '/svc', NextToken: 'not-a-token' }))
      .catch((e: unknown) => e);
    const relative = await client.send(new GetParametersByPathCommand({ Path: 'svc' })).catch((e: unknown) => e);

    expect(tooMany).toMatchObject({ name: 'ValidationException', $metadata: { httpStatusCode: 400 } });
    expect((tooMany as Error).message).toContain("Value '11' at 'maxResults' failed to satisfy constraint");
    expect(badToken).toMatchObject({ name: 'InvalidNextToken' });
    expect(relative).toMatchObject({ name: 'ValidationException' });
  });

  it('validates puts: empty value, unknown type, missing type on create, reserved prefix', async () => {
    const attempts = [
      new PutParameterCommand({ Name: '/v', Value: '', Type: 'String' }),
      new PutParameterCommand({ Name: '/v', Value: 'x', Type: 'Number' as 'String' }),
      new PutParameterCommand({ Name: '/v', Value: 'x' }),
      new PutParameterCommand({ Name: '/aws/mine', Value: 'x', Type: 'String' }),
      new PutParameterCommand({ Name: 'a/b', Value: 'x', Type: 'String' }),
      new PutParameterCommand({ Name: '/v', Value: 'x'.repeat(4097), Type: 'String' }),
    ];

    const errors = await Promise.all(attempts.map((command) => client.send(command).catch((e: unknown) => e)));

    for (const error of errors) expect(error).toMatchObject({ name: 'ValidationException' });
    expect((errors[2] as Error).message).toBe('A parameter type is required when you create a parameter.');
  });

  it('deletes a parameter, then answers ParameterNotFound for it', async () => {
    await client.send(new PutParameterCommand({ Name: '/gone', Value: 'x', Type: 'String' }));

    await client.send(new DeleteParameterCommand({ Name: '/gone' }));
    const get = await client.send(new GetParameterCommand({ Name: '/gone' })).catch((e: unknown) => e);
    const again = await client.send(new DeleteParameterCommand({ Name: '/gone' })).catch((e: unknown) => e);

    expect(get).toMatchObject({ name: 'ParameterNotFound' });
    expect(again).toMatchObject({ name: 'ParameterNotFound' });
  });

  it('describes parameters, filtered by path', async () => {
    await client.send(new PutParameterCommand({ Name: '/d/a', Value: '1', Type: 'String', Description: 'first' }));
    await client.send(new PutParameterCommand({ Name: '/d/b/c', Value: '2', Type: 'String' }));
    await client.send(new PutParameterCommand({ Name: '/e', Value: '3', Type: 'String' }));

    const all = await client.send(new DescribeParametersCommand({}));
    const underD = await client.send(
      new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Path', Option: 'OneLevel', Values: ['/d'] }] }),
    );

    expect(all.Parameters?.map((p) => p.Name)).toEqual(['/d/a', '/d/b/c', '/e']);
    expect(underD.Parameters).toEqual([expect.objectContaining({ Name: '/d/a', Description: 'first', Version: 1 })]);
  });

  it('lets startLocal write mappings programmatically', async () => {
    await ssm.put('/lambdaport/dev/records/get', 'arn:aws:lambda:us-east-1:000000000000:function:x');
    await ssm.put('/lambdaport/dev/records/get', 'arn:aws:lambda:us-east-1:000000000000:function:y');

    const got = await client.send(new GetParameterCommand({ Name: '/lambdaport/dev/records/get' }));

    expect(ssm.get('/lambdaport/dev/records/get')).toBe('arn:aws:lambda:us-east-1:000000000000:function:y');
    expect(got.Parameter).toMatchObject({ Value: 'arn:aws:lambda:us-east-1:000000000000:function:y', Version: 2 });
  });
});

describe('SSM wire errors (raw requests)', () => {
  it('answers unknown targets, bad JSON and wrong methods AWS-shaped, and keeps serving', async () => {
    const ssm = await createSsmService();
    const server = await serveService(ssm);
    const post = (target: string | undefined, body: string, method = 'POST', sign = true) => {
      const init = {
        method,
        headers: { 'content-type': 'application/x-amz-json-1.1', ...(target ? { 'x-amz-target': target } : {}) },
        ...(method === 'POST' ? { body } : {}),
      };
      const signing = { accessKeyId: 'test', secretAccessKey: 'test', service: 'ssm' };
      return (sign ? signedFetch(`${server.url}/`, init, signing) : fetch(`${server.url}/`, init)).then(async (r) => ({
        status: r.status,
        type: r.headers.get('content-type'),
        body: (await r.json()) as { __type?: string; message?: string },
      }));
    };
    try {
      const unsigned = await post('AmazonSSM.GetParameter', '{"Name":"/x"}', 'POST', false);
      const unknown = await post('AmazonSSM.LabelParameterVersion', '{}');
      const noTarget = await post(undefined, '{}');
      const badJson = await post('AmazonSSM.GetParameter', '{"Name": ');
      const notObject = await post('AmazonSSM.GetParameter', '[1]');
      const noName = await post('AmazonSSM.GetParameter', '{}');
      const get = await post('AmazonSSM.GetParameter', '{"Name":"/x"}', 'GET');
      const fine = await post('AmazonSSM.PutParameter', '{"Name":"/x","Value":"1","Type":"String"}');

      expect(unknown).toEqual({
        status: 400,
        type: 'application/x-amz-json-1.1',
        body: { __type: 'UnknownOperationException', message: 'Unknown operation AmazonSSM.LabelParameterVersion' },
      });
      expect(unsigned.status).toBe(400);
      expect(unsigned.body).toMatchObject({
        __type: 'com.amazon.coral.service#MissingAuthenticationTokenException',
        message: 'Request is missing Authentication Token',
      });
      expect(noTarget.body.__type).toBe('UnknownOperationException');
      expect(badJson.status).toBe(400);
      expect(badJson.body.__type).toBe('SerializationException');
      expect(notObject.body.__type).toBe('SerializationException');
      expect(noName.body).toEqual({
        __type: 'ValidationException',
        message:
          "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null",
      });
      expect(get.body.__type).toBe('UnknownOperationException');
      expect(fine).toEqual({ status: 200, type: 'application/x-amz-json-1.1', body: { Version: 1, Tier: 'Standard' } });
    } finally {
      await server.close();
      await ssm.close();
    }
  });
});

describe('SSM persistence', () => {
  let stateDir: string;
  beforeEach(() => {
    stateDir = mkdtempSync(path.join(tmpdir(), 'lambdaport-ssm-'));
  });
  afterEach(() => rmSync(stateDir, { recursive: true, force: true }));

  it('keeps parameters across restarts in the state file, and leaves no temp file behind', async () => {
    const file = path.join(stateDir, 'nested', 'ssm.json');
    const first = await createSsmService({ file });
    const firstServer = await serveService(first);
    const firstClient = new SSMClient({ endpoint: firstServer.url, region: 'us-east-1', credentials });
    await firstClient.send(new PutParameterCommand({ Name: '/kept', Value: 'v1', Type: 'String' }));
    await firstClient.send(new PutParameterCommand({ Name: '/kept', Value: 'v2', Type: 'String', Overwrite: true }));
    firstClient.destroy();
    await firstServer.close();
    await first.close();

    const second = await createSsmService({ file });
    const secondServer = await serveService(second);
    const secondClient = new SSMClient({ endpoint: secondServer.url, region: 'us-east-1', credentials });
    try {
      const got = await secondClient.send(new GetParameterCommand({ Name: '/kept' }));

      expect(got.Parameter).toMatchObject({ Value: 'v2', Version: 2 });
      expect(JSON.parse(readFileSync(file, 'utf8')).parameters).toHaveLength(1);
      expect(readdirSync(path.dirname(file))).toEqual(['ssm.json']);
    } finally {
      secondClient.destroy();
      await secondServer.close();
      await second.close();
    }
  });

  it('writes the state file atomically: a reader never sees a partial file, during 120 writes of ~1 MB', async () => {
    const file = path.join(stateDir, 'ssm.json');
    const ssm = await createSsmService({ file });
    const value = (i: number) => `${i}:${'x'.repeat(4000)}`;
    for (let i = 0; i < 240; i++) await ssm.put(`/bulk/p${i}`, value(0)); // a file of ~1 MB, written in chunks
    let writing = true;
    const versions = new Set<string>();
    const partial: string[] = [];
    let reads = 0;
    // reads the file again and again while the writes below rewrite it (both go through the thread pool)
    const reader = (async () => {
      while (writing) {
        const text = await readFile(file, 'utf8');
        reads++;
        try {
          const state = JSON.parse(text) as { parameters: { name: string; versions: { value: string }[] }[] };
          versions.add(
            state.parameters
              .find((p) => p.name === '/bulk/p0')!
              .versions.at(-1)!
              .value.split(':')[0]!,
          );
        } catch (error) {
          partial.push(`${text.length} characters: ${(error as Error).message}`);
        }
      }
    })();

    for (let i = 1; i <= 120; i++) await ssm.put('/bulk/p0', value(i));
    writing = false;
    await reader;
    await ssm.close();

    expect(partial).toEqual([]);
    expect(reads).toBeGreaterThan(120);
    expect(versions.size).toBeGreaterThan(10); // the reads did interleave with the writes
    expect(readdirSync(stateDir)).toEqual(['ssm.json']);
  });

  it('keeps nothing when ephemeral (no file)', async () => {
    const first = await createSsmService();
    await first.put('/x', '1');
    await first.close();

    const second = await createSsmService();

    expect(second.get('/x')).toBeUndefined();
  });

  it('refuses a corrupt state file with a message naming it', async () => {
    const file = path.join(stateDir, 'ssm.json');
    writeFileSync(file, '{ nope');

    await expect(createSsmService({ file })).rejects.toThrow(`${file}: not a lambdaport SSM state file`);
  });
});
