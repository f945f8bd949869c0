/**
 * Where tests live (CONTRIBUTING.md, "Tests"): in each package's `test/` folder, mirroring `src/`; never beside the
 * code, so a published package holds no test.
 */
import { describe, expect, it } from 'vitest';
import { trackedFiles } from './support/repo-files.js';

const TEST_FILE = /\.test\.(ts|mts|cts|js|mjs|cjs)$/;

describe('where tests live', () => {
  it('no test file under a src/ folder', () => {
    const misplaced = trackedFiles().filter((file) => TEST_FILE.test(file) && /(^|\/)src\//.test(file));

    expect(misplaced, "move each to its package's test/ folder, mirroring src/").toEqual([]);
  });
});
