#!/usr/bin/env node
/**
 * Writes docs/benchmarks.md, its charts (docs/benchmarks/*.svg) and the README's "How fast" section from one results
 * file; or checks that the README's section matches the results file it names. The work is in bench/report/.
 * Usage: node bench/report.mjs [bench/results/<date>.json]   (default: the newest results file)
 *        node bench/report.mjs --check-readme                (exit 1 when the README section is not what its file gives)
 */
import { realpathSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_DIR } from './lib/paths.mjs';
import { latestResultsFile } from './lib/results.mjs';
import { writeReport } from './report/index.mjs';
import { checkReadme } from './report/readme.mjs';

export { writeReport };

const isMain = process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
if (isMain) {
  const args = process.argv.slice(2);
  if (args.includes('--check-readme')) {
    const { ok, message } = checkReadme();
    (ok ? console.log : console.error)(message);
    if (!ok) process.exitCode = 1;
  } else {
    const file = args[0] ? resolve(args[0]) : latestResultsFile();
    if (!file) {
      console.error('no results yet: run `npm run bench` first');
      process.exitCode = 1;
    } else {
      const out = writeReport(file);
      console.log(
        `wrote ${relative(REPO_DIR, out.markdown)}, ${out.charts.length} charts and the README section from ${relative(REPO_DIR, file)}`,
      );
    }
  }
}
