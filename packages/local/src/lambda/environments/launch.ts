/**
 * Starting the OS process of an execution environment: a pre-booted spare when one fits (Node), else a new
 * process (`node … node.cjs`, or a `provided` bootstrap), always in its own process group. Its output is read as
 * lines, and its end is reported once the pipes have been read.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import type { NodeCode, ProvidedCode } from '../../build/types.js';
import type { LocalFunction } from '../types.js';
import { LineSplitter } from './line-splitter.js';
import type { NodeBinary } from './node-binaries.js';
import { NODE_BOOTSTRAP, nodeArgs } from './node-command.js';
import { killGroup } from './process-group.js';
import { Spares } from './spares.js';

/** What V8 writes to stderr when the heap cap is reached. */
const OUT_OF_MEMORY = 'JavaScript heap out of memory';

/** How long the pipes may take to be read after the process exited (the last lines may say why it ended). */
const DRAIN_MS = 100;

/** What to start. */
export interface LaunchSpec {
  readonly fn: LocalFunction;
  readonly code: NodeCode | ProvidedCode;
  /** The complete environment of the process. */
  readonly env: Readonly<Record<string, string>>;
  /** The `node` that runs Node code. */
  readonly node: NodeBinary;
  /** Pre-booted Node processes to take one from; undefined: always spawn. */
  readonly spares: Spares | undefined;
}

/** What the launcher reports about the process. */
export interface ProcessWatcher {
  /** One line of its stdout or stderr (without the newline). */
  onLine(line: string): void;
  /** It ended (after its pipes were read, or 100 ms later). */
  onExit(code: number | null, signal: NodeJS.Signals | null): void;
  /** It could not be started after all (reported by Node after `launch` returned). */
  onSpawnFailed(failure: SpawnFailure): void;
}

/** Why a process could not be started: the file that was to run and the system's reason (`ENOENT`...). */
export interface SpawnFailure {
  readonly file: string;
  readonly why: string;
}

/**
 * The process of one environment.
 *
 * @example
 * const launched = launch({ fn, code, env, node, spares }, watcher);
 * if (launched instanceof RuntimeProcess) launched.kill();
 */
export class RuntimeProcess {
  /** V8 said on stderr that the heap cap was reached (the exit that follows is an out-of-memory). */
  outOfMemory = false;
  /** Resolves once the process has ended (or failed to start) and the watcher was told. */
  readonly ended: Promise<void>;
  private readonly stdout: LineSplitter;
  private readonly stderr: LineSplitter;

  constructor(
    private readonly child: ChildProcess,
    file: string,
    watcher: ProcessWatcher,
  ) {
    this.stdout = new LineSplitter((line) => watcher.onLine(line));
    this.stderr = new LineSplitter((line) => {
      if (!this.outOfMemory && line.includes(OUT_OF_MEMORY)) this.outOfMemory = true;
      watcher.onLine(line);
    });
    child.stdout?.setEncoding('utf8');
    child.stderr?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => this.stdout.push(chunk));
    child.stderr?.on('data', (chunk: string) => this.stderr.push(chunk));
    const pipesClosed = new Promise<void>((resolve) => child.once('close', () => resolve()));
    this.ended = new Promise<void>((resolve) => {
      child.on('error', (error) => {
        if (child.pid !== undefined) return; // a failed kill or write: the exit still comes
        watcher.onSpawnFailed({ file, why: (error as NodeJS.ErrnoException).code ?? String(error) });
        resolve();
      });
      child.once('exit', (code, signal) => {
        const done = (): void => {
          this.flush();
          watcher.onExit(code, signal);
          resolve();
        };
        let timer: NodeJS.Timeout | undefined = setTimeout(() => {
          timer = undefined;
          done();
        }, DRAIN_MS);
        void pipesClosed.then(() => {
          if (timer === undefined) return;
          clearTimeout(timer);
          done();
        });
      });
    });
  }

  /** The process id (undefined if it never started). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Emits the partial lines read so far (before a platform line, so the log keeps its order). */
  flush(): void {
    this.stdout.flush();
    this.stderr.flush();
  }

  /** `SIGKILL` to its process group; `ended` resolves once it is gone. */
  kill(): void {
    killGroup(this.child);
  }
}

/**
 * Starts the process of an environment: binds a waiting spare (Node, when one fits `spec.env`) or spawns one.
 * Returns the process, or why it could not be started when Node says so at once (a failure Node reports later
 * goes to `watcher.onSpawnFailed`).
 *
 * @example
 * const launched = launch({ fn, code, env, node, spares }, { onLine, onExit, onSpawnFailed });
 * if (!(launched instanceof RuntimeProcess)) console.log(launched.why);
 */
export function launch(spec: LaunchSpec, watcher: ProcessWatcher): RuntimeProcess | SpawnFailure {
  const { fn, code, env, node, spares } = spec;
  if (code.kind === 'node') {
    const spare = spares?.take(node, fn.memorySize, env);
    if (spare !== undefined) {
      const runtimeProcess = new RuntimeProcess(spare, NODE_BOOTSTRAP, watcher);
      Spares.bind(spare, { env, cwd: fn.dir, codeCacheDir: code.codeCacheDir });
      return runtimeProcess;
    }
  }
  const cacheArgs =
    code.kind === 'node' && code.codeCacheDir !== undefined ? [`--code-cache=${code.codeCacheDir}`] : [];
  const [command, args, file] =
    code.kind === 'node'
      ? [node.path, nodeArgs(fn.memorySize, cacheArgs), NODE_BOOTSTRAP]
      : [code.bootstrap, [], code.bootstrap];
  let child: ChildProcess;
  try {
    child = spawn(command, args, { cwd: fn.dir, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  } catch (error) {
    return { file, why: (error as NodeJS.ErrnoException).code ?? String(error) };
  }
  return new RuntimeProcess(child, file, watcher);
}
