/**
 * A lock file as it was at a git ref (`lambdaport check --against-git main`): `git show <ref>:<path>`, with the
 * repository and the path found from the service dir. An unknown ref is an error; a lock file absent at that ref
 * means the service had none then (a new service).
 */
import { execFile } from 'node:child_process';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { LOCK_FILE_NAME, type ServiceLock } from './lock-file.js';
import { LockFileError, parseLock } from './read-lock.js';

/** What went wrong asking git (no repository, unknown ref, git missing). */
export class GitRefError extends Error {
  override readonly name = 'GitRefError';
}

interface Run {
  readonly ok: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

function git(cwd: string, args: readonly string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(new GitRefError('git is not installed (needed by --against-git)'));
        return;
      }
      resolve({ ok: !error, stdout, stderr });
    });
  });
}

/**
 * The lock of the service in `dir` at git ref `ref`, and the `<ref>:<path>` it was read from; `lock` is undefined
 * when the file did not exist at that ref.
 *
 * @example
 * const { lock, source } = await readLockAtRef('examples/records', 'main');
 */
export async function readLockAtRef(
  dir: string,
  ref: string,
): Promise<{ lock: ServiceLock | undefined; source: string }> {
  if (ref.startsWith('-') || ref.trim() === '') throw new GitRefError(`invalid git ref ${JSON.stringify(ref)}`);
  const absolute = await realpath(dir);
  const top = await git(absolute, ['rev-parse', '--show-toplevel']);
  if (!top.ok) throw new GitRefError(`${dir} is not inside a git repository (needed by --against-git)`);
  const root = top.stdout.trim();
  const known = await git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  if (!known.ok) {
    throw new GitRefError(`unknown git ref ${JSON.stringify(ref)} (no commit, branch or tag of that name in ${root})`);
  }
  const relative = path.relative(root, path.join(absolute, LOCK_FILE_NAME)).split(path.sep).join('/');
  const source = `${ref}:${relative}`;
  const exists = await git(root, ['cat-file', '-e', source]);
  if (!exists.ok) return { lock: undefined, source };
  const shown = await git(root, ['show', source]);
  if (!shown.ok) throw new LockFileError(source, `git show failed: ${shown.stderr.trim()}`);
  return { lock: parseLock(shown.stdout, source), source };
}
