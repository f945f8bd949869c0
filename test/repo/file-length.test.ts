/**
 * No file in `packages/<name>/src` over 400 lines unless its opening comment says why (CONTRIBUTING.md,
 * "Repository checks").
 */
import { describe, expect, it } from 'vitest';
import { packagesWithSources, sourceFiles } from './support/repo-files.js';
import { LONG_FILE_PHRASE, lineCount, MAX_LINES, tooLong } from './support/rules.js';

describe(`files over ${MAX_LINES} lines in packages/*/src`, () => {
  const files = new Map(packagesWithSources().flatMap((name) => [...sourceFiles(name)]));

  it(`each says why in its first lines ("${LONG_FILE_PHRASE} ...")`, () => {
    const unexpected = [...files]
      .filter(([, text]) => tooLong(text))
      .map(([file, text]) => `${file}: ${lineCount(text)} lines`);

    expect(
      unexpected,
      `split these files by concern, or open them with a comment "${LONG_FILE_PHRASE} <reason>"`,
    ).toEqual([]);
  });
});
