/**
 * The SSM state file is checked before the runtime starts on it: an entry it cannot serve is refused with the file and
 * the entry named (before, `{"name": 5}` started and then GetParametersByPath and DescribeParameters answered 500, and a
 * version "x" became "x1" on the next write). A file written by the previous version (format 1, latest value only)
 * still loads, keeps its versions going, and is written back in format 2 with each parameter's history.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GetParameterCommand, GetParametersByPathCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSsmService } from '../../src/ssm/index.js';
import { serveService } from '../support/serve-service.js';

const FORMAT_1 = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/ssm/ssm-format-1.json');
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'lambdaport-ssm-state-'));
  file = path.join(dir, 'ssm.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function writeState(parameters: unknown[], format = 'lambdaport-ssm/2'): void {
  writeFileSync(file, JSON.stringify({ format, parameters }));
}

const good = { version: 1, type: 'String', value: 'v', lastModified: 1764300000000, dataType: 'text' };

describe('the SSM state file is checked at start', () => {
  it.each([
    ['a name that is not a string', [{ name: 5, versions: [good] }], 'parameters[0]: name must be a string, got 5'],
    [
      'a version that is not a number',
      [
        { name: '/ok', versions: [good] },
        { name: '/a', versions: [{ ...good, version: 'x' }] },
      ],
      'parameters[1] (/a): versions[0]: version must be a whole number from 1, got "x"',
    ],
    [
      'an unknown type',
      [{ name: '/a', versions: [{ ...good, type: 'Bogus' }] }],
      'parameters[0] (/a): versions[0]: type must be one of String, StringList, SecureString, got "Bogus"',
    ],
    [
      'a value that is not a string',
      [{ name: '/a', versions: [{ ...good, value: 7 }] }],
      'parameters[0] (/a): versions[0]: value must be a string, got 7',
    ],
    [
      'a name deeper than 15 levels',
      [{ name: `/${Array.from({ length: 16 }, (_, i) => `l${i}`).join('/')}`, versions: [good] }],
      'has more than 15 levels',
    ],
    [
      'the same name twice',
      [
        { name: '/a', versions: [good] },
        { name: '/a', versions: [good] },
      ],
      'parameters[1] (/a): the same name appears twice',
    ],
    [
      'versions out of order',
      [{ name: '/a', versions: [{ ...good, version: 2 }, good] }],
      'parameters[0] (/a): versions must be in increasing order',
    ],
  ])('refuses %s, naming the file and the entry', async (_what, parameters, message) => {
    writeState(parameters);

    const failure = createSsmService({ file });

    await expect(failure).rejects.toThrow(`${file}: `);
    await expect(failure).rejects.toThrow(message);
    await expect(failure).rejects.toThrow('fix or delete the file, or start with --state <another folder>');
  });

  it('refuses a format-1 entry with a non-numeric version (it used to become "x1")', async () => {
    writeState(
      [{ name: '/a', type: 'String', value: 'v', version: 'x', lastModified: 1, dataType: 'text' }],
      'lambdaport-ssm/1',
    );

    await expect(createSsmService({ file })).rejects.toThrow(
      `${file}: parameters[0] (/a): version must be a whole number from 1, got "x"`,
    );
  });
});

describe('a state file written by the previous version (format 1)', () => {
  it('loads, keeps counting versions, serves the old version after an overwrite, and is written back as format 2', async () => {
    copyFileSync(FORMAT_1, file);
    const ssm = await createSsmService({ file });
    const server = await serveService(ssm);
    const client = new SSMClient({ endpoint: server.url, region: 'us-east-1', credentials, maxAttempts: 1 });
    try {
      const before = await client.send(new GetParameterCommand({ Name: '/app/db/url' }));
      const byPath = await client.send(new GetParametersByPathCommand({ Path: '/', Recursive: true }));
      const put = await client.send(
        new PutParameterCommand({ Name: '/app/db/url', Value: 'postgres://new', Overwrite: true }),
      );
      const old = await client.send(new GetParameterCommand({ Name: '/app/db/url:3' }));
      const latest = await client.send(new GetParameterCommand({ Name: '/app/db/url' }));
      await ssm.close();
      const written = JSON.parse(readFileSync(file, 'utf8')) as {
        format: string;
        parameters: { name: string; versions: { version: number; value: string }[] }[];
      };

      expect(before.Parameter).toMatchObject({
        Name: '/app/db/url',
        Type: 'SecureString',
        Value: 'postgres://local',
        Version: 3,
      });
      expect(before.Parameter?.LastModifiedDate?.getTime()).toBe(1764300001500);
      expect(byPath.Parameters?.map((p) => p.Name)).toEqual(['/app/db/url', '/lambdaport/dev/records/get']);
      expect(put.Version).toBe(4);
      expect(old.Parameter).toMatchObject({ Value: 'postgres://local', Version: 3, Selector: ':3' });
      expect(latest.Parameter).toMatchObject({ Value: 'postgres://new', Version: 4, Type: 'SecureString' });
      expect(written.format).toBe('lambdaport-ssm/2');
      expect(written.parameters.find((p) => p.name === '/app/db/url')?.versions).toMatchObject([
        { version: 3, value: 'postgres://local' },
        { version: 4, value: 'postgres://new' },
      ]);
      expect(written.parameters.map((p) => p.name)).toEqual(['/app/db/url', '/lambdaport/dev/records/get', 'plain']);
    } finally {
      client.destroy();
      await server.close();
    }
  });
});
