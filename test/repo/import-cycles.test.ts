/**
 * No import circles among the files of each `packages/<name>/src` (CONTRIBUTING.md, "Repository checks").
 */
import { describe, expect, it } from 'vitest';
import { describeCycle, findCycles, type ImportCycle, importGraph } from './support/import-graph.js';
import { packagesWithSources, sourceFiles } from './support/repo-files.js';

/**
 * KNOWN OFFENDERS (issue 8): circles that other branches end in parallel. Each is an expected failure below until
 * its fix is merged; then that test turns red, and the lead removes the entry. Never add an entry: end the circle.
 * An entry is the sorted list of the files of one circle.
 */
const KNOWN_CYCLES: readonly (readonly string[])[] = [
  [
    'packages/local/src/lambda/environments/environment.ts',
    'packages/local/src/lambda/environments/spares.ts',
    'packages/local/src/lambda/environments/variables.ts',
  ],
];

const isKnown = (cycle: ImportCycle, known: readonly string[]): boolean =>
  cycle.files.length === known.length && cycle.files.every((file, at) => file === known[at]);

describe('import circles in packages/*/src', () => {
  const cycles = packagesWithSources().flatMap((name) => findCycles(importGraph(sourceFiles(name))));

  it('there are none (known offenders aside)', () => {
    const unexpected = cycles.filter((cycle) => !KNOWN_CYCLES.some((known) => isKnown(cycle, known)));

    expect(
      unexpected.map(describeCycle),
      'files that import each other in a circle: move what they share into a file of its own',
    ).toEqual([]);
  });

  for (const known of KNOWN_CYCLES) {
    it.fails(`known offender, fails until its fix is merged (then remove it from KNOWN_CYCLES): ${known.join(' ↔ ')}`, () => {
      expect(cycles.filter((cycle) => isKnown(cycle, known)).map(describeCycle)).toEqual([]);
    });
  }
});
