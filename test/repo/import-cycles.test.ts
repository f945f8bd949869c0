/**
 * No import circles among the files of each `packages/<name>/src` (CONTRIBUTING.md, "Repository checks").
 */
import { describe, expect, it } from 'vitest';
import { describeCycle, findCycles, importGraph } from './support/import-graph.js';
import { packagesWithSources, sourceFiles } from './support/repo-files.js';

describe('import circles in packages/*/src', () => {
  const cycles = packagesWithSources().flatMap((name) => findCycles(importGraph(sourceFiles(name))));

  it('there are none', () => {
    expect(
      cycles.map(describeCycle),
      'files that import each other in a circle: move what they share into a file of its own',
    ).toEqual([]);
  });
});
