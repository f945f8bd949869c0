/**
 * The memory of lambdaport's execution environments and spares (the processes running its Node bootstrap, not the
 * front door nor esbuild's service process), read from /proc three ways: what lambdaport's memory budget counts (each process's private memory, RssAnon +
 * RssShmem, plus the largest resident file-backed figure once: the Node binary's code, shared by all of them), the
 * sum of their PSS (the kernel's fair share of shared pages: the cross-check), and the sum of their RSS (what `ps`
 * adds up, counting the shared binary once per process). And a sampler of the first, for a whole batch of calls.
 */
import { readFileSync } from 'node:fs';
import { processTree } from './processes.mjs';

const MiB = 1024 * 1024;

/** @param {string} text @param {string} name */
function kb(text, name) {
  const at = text.indexOf(name);
  return at === -1 ? 0 : Number.parseInt(text.slice(at + name.length).trimStart(), 10) * 1024;
}

/** True for a process running lambdaport's Node bootstrap (an environment or a spare). @param {number} pid */
function isEnvironment(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'latin1').includes('bootstrap/node.cjs');
  } catch {
    return false;
  }
}

/**
 * The memory of the environments and spares among the descendants of `rootPid`, in MiB.
 * @param {number} rootPid
 * @param {{ pss?: boolean }} [options] pss: also read smaps_rollup (slower: the kernel walks each page table)
 */
export function childrenMemory(rootPid, options = {}) {
  let privateBytes = 0;
  let shared = 0;
  let rss = 0;
  let pss = 0;
  let processes = 0;
  for (const pid of processTree(rootPid).slice(1)) {
    if (!isEnvironment(pid)) continue;
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'latin1');
      privateBytes += kb(status, 'RssAnon:') + kb(status, 'RssShmem:');
      shared = Math.max(shared, kb(status, 'RssFile:'));
      rss += kb(status, 'VmRSS:');
      if (options.pss) pss += kb(readFileSync(`/proc/${pid}/smaps_rollup`, 'latin1'), 'Pss:');
      processes++;
    } catch {
      // gone meanwhile
    }
  }
  const mib = (/** @type {number} */ bytes) => Math.round((bytes / MiB) * 10) / 10;
  return {
    processes,
    /** What the budget counts. */
    budgetMiB: mib(privateBytes + shared),
    privateMiB: mib(privateBytes),
    sharedOnceMiB: mib(shared),
    ...(options.pss ? { pssMiB: mib(pss) } : {}),
    rssSumMiB: mib(rss),
  };
}

/**
 * Samples `childrenMemory(rootPid).budgetMiB` every `everyMs` until stopped; `stop()` returns the largest figure
 * and how many samples were taken.
 * @param {number} rootPid
 * @param {number} [everyMs]
 */
export function sampleBudgetMemory(rootPid, everyMs = 200) {
  let most = 0;
  let samples = 0;
  const sample = () => {
    most = Math.max(most, childrenMemory(rootPid).budgetMiB);
    samples++;
  };
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return { maxMiB: most, samples };
    },
  };
}
