import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from './helpers.js';

/**
 * `lambdaport runtime install|list` with a stand-in `npm` first on PATH (tests reach no registry): it records its
 * arguments and "installs" a `node` that answers the version of the package's major.
 */
const FAKE_NPM = `#!/bin/sh
echo "$@" >> "$FAKE_NPM_LOG"
prefix=""; spec=""
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix="$2"; shift 2 ;;
    --*) shift ;;
    *) spec="$1"; shift ;;
  esac
done
package="\${spec%@*}"; major="\${spec##*@}"
mkdir -p "$prefix/node_modules/$package/bin"
printf '#!/bin/sh\\necho %s.1.2\\n' "\${FAKE_NODE_MAJOR:-$major}" > "$prefix/node_modules/$package/bin/node"
chmod +x "$prefix/node_modules/$package/bin/node"
`;

describe.skipIf(process.platform === 'win32')('lambdaport runtime (install and list, npm stood in for)', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'lambdaport-runtime-'));
  const bin = path.join(work, 'bin');
  const cache = path.join(work, 'cache');
  const log = path.join(work, 'npm.log');
  mkdirSync(bin);
  writeFileSync(path.join(bin, 'npm'), FAKE_NPM);
  chmodSync(path.join(bin, 'npm'), 0o755);
  const env = {
    PATH: `${bin}${path.delimiter}${process.env.PATH}`,
    XDG_CACHE_HOME: cache,
    FAKE_NPM_LOG: log,
    LAMBDAPORT_NODE_22: undefined,
    LAMBDAPORT_NODE_24: undefined,
  };
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const hostMajor = Number(process.versions.node.split('.')[0]);
  const runtime = hostMajor === 24 ? 'nodejs22.x' : 'nodejs24.x';
  const major = runtime.slice(6, 8);
  const executable = path.join(
    cache,
    'lambdaport',
    runtime,
    'node_modules',
    `node-linux-${process.arch}`,
    'bin',
    'node',
  );

  it.skipIf(process.platform !== 'linux')(
    'install runs npm install --prefix <cache>/<runtime> node-<os>-<arch>@<major>, checks the version, and list shows it',
    async () => {
      const before = await run(['runtime', 'list'], { env });
      const installed = await run(['runtime', 'install', runtime], { env });
      const again = await run(['runtime', 'install', runtime], { env });
      const after = await run(['runtime', 'list'], { env });

      expect(before.stdout).toContain(`${runtime}  not installed: lambdaport runtime install ${runtime}`);
      expect(installed.code).toBe(0);
      expect(readFileSync(log, 'utf8').trim().split('\n')).toEqual([
        `install --prefix ${path.join(cache, 'lambdaport', runtime)} --no-audit --no-fund --no-save node-linux-${process.arch}@${major}`,
      ]);
      expect(installed.stdout).toContain(`${runtime}: installed Node ${major}.1.2 (${executable})`);
      expect(again.stdout).toContain('is installed already');
      expect(after.stdout).toContain(`${runtime}  Node ${major}.1.2  ${executable}  (runtime cache)`);
      expect(after.stdout).toContain(`runtime cache: ${path.join(cache, 'lambdaport')}`);
    },
  );

  it('install refuses an unknown runtime, and says so when the installed binary is another major', async () => {
    const unknown = await run(['runtime', 'install', 'nodejs18.x'], { env });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("unknown runtime 'nodejs18.x': expected one of nodejs22.x, nodejs24.x");

    const wrong = await run(['runtime', 'install', runtime, '--force'], { env: { ...env, FAKE_NODE_MAJOR: '19' } });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain(`is Node 19.1.2, not Node ${major}`);
  });
});
