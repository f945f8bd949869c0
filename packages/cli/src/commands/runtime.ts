/**
 * `lambdaport runtime install <runtime>` and `lambdaport runtime list`: the Node versions Lambda runs
 * (`nodejs22.x`, `nodejs24.x`), installed from the npm registry (the package `node-<platform>-<arch>@<major>`) into
 * lambdaport's runtime cache, where `lambdaport dev` finds them for functions whose config names that runtime.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import {
  cachedNode,
  checkNodeBinary,
  findNode,
  NODE_RUNTIMES,
  type NodeBinary,
  nodePackageName,
  nodeVariable,
  runtimeCacheDir,
} from '@lambdaport/local';
import pc from 'picocolors';

/** Options of `runtime install`. */
export interface RuntimeInstallOptions {
  /** Install again even when the cache holds that Node already. */
  readonly force?: boolean | undefined;
}

const err = (text: string): boolean => process.stderr.write(text);

/**
 * Installs Node for a Lambda runtime into the runtime cache (`npm install --prefix <cache>/<runtime>
 * node-<platform>-<arch>@<major>`); resolves with the exit code.
 *
 * @example
 * process.exitCode = await runtimeInstallCommand('nodejs22.x', {});
 */
export async function runtimeInstallCommand(runtime: string, options: RuntimeInstallOptions): Promise<number> {
  if (!(NODE_RUNTIMES as readonly string[]).includes(runtime)) {
    err(`${pc.red('error')} unknown runtime '${runtime}': expected one of ${NODE_RUNTIMES.join(', ')}\n`);
    return 1;
  }
  const major = Number(/^nodejs(\d+)\.x$/.exec(runtime)?.[1]);
  const { prefix, executable } = cachedNode(runtime);
  const node: NodeBinary = { path: executable, major, runtime, source: 'cache', version: undefined };
  if (existsSync(executable) && !options.force) {
    try {
      const checked = await checkNodeBinary(node);
      process.stdout.write(`${runtime}: Node ${checked.version} is installed already (${executable})\n`);
      return 0;
    } catch {
      // broken: install again
    }
  }
  const spec = `${nodePackageName()}@${major}`;
  const args = ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--no-save', spec];
  err(`installing ${spec} from the npm registry into ${prefix}\n`);
  mkdirSync(prefix, { recursive: true });
  const code = await runNpm(args);
  if (code !== 0) {
    err(`${pc.red('error')} npm ${args.join(' ')} failed (exit ${code})\n`);
    return 1;
  }
  try {
    const checked = await checkNodeBinary(node);
    process.stdout.write(`${runtime}: installed Node ${checked.version} (${executable})\n`);
    return 0;
  } catch (error) {
    err(`${pc.red('error')} installed, but ${(error as Error).message}\n`);
    return 1;
  }
}

/**
 * Lists each Lambda Node runtime: the Node lambdaport would run it on (and where that was found), or how to get it.
 * Exit code 0.
 *
 * @example
 * process.exitCode = await runtimeListCommand();
 */
export async function runtimeListCommand(): Promise<number> {
  const out = (text: string): boolean => process.stdout.write(text);
  for (const runtime of NODE_RUNTIMES) {
    const found = findNode(runtime);
    if ('missing' in found) {
      out(`${runtime}  not installed: lambdaport runtime install ${runtime} (or set ${nodeVariable(found.major)})\n`);
      continue;
    }
    const where = { host: 'the Node running lambdaport', env: nodeVariable(found.major), cache: 'runtime cache' };
    try {
      const checked = await checkNodeBinary(found);
      out(`${runtime}  Node ${checked.version}  ${checked.path}  (${where[checked.source]})\n`);
    } catch (error) {
      out(`${runtime}  ${pc.red('broken')}: ${(error as Error).message}\n`);
    }
  }
  out(pc.dim(`runtime cache: ${runtimeCacheDir()}\n`));
  return 0;
}

/** Runs npm (the one on PATH) with its output on stderr; resolves with its exit code (127: not found). */
function runNpm(args: readonly string[]): Promise<number> {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  return new Promise((resolve) => {
    const child = spawn(npm, args, { stdio: ['ignore', 2, 2], shell: process.platform === 'win32' });
    child.once('error', (error) => {
      err(`${pc.red('error')} could not run npm: ${error.message}\n`);
      resolve(127);
    });
    child.once('close', (code) => resolve(code ?? 1));
  });
}
