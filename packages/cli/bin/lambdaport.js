#!/usr/bin/env node
/**
 * The `lambdaport` command's launcher. A committed file (not a build output), so that npm links the command when it
 * installs the package, even in a fresh clone where `dist/` is not built yet. It runs the built CLI, or says how to
 * build it.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/bin.js', import.meta.url);

if (existsSync(cli)) {
  await import(cli.href);
} else {
  process.stderr.write(
    `lambdaport: the CLI is not built (${fileURLToPath(cli)} is missing).\n` +
      'In the lambdaport repository, run `npm run build` (tsc -b) at its root, then try again.\n',
  );
  process.exitCode = 1;
}
