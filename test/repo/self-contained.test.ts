/**
 * The repository stands alone: no tracked file cites the notebook kept outside it (CONTRIBUTING.md, "Repository
 * checks"). What we rely on about AWS is written in docs/reference/.
 */
import { describe, expect, it } from 'vitest';
import { textOf, trackedFiles } from './support/repo-files.js';
import { OUTSIDE_CITATIONS, outsideCitations } from './support/rules.js';

describe('citations of files outside the repository', () => {
  it(`no tracked file contains ${OUTSIDE_CITATIONS.map((c) => `"${c}"`).join(' or ')}`, () => {
    const found: string[] = [];
    for (const file of trackedFiles()) {
      const text = textOf(file);
      if (text === undefined) continue;
      for (const citation of outsideCitations(text)) found.push(`${file}:${citation.line}: ${citation.text}`);
    }

    expect(found, 'cite docs/reference/<topic>.md instead (and write the fact there if it is missing)').toEqual([]);
  });
});
