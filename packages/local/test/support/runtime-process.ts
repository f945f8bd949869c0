/**
 * The local runtime in a child process (`runtime-host.mjs`, startLocal from `dist/`): a crash is then a dead process
 * the test can see, not an exception inside the test runner. Needs `npx tsc -b` first (npm test builds).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HOST = path.join(path.dirname(fileURLToPath(import.meta.url)), 'runtime-host.mjs');

/**
 * The fixture service the robustness tests run: `echo`, `size` (the event's size), a Function URL `web`, a table
 * `items` (key `id`, S).
 */
export const ROBUST_SERVICE = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/robust');

/** What `startLocal` gets in the child (JSON-serialisable options only). */
export interface HostOptions {
  readonly dirs: readonly string[];
  readonly state?: string;
  readonly ephemeral?: boolean;
  readonly stage?: string;
  readonly headersTimeoutMs?: number;
  readonly requestTimeoutMs?: number;
  /** Write the runtime's debug lines to stderr, marked `debug:`. */
  readonly debug?: boolean;
}

/** A runtime running in a child process. */
export interface RuntimeProcess {
  readonly child: ChildProcess;
  /** `http://127.0.0.1:PORT`, once ready. */
  readonly url: string;
  /** Everything the process wrote to stderr so far. */
  stderr(): string;
  /** True while the process has not exited. */
  alive(): boolean;
  /** Resolves when the process exits. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, then waits for the exit (SIGKILL after `ms`). */
  stop(ms?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** How a start that failed ended: the exit code and what the process said. */
export interface FailedStart {
  readonly code: number | null;
  readonly stderr: string;
}

function spawnHost(options: HostOptions, env: NodeJS.ProcessEnv) {
  const base: NodeJS.ProcessEnv = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
  delete base.LAMBDAPORT_DEBUG; // debug lines only when a test asks for them
  const child = spawn(process.execPath, [HOST, JSON.stringify(options)], {
    env: { ...base, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const ready = new Promise<string | undefined>((resolve) => {
    const check = (): void => {
      const match = /READY (\S+)\n/.exec(out);
      if (match) resolve(match[1]);
    };
    child.stdout.on('data', check);
    void exited.then(() => resolve(undefined));
  });
  return { child, exited, ready, stderr: () => err };
}

/**
 * Starts the runtime in a child process and waits until it serves (rejects, with its stderr, if it exits first).
 *
 * @example
 * const runtime = await startRuntimeProcess({ dirs: [ROBUST_SERVICE], ephemeral: true });
 * await fetch(runtime.url, { method: 'POST', ... });
 * expect(runtime.alive()).toBe(true);
 * await runtime.stop();
 */
export async function startRuntimeProcess(options: HostOptions, env: NodeJS.ProcessEnv = {}): Promise<RuntimeProcess> {
  const host = spawnHost(options, env);
  const url = await host.ready;
  if (url === undefined) throw new Error(`the runtime did not start:\n${host.stderr()}`);
  let exitCode: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  void host.exited.then((exit) => {
    exitCode = exit;
  });
  return {
    child: host.child,
    url,
    stderr: host.stderr,
    alive: () => exitCode === undefined,
    exited: host.exited,
    async stop(ms = 10_000) {
      if (exitCode !== undefined) return exitCode;
      host.child.kill('SIGTERM');
      const timer = setTimeout(() => host.child.kill('SIGKILL'), ms);
      try {
        return await host.exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/**
 * Starts the runtime in a child process expecting the start to fail; resolves with the exit code and stderr
 * (rejects if it starts serving instead, after stopping it).
 *
 * @example
 * const failed = await failedStart({ dirs: [ROBUST_SERVICE], state });
 * expect(failed.stderr).toContain('is corrupt');
 */
export async function failedStart(options: HostOptions): Promise<FailedStart> {
  const host = spawnHost(options, {});
  const url = await host.ready;
  if (url !== undefined) {
    host.child.kill('SIGTERM');
    await host.exited;
    throw new Error(`the runtime started (${url}) although it was expected to refuse:\n${host.stderr()}`);
  }
  const { code } = await host.exited;
  return { code, stderr: host.stderr() };
}
