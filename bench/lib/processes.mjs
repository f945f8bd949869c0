/**
 * Child processes of the bench: each tool runs in its own process group so that stopping it stops everything it
 * started, and memory is read from /proc for the whole tree.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** Environment every child gets: quiet SDKs and frameworks, no telemetry. */
export const QUIET_ENV = {
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  SLS_TELEMETRY_DISABLED: '1',
  SLS_NOTIFICATIONS_MODE: 'off',
  SLS_DEPRECATION_DISABLE: '*',
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_REGION: 'us-east-1',
  NO_COLOR: '1',
  FORCE_COLOR: '0',
};

/**
 * Starts a process in its own group and waits until `ready(line)` returns a truthy value for a line of its output.
 * @param {{ command: string, args: string[], cwd?: string, env?: Record<string, string>, ready: (line: string) => unknown, timeoutMs?: number, ipc?: boolean }} options
 */
export async function startProcess({ command, args, cwd, env, ready, timeoutMs = 60_000, ipc = false }) {
  const t0 = performance.now();
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...QUIET_ENV, ...env },
    detached: true,
    stdio: ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  /** @type {string[]} */
  const output = [];
  const proc = {
    child,
    pid: /** @type {number} */ (child.pid),
    output,
    readyValue: /** @type {unknown} */ (undefined),
  };
  const readyValue = await new Promise((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => finish(new Error(`not ready after ${timeoutMs} ms`)), timeoutMs);
    /** @param {Error | null} error @param {unknown} [value] */
    function finish(error, value) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        stopProcess(proc);
        reject(new Error(`${command} ${args.join(' ')}: ${error.message}\n${output.slice(-30).join('\n')}`));
      } else resolve(value);
    }
    /** @param {NodeJS.ReadableStream} stream */
    const watch = (stream) => {
      let buffered = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk) => {
        buffered += chunk;
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) {
          if (output.length < 2000) output.push(line);
          if (!settled) {
            const value = ready(line);
            if (value) finish(null, value);
          }
        }
      });
    };
    watch(/** @type {NodeJS.ReadableStream} */ (child.stdout));
    watch(/** @type {NodeJS.ReadableStream} */ (child.stderr));
    child.on('exit', (code, signal) => finish(new Error(`exited early (code ${code}, signal ${signal})`)));
    child.on('error', (e) => finish(e));
  });
  proc.readyValue = readyValue;
  return { ...proc, readyMs: performance.now() - t0 };
}

/**
 * Stops the process group: SIGTERM, then SIGKILL after a grace period. Resolves when the leader has exited.
 * @param {{ child: import('node:child_process').ChildProcess, pid: number }} proc
 * @param {number} [graceMs]
 */
export async function stopProcess(proc, graceMs = 3_000) {
  const { child, pid } = proc;
  const signalGroup = (/** @type {NodeJS.Signals} */ signal) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // the group is gone already
    }
  };
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    signalGroup('SIGTERM');
    const timer = setTimeout(() => signalGroup('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
  // whatever the leader left behind in its group
  signalGroup('SIGKILL');
}

/** The pids of a process and all its descendants, from /proc. @param {number} rootPid */
export function processTree(rootPid) {
  /** @type {Map<number, number[]>} */
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // gone meanwhile
    }
  }
  const pids = [rootPid];
  for (let i = 0; i < pids.length; i++) pids.push(...(children.get(/** @type {number} */ (pids[i])) ?? []));
  return pids;
}

/** Resident memory of one process in MiB (0 if gone). @param {number} pid */
export function rssMiB(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? 0);
    return Math.round((kb / 1024) * 10) / 10;
  } catch {
    return 0;
  }
}

/** Resident memory of a process and its descendants: the leader alone, the tree, and how many processes. @param {number} pid */
export function treeMemory(pid) {
  const pids = processTree(pid);
  const total = pids.reduce((sum, p) => sum + rssMiB(p), 0);
  return { leaderMiB: rssMiB(pid), treeMiB: Math.round(total * 10) / 10, processes: pids.length };
}

/** @param {number} ms */
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** CPU time (user + system, in clock ticks of 10 ms) used so far by a process and its descendants. @param {number} pid */
export function treeCpuTicks(pid) {
  let ticks = 0;
  for (const p of processTree(pid)) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone meanwhile
    }
  }
  return ticks;
}
