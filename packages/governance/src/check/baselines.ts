/**
 * What each service is compared with: its committed lock file (default), a lock file given with `--against FILE`
 * (matched to its service by the `service` it names), or its lock file at a git ref (`--against-git REF`).
 */
import { readFile } from 'node:fs/promises';
import type { LoadedService } from '@lambdaport/config';
import { displayFile } from '@lambdaport/config';
import { readLockAtRef } from './lock/git-lock.js';
import { LOCK_FILE_NAME, lockFilePath, type ServiceLock } from './lock/lock-file.js';
import { LockFileError, parseLock } from './lock/read-lock.js';

/** Where the locks to compare with come from. */
export type BaselineSource =
  | { readonly kind: 'lock' }
  | { readonly kind: 'files'; readonly files: readonly string[] }
  | { readonly kind: 'git'; readonly ref: string };

/** The lock a service is compared with. */
export interface Baseline {
  readonly service: string;
  /** Where it was read: a file, or `<ref>:<path>`. */
  readonly source: string;
  /** Undefined when there was none: no lock file yet, or none at the git ref (a new service). */
  readonly lock: ServiceLock | undefined;
}

/**
 * The baseline of every service. Throws {@link LockFileError} for a lock that is not JSON or not a lock, and
 * `GitRefError` for an unknown ref.
 *
 * @example
 * const baselines = await readBaselines(services, { kind: 'git', ref: 'main' });
 */
export async function readBaselines(services: readonly LoadedService[], source: BaselineSource): Promise<Baseline[]> {
  const given = new Map<string, { lock: ServiceLock; file: string }>();
  if (source.kind === 'files') {
    for (const file of source.files) {
      const lock = parseLock(await readText(file), displayFile(file));
      if (!services.some((s) => s.service === lock.service)) {
        const names = services.map((s) => s.service).join(', ');
        throw new LockFileError(
          displayFile(file),
          `it is the lock of service ${lock.service}, which is not among the services given (${names})`,
        );
      }
      if (given.has(lock.service)) {
        throw new LockFileError(
          displayFile(file),
          `a second lock of service ${lock.service} (the first: ${given.get(lock.service)!.file})`,
        );
      }
      given.set(lock.service, { lock, file: displayFile(file) });
    }
  }
  const baselines: Baseline[] = [];
  for (const service of services) {
    const chosen = given.get(service.service);
    if (chosen !== undefined) {
      baselines.push({ service: service.service, source: chosen.file, lock: chosen.lock });
    } else if (source.kind === 'git') {
      const { lock, source: where } = await readLockAtRef(service.dir, source.ref);
      baselines.push({ service: service.service, source: where, lock });
    } else {
      const file = lockFilePath(service.dir);
      const text = await readText(file, true);
      const shown = displayFile(file);
      baselines.push({
        service: service.service,
        source: shown,
        lock: text === undefined ? undefined : parseLock(text, shown),
      });
    }
  }
  for (const baseline of baselines) {
    if (baseline.lock !== undefined && baseline.lock.service !== baseline.service) {
      throw new LockFileError(
        baseline.source,
        `service: expected ${baseline.service} (the service of this dir), got ${baseline.lock.service}: a ${LOCK_FILE_NAME} copied from another service?`,
      );
    }
  }
  return baselines;
}

async function readText(file: string, missingIsUndefined: true): Promise<string | undefined>;
async function readText(file: string): Promise<string>;
async function readText(file: string, missingIsUndefined = false): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && missingIsUndefined) return undefined;
    if (code === 'ENOENT') throw new LockFileError(displayFile(file), 'no such file', { cause: error });
    throw new LockFileError(displayFile(file), `cannot be read: ${(error as Error).message}`, { cause: error });
  }
}
