import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compareDocs, GENERATED_MARK, isSame, writeDocs } from '../../src/docs/files.js';
import { serviceDir } from '../support/service-dir.js';

const page = (text: string) => `# x\n\n> ${GENERATED_MARK} \`lambdaport docs\`\n\n${text}\n`;

describe('writeDocs and compareDocs', () => {
  let folder: { dir: string; remove(): void } | undefined;
  afterEach(() => folder?.remove());

  it('writes the files, finds them the same, then names a changed line, a missing file and stale generated files', async () => {
    folder = serviceDir({});
    const out = path.join(folder.dir, 'docs');
    const files = new Map([
      ['README.md', page('index')],
      ['a.md', page('one\ntwo')],
      ['schemas/a/get.v1.input.json', '{}\n'],
    ]);
    await writeDocs(out, files);
    expect(isSame(await compareDocs(out, files))).toBe(true);

    writeFileSync(path.join(out, 'a.md'), page('one\nTWO'));
    writeFileSync(path.join(out, 'old.md'), page('a service removed'));
    mkdirSync(path.join(out, 'schemas/gone'), { recursive: true });
    writeFileSync(path.join(out, 'schemas/gone/x.v1.input.json'), '{}\n');
    writeFileSync(path.join(out, 'notes.md'), '# written by hand\n');
    const difference = await compareDocs(out, new Map([...files, ['b.md', page('new')]]));

    expect(difference).toEqual({
      missing: ['b.md'],
      changed: [{ file: 'a.md', line: 6, expected: 'two', found: 'TWO' }],
      stale: ['old.md', 'schemas/gone/x.v1.input.json'],
    });
    expect(isSame(difference)).toBe(false);
  });

  it('removes stale generated files when writing, and leaves the files it did not write', async () => {
    folder = serviceDir({
      'docs/old.md': page('stale'),
      'docs/schemas/old/x.v1.input.json': '{}\n',
      'docs/notes.md': '# written by hand\n',
    });
    const out = path.join(folder.dir, 'docs');

    const { removed } = await writeDocs(out, new Map([['README.md', page('index')]]));

    expect(removed).toEqual(['old.md', 'schemas/old/x.v1.input.json']);
    expect(existsSync(path.join(out, 'old.md'))).toBe(false);
    expect(readFileSync(path.join(out, 'notes.md'), 'utf8')).toBe('# written by hand\n');
  });

  it('compares with a folder that does not exist: everything is missing', async () => {
    folder = serviceDir({});
    const difference = await compareDocs(path.join(folder.dir, 'none'), new Map([['README.md', page('x')]]));
    expect(difference).toEqual({ missing: ['README.md'], changed: [], stale: [] });
  });
});
