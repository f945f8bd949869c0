/**
 * Paths a config names never leave the service dir (issue 9, finding 7): handlers, bootstraps, older majors'
 * handlers, contracts and seeds, with symbolic links resolved.
 */
import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/index.js';
import { tempService } from '../support/issues.js';

const HANDLER = 'export const handler = async () => 1;\n';

/** The issue lines of `functions`/`tables` in a fresh service dir; `arrange` adds links before validating. */
function issuesIn(
  config: { functions: Record<string, unknown>; tables?: Record<string, unknown> },
  arrange: (dir: string) => void = () => undefined,
): { dir: string; issues: string[] } {
  const dir = tempService(
    { 'src/handlers.ts': HANDLER, 'native/bootstrap': '#!/bin/sh\n', 'data/items.json': '[]' },
    {
      executable: ['native/bootstrap'],
    },
  );
  arrange(dir);
  try {
    validateConfig({ service: 'paths', ...config }, path.join(dir, 'lambdaport.config.json'), dir);
    return { dir, issues: [] };
  } catch (error) {
    const lines = (error as Error).message.split('\n');
    return { dir, issues: lines.map((line) => line.slice(line.indexOf('lambdaport.config.json: ') + 24)) };
  }
}

describe('paths outside the service dir', () => {
  it('refuses a handler that climbs out of the dir or is absolute, naming the key', () => {
    const { dir, issues } = issuesIn({
      functions: {
        climbs: { handler: '../../../etc/passwd#x' },
        absolute: { handler: '/etc/hostname#x' },
      },
    });

    expect(issues).toEqual([
      `functions.climbs.handler: handler file ../../../etc/passwd is outside the service dir ${dir}; expected a path inside it`,
      `functions.absolute.handler: handler file /etc/hostname is an absolute path; expected a path inside the service dir ${dir}`,
    ]);
  });

  it('refuses a handler reached through a symbolic link to a file or a folder outside the dir', () => {
    const outside = path.join(tempService({ 'secret.ts': HANDLER }), 'secret.ts');
    const { dir, issues } = issuesIn(
      { functions: { file: { handler: 'src/link.ts#handler' }, folder: { handler: 'lib/secret.ts#handler' } } },
      (d) => {
        symlinkSync(outside, path.join(d, 'src/link.ts'));
        symlinkSync(path.dirname(outside), path.join(d, 'lib'));
      },
    );

    expect(issues).toEqual([
      `functions.file.handler: handler file src/link.ts is a link to ${outside}, outside the service dir ${dir}; expected a file inside it`,
      `functions.folder.handler: handler file lib/secret.ts is a link to ${outside}, outside the service dir ${dir}; expected a file inside it`,
    ]);
  });

  it('accepts a link that stays inside the dir', () => {
    const { issues } = issuesIn({ functions: { get: { handler: 'src/alias.ts#handler' } } }, (d) =>
      symlinkSync(path.join(d, 'src/handlers.ts'), path.join(d, 'src/alias.ts')),
    );

    expect(issues).toEqual([]);
  });

  it("refuses a bootstrap, an older major's handler, a contract and a seed outside the dir", () => {
    const outsideSeed = path.join(tempService({ 'seed.json': '[]' }), 'seed.json');
    const { dir, issues } = issuesIn(
      {
        functions: {
          native: { runtime: 'provided.al2023', handler: '/bin/sh' },
          get: {
            handler: 'src/handlers.ts#handler',
            contract: '../contract.ts#getRecord',
            version: 2,
            versions: { 1: { handler: '../v1/handlers.ts#handler' } },
          },
        },
        tables: {
          items: { partitionKey: { name: 'id', type: 'S' }, seed: '../../seed.json' },
          linked: { partitionKey: { name: 'id', type: 'S' }, seed: 'data/linked.json' },
        },
      },
      (d) => {
        mkdirSync(path.join(d, 'data'), { recursive: true });
        symlinkSync(outsideSeed, path.join(d, 'data/linked.json'));
      },
    );

    expect(issues).toEqual([
      `functions.native.handler: bootstrap file /bin/sh is an absolute path; expected a path inside the service dir ${dir}`,
      `functions.get.contract: contract file ../contract.ts is outside the service dir ${dir}; expected a path inside it`,
      `functions.get.versions.1.handler: handler file ../v1/handlers.ts is outside the service dir ${dir}; expected a path inside it`,
      `tables.items.seed: seed file ../../seed.json is outside the service dir ${dir}; expected a path inside it`,
      `tables.linked.seed: seed file data/linked.json is a link to ${outsideSeed}, outside the service dir ${dir}; expected a file inside it`,
    ]);
  });
});
