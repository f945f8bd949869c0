/**
 * `lambdaport --help | head -1`: a reader that went away before the output was written. The command stops quietly
 * (exit 0, nothing on stderr) instead of dying of an unhandled EPIPE with a stack.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENV } from './helpers.js';

const LAUNCHER = path.resolve(import.meta.dirname, '../bin/lambdaport.js');

/** Runs the command with its stdout's reader closed before it writes anything. */
function runWithClosedStdout(args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [LAUNCHER, ...args], { env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    // the read end closes now: the child's first write to stdout fails with EPIPE
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('writing to a closed pipe', () => {
  it.each([['--help'], ['dev', '--help'], ['invoke', '--help'], ['--version']])(
    'lambdaport %s with the reader gone exits 0 without a stack',
    async (...args) => {
      const ran = await runWithClosedStdout(args);

      expect(ran.stderr).toBe('');
      expect(ran.code).toBe(0);
    },
  );
});
