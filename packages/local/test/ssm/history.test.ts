/**
 * Parameter versions as Parameter Store keeps them: the 100 most recent versions of each parameter, each readable with
 * `name:<version>` and listed by GetParameterHistory; the 101st version deletes the oldest. Names deeper than 15 levels
 * are refused with HierarchyLevelLimitExceededException.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  GetParameterCommand,
  GetParameterHistoryCommand,
  GetParametersCommand,
  PutParameterCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSsmService, type SsmService } from '../../src/ssm/index.js';
import { serveService } from '../support/serve-service.js';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

let dir: string;
let ssm: SsmService;
let server: { url: string; close(): Promise<void> };
let client: SSMClient;

async function start(): Promise<void> {
  ssm = await createSsmService({ file: path.join(dir, 'ssm.json') });
  server = await serveService(ssm);
  client = new SSMClient({ endpoint: server.url, region: 'us-east-1', credentials, maxAttempts: 1 });
}

async function stop(): Promise<void> {
  client.destroy();
  await server.close();
  await ssm.close();
}

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'lambdaport-ssm-history-'));
  await start();
});
afterEach(async () => {
  await stop();
  rmSync(dir, { recursive: true, force: true });
});

const put = (value: string, overwrite = true) =>
  client.send(new PutParameterCommand({ Name: '/app/key', Value: value, Type: 'String', Overwrite: overwrite }));

describe('SSM parameter versions', () => {
  it('reads an older version with name:<version> after an overwrite, also after a restart', async () => {
    await put('one', false);
    await put('two');
    await stop();
    await start();

    const first = await client.send(new GetParameterCommand({ Name: '/app/key:1' }));
    const second = await client.send(new GetParameterCommand({ Name: '/app/key:2' }));
    const several = await client.send(new GetParametersCommand({ Names: ['/app/key:1', '/app/key:9', '/app/key'] }));
    const missing = await client.send(new GetParameterCommand({ Name: '/app/key:9' })).catch((e: unknown) => e);

    expect(first.Parameter).toMatchObject({ Name: '/app/key', Value: 'one', Version: 1, Selector: ':1' });
    expect(second.Parameter).toMatchObject({ Value: 'two', Version: 2 });
    expect(several.Parameters?.map((p) => `${p.Value}@${p.Version}`)).toEqual(['one@1', 'two@2']);
    expect(several.InvalidParameters).toEqual(['/app/key:9']);
    expect(missing).toMatchObject({ name: 'ParameterVersionNotFound', $metadata: { httpStatusCode: 400 } });
  });

  it('lists the history oldest first, page by page', async () => {
    for (let i = 1; i <= 7; i++) await put(`v${i}`, i > 1);

    const first = await client.send(new GetParameterHistoryCommand({ Name: '/app/key', MaxResults: 5 }));
    const rest = await client.send(
      new GetParameterHistoryCommand({ Name: '/app/key', MaxResults: 5, NextToken: first.NextToken }),
    );
    const unknown = await client.send(new GetParameterHistoryCommand({ Name: '/nope' })).catch((e: unknown) => e);

    expect(first.Parameters?.map((p) => p.Version)).toEqual([1, 2, 3, 4, 5]);
    expect(first.Parameters?.[0]).toMatchObject({
      Name: '/app/key',
      Type: 'String',
      Value: 'v1',
      Labels: [],
      Tier: 'Standard',
    });
    expect(first.Parameters?.[0]?.LastModifiedDate).toBeInstanceOf(Date);
    expect(rest.Parameters?.map((p) => p.Value)).toEqual(['v6', 'v7']);
    expect(rest.NextToken).toBeUndefined();
    expect(unknown).toMatchObject({ name: 'ParameterNotFound' });
  });

  it('keeps the 100 most recent versions: the 101st deletes the oldest', async () => {
    for (let i = 1; i <= 102; i++) await put(`v${i}`, i > 1);

    const history = [];
    let token: string | undefined;
    do {
      const page = await client.send(new GetParameterHistoryCommand({ Name: '/app/key', NextToken: token }));
      history.push(...(page.Parameters ?? []));
      token = page.NextToken;
    } while (token);
    const oldest = await client.send(new GetParameterCommand({ Name: '/app/key:3' }));
    const gone = await client.send(new GetParameterCommand({ Name: '/app/key:2' })).catch((e: unknown) => e);
    const latest = await client.send(new GetParameterCommand({ Name: '/app/key' }));

    expect(history).toHaveLength(100);
    expect(history[0]?.Version).toBe(3);
    expect(oldest.Parameter?.Value).toBe('v3');
    expect(gone).toMatchObject({ name: 'ParameterVersionNotFound' });
    expect(latest.Parameter).toMatchObject({ Value: 'v102', Version: 102 });
  });
});

describe('SSM name levels', () => {
  const name = (levels: number) => `/${Array.from({ length: levels }, (_, i) => `l${i + 1}`).join('/')}`;

  it('accepts 15 levels and refuses 16 with HierarchyLevelLimitExceededException', async () => {
    const fifteen = await client.send(new PutParameterCommand({ Name: name(15), Value: 'x', Type: 'String' }));
    const sixteen = await client
      .send(new PutParameterCommand({ Name: name(16), Value: 'x', Type: 'String' }))
      .catch((e: unknown) => e);

    expect(fifteen.Version).toBe(1);
    expect(sixteen).toMatchObject({
      name: 'HierarchyLevelLimitExceededException',
      message: `A hierarchy can have a maximum of 15 levels; ${name(16)} has 16.`,
      $metadata: { httpStatusCode: 400 },
    });
  });
});
