/** What the machine is and how busy it is: quoted with every result, since the machine is shared and noisy. */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { processTree, sleep } from './processes.mjs';

/** Static facts of the machine and the runtime. */
export function machineInfo() {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    platform: `${os.platform()} ${os.release()}`,
    node: process.version,
    loadAverage: os.loadavg().map((v) => Math.round(v * 100) / 100),
  };
}

/** CPU ticks used so far by every process, keyed by pid. */
function cpuTicks() {
  /** @type {Map<number, { ticks: number, comm: string }>} */
  const ticks = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      ticks.set(Number(entry), { ticks: Number(fields[11]) + Number(fields[12]), comm });
    } catch {
      // gone meanwhile
    }
  }
  return ticks;
}

/** @param {number} pid @param {string} comm the short name, when the command line is gone or empty */
function commandLine(pid, comm) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim().slice(0, 140) || `[${comm}]`;
  } catch {
    return `[${comm}] (exited)`;
  }
}

/**
 * The processes (other than the bench's own) that used the most CPU over a short window, in % of one core.
 * @param {number} [windowMs]
 * @param {number} [limit]
 */
export async function busyProcesses(windowMs = 1_000, limit = 6) {
  const hz = 100;
  const before = cpuTicks();
  await sleep(windowMs);
  const after = cpuTicks();
  const ours = new Set(processTree(process.pid));
  return [...after]
    .filter(([pid]) => !ours.has(pid))
    .map(([pid, { ticks, comm }]) => ({
      pid,
      comm,
      cpu: ((ticks - (before.get(pid)?.ticks ?? ticks)) / hz / (windowMs / 1000)) * 100,
    }))
    .filter((p) => p.cpu >= 1)
    .sort((a, b) => b.cpu - a.cpu)
    .slice(0, limit)
    .map((p) => ({ cpuPercent: Math.round(p.cpu), command: commandLine(p.pid, p.comm) }));
}

/** A snapshot of load: load average and what else was busy. */
export async function loadSnapshot() {
  return {
    at: new Date().toISOString(),
    loadAverage: os.loadavg().map((v) => Math.round(v * 100) / 100),
    busy: await busyProcesses(),
  };
}

/**
 * Which code was measured: the commit, and the package sources that differed from it (other sessions may be editing
 * and rebuilding while the bench runs; the built dist is what runs).
 * @param {string} repoDir
 */
export function codeInfo(repoDir) {
  const git = (/** @type {string[]} */ args) => {
    try {
      return execFileSync('git', args, {
        cwd: repoDir,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trimEnd();
    } catch {
      return '';
    }
  };
  const dirty = git(['status', '--porcelain', '--', 'packages', 'examples'])
    .split('\n')
    .filter(Boolean)
    .map((line) => line.slice(3));
  return { commit: git(['rev-parse', '--short', 'HEAD']), uncommittedSources: dirty };
}
