/**
 * The lock at a git ref (`--against-git`), in a real repository made for the test: the lock as committed at the ref;
 * none at a ref before the lock existed; an unknown ref and a dir outside any repository refused with a clear error.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { GitRefError, LockFileError, readLockAtRef, serializeLock } from '../../../src/index.js';
import { lock } from '../../support/locks.js';

let repo: string;
const git = (...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: repo }).toString();
const locked = lock({ get: { 1: { input: z.object({ id: z.number() }) } } });

beforeAll(() => {
  repo = mkdtempSync(path.join(tmpdir(), 'lambdaport-git-lock-'));
  mkdirSync(path.join(repo, 'services/shop'), { recursive: true });
  git('init', '-q', '-b', 'main');
  writeFileSync(path.join(repo, 'README'), 'x\n');
  git('add', '.');
  git('commit', '-qm', 'first');
  git('tag', 'before-lock');
  writeFileSync(path.join(repo, 'services/shop/lambdaport.lock.json'), serializeLock(locked));
  git('add', '.');
  git('commit', '-qm', 'lock');
  git('tag', 'with-lock');
  writeFileSync(path.join(repo, 'services/shop/lambdaport.lock.json'), '{ not json');
  git('commit', '-qam', 'broken lock');
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe('readLockAtRef', () => {
  it('reads the lock as committed at the ref, named <ref>:<path from the repository root>', async () => {
    const { lock: at, source } = await readLockAtRef(path.join(repo, 'services/shop'), 'with-lock');

    expect(source).toBe('with-lock:services/shop/lambdaport.lock.json');
    expect(at).toEqual(locked);
  });

  it('finds no lock at a ref before it was committed (a new service)', async () => {
    const { lock: at } = await readLockAtRef(path.join(repo, 'services/shop'), 'before-lock');

    expect(at).toBeUndefined();
  });

  it('a lock at the ref that is not JSON names <ref>:<path>', async () => {
    await expect(readLockAtRef(path.join(repo, 'services/shop'), 'main')).rejects.toBeInstanceOf(LockFileError);
    await expect(readLockAtRef(path.join(repo, 'services/shop'), 'main')).rejects.toThrow(
      /^main:services\/shop\/lambdaport\.lock\.json: not JSON/,
    );
  });

  it('refuses an unknown ref, naming it', async () => {
    const failure = readLockAtRef(path.join(repo, 'services/shop'), 'no-such-branch');

    await expect(failure).rejects.toBeInstanceOf(GitRefError);
    await expect(readLockAtRef(path.join(repo, 'services/shop'), 'no-such-branch')).rejects.toThrow(
      /unknown git ref "no-such-branch"/,
    );
  });

  it('refuses a ref that looks like an option', async () => {
    await expect(readLockAtRef(path.join(repo, 'services/shop'), '--output=x')).rejects.toThrow(/invalid git ref/);
  });

  it('refuses a dir outside any git repository', async () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'lambdaport-no-git-'));
    try {
      await expect(readLockAtRef(outside, 'main')).rejects.toThrow(/is not inside a git repository/);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
