/**
 * The repository checks catch what they claim to: each rule on small inputs, with and without the problem.
 */
import { describe, expect, it } from 'vitest';
import { describeCycle, findCycles, importGraph, relativeImports } from './support/import-graph.js';
import {
  explainsLength,
  LONG_FILE_PHRASE,
  lineCount,
  MAX_LINES,
  OUTSIDE_CITATIONS,
  outsideCitations,
  tooLong,
} from './support/rules.js';

const files = (entries: Record<string, string>): Map<string, string> => new Map(Object.entries(entries));

describe('relativeImports', () => {
  it('reads every kind of relative import, type-only ones too, in order', () => {
    const text = [
      "import { a } from './a.js';",
      "import type { B } from './b.js';",
      "import { type C } from './c.js';",
      "import './d.js';",
      "export { e } from './e.js';",
      "export * from '../f.js';",
      "export type { G } from './g.js';",
      "import h = require('./h.cjs');",
      'async function later() {',
      "  await import('./i.js');",
      "  require('./j.js');",
      '}',
    ].join('\n');

    expect(relativeImports('x.ts', text)).toEqual([
      './a.js',
      './b.js',
      './c.js',
      './d.js',
      './e.js',
      '../f.js',
      './g.js',
      './h.cjs',
      './i.js',
      './j.js',
    ]);
  });

  it('ignores packages, computed paths, comments, JSDoc examples and strings', () => {
    const text = [
      "import fs from 'node:fs';",
      "import { z } from 'zod';",
      "import { x } from 'lambdaport/client';",
      '/**',
      ' * @example',
      " * import { y } from './example.js';",
      ' */',
      "// import { w } from './commented.js';",
      'const text = "import { v } from \'./in-a-string.js\'";',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text of a computed import
      'const computed = (name: string) => import(`./${name}.js`);',
    ].join('\n');

    expect(relativeImports('x.ts', text)).toEqual([]);
  });
});

describe('importGraph', () => {
  it('resolves .js to .ts, .cjs to .cts, .mjs to .mts and a bare folder to its index.ts', () => {
    const graph = importGraph(
      files({
        'src/a.ts': "import './b.js'; import './c.cjs'; import './d.mjs'; import './e';",
        'src/b.ts': '',
        'src/c.cts': '',
        'src/d.mts': '',
        'src/e/index.ts': "import '../a.js';",
      }),
    );

    expect(graph.get('src/a.ts')).toEqual(['src/b.ts', 'src/c.cts', 'src/d.mts', 'src/e/index.ts']);
    expect(graph.get('src/e/index.ts')).toEqual(['src/a.ts']);
  });

  it('leaves out files outside the set', () => {
    const graph = importGraph(files({ 'src/a.ts': "import '../package.json'; import './missing.js';" }));

    expect(graph.get('src/a.ts')).toEqual([]);
  });
});

describe('findCycles', () => {
  it('finds none in a graph without circles', () => {
    const graph = importGraph(
      files({
        'a.ts': "import './b.js'; import './c.js';",
        'b.ts': "import './c.js';",
        'c.ts': '',
      }),
    );

    expect(findCycles(graph)).toEqual([]);
  });

  it('finds a circle of three files, with every file and one path through them', () => {
    // the shape of issue 8: environment → spares → environment, and spares → variables → environment
    const graph = importGraph(
      files({
        'environment.ts': "import { Spares } from './spares.js';",
        'spares.ts': "import { nodeArgs } from './environment.js'; import { PASSED } from './variables.js';",
        'variables.ts': "import { BOOTSTRAP } from './environment.js';",
        'pool.ts': "import type { Environment } from './environment.js';",
      }),
    );

    const cycles = findCycles(graph);

    expect(cycles).toEqual([
      {
        files: ['environment.ts', 'spares.ts', 'variables.ts'],
        path: ['environment.ts', 'spares.ts', 'environment.ts'],
      },
    ]);
    expect(describeCycle(cycles[0]!)).toBe(
      'environment.ts → spares.ts → environment.ts (files in the circle: environment.ts, spares.ts, variables.ts)',
    );
  });

  it('counts type-only imports and re-exports, and a file that imports itself', () => {
    const graph = importGraph(
      files({
        'a.ts': "import type { B } from './b.js';",
        'b.ts': "export type { A } from './a.js';",
        'self.ts': "import './self.js';",
      }),
    );

    expect(findCycles(graph).map((cycle) => cycle.path)).toEqual([
      ['a.ts', 'b.ts', 'a.ts'],
      ['self.ts', 'self.ts'],
    ]);
  });
});

describe('the length rule', () => {
  const lines = (count: number, header = ''): string =>
    `${header}${Array.from({ length: count - lineCount(header) }, (_, i) => `const v${i} = ${i};`).join('\n')}\n`;

  it('counts lines as wc -l does', () => {
    expect(lineCount('')).toBe(0);
    expect(lineCount('a')).toBe(1);
    expect(lineCount('a\n')).toBe(1);
    expect(lineCount('a\nb\n')).toBe(2);
    expect(lineCount(lines(401))).toBe(401);
  });

  it(`allows ${MAX_LINES} lines, not ${MAX_LINES + 1} without a reason`, () => {
    expect(tooLong(lines(MAX_LINES))).toBe(false);
    expect(tooLong(lines(MAX_LINES + 1))).toBe(true);
  });

  it(`accepts a longer file whose first 10 lines say "${LONG_FILE_PHRASE} <reason>" in a comment`, () => {
    const block = `/**\n * The Runtime API client.\n *\n * This file is ${LONG_FILE_PHRASE} it is one state machine.\n */\n`;
    const line = `// ${LONG_FILE_PHRASE} splitting it would scatter one protocol.\n`;

    expect(tooLong(lines(500, block))).toBe(false);
    expect(tooLong(lines(500, line))).toBe(false);
  });

  it('refuses the phrase without a reason, outside a comment, or after the first 10 lines', () => {
    const noReason = `// This file is ${LONG_FILE_PHRASE}\n`;
    const inCode = `const why = '${LONG_FILE_PHRASE} reasons';\n`;
    const late = `${'// header\n'.repeat(10)}// ${LONG_FILE_PHRASE} it is long.\n`;

    expect(explainsLength(noReason)).toBe(false);
    expect(explainsLength(inCode)).toBe(false);
    expect(explainsLength(late)).toBe(false);
    expect(tooLong(lines(500, late))).toBe(true);
  });
});

describe('the citation rule', () => {
  it('finds each citation of the notebook outside the repository, with its line', () => {
    const [first, second] = OUTSIDE_CITATIONS as [string, string];
    const text = `/**\n * See ${first}/notes.md.\n */\nconst x = 1;\n// facts: ${second}/aws.md\n`;

    expect(outsideCitations(text)).toEqual([
      { line: 2, text: `* See ${first}/notes.md.` },
      { line: 5, text: `// facts: ${second}/aws.md` },
    ]);
  });

  it('leaves ordinary uses of the words alone, and docs/reference links', () => {
    const text = '/** Options shared by every adapter; see docs/reference/lambda-invoke.md and the shared client. */\n';

    expect(outsideCitations(text)).toEqual([]);
  });
});
