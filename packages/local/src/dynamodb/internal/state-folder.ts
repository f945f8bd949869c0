/**
 * The DynamoDB state folder (LevelDB) before and while it is used: whether it may be opened, how a store that
 * cannot be read is reported, and how to recover. Nothing here deletes anything: LevelDB left to itself would (a folder
 * whose CURRENT file is gone is opened as a new, empty store, and the old table files are removed as obsolete).
 */
import { readdirSync } from 'node:fs';
import { classifyStoreError } from './store-guard.js';

/** How to open a folder: as a new store (empty or absent folder) or as the existing store it holds. */
export type FolderState = 'new' | 'existing';

/** A state folder that must not be opened, or failed to open; the message says why and how to recover. */
export class StateFolderError extends Error {
  override readonly name = 'StateFolderError';
}

/** LevelDB's data files: tables, write-ahead logs, manifests (not `LOCK`, `LOG`, `LOG.old`). */
const DATA_FILE = /^(\d+\.(ldb|sst|log)|MANIFEST-\d+)$/;

/** How to get going again with a state folder that cannot be used. */
export function recoveryHint(folder: string): string {
  return `Delete ${folder} to start with empty tables (they are created and seeded again), or keep it for later and start with --state <another folder> (or --ephemeral).`;
}

/** The first line of a LevelDB error, found in the error or its causes. */
export function storeCause(error: unknown): string {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 5; cause = cause.cause, depth++) {
    const code = (cause as { code?: unknown }).code;
    if (code !== 'LEVEL_DATABASE_NOT_OPEN') return cause.message.split('\n')[0]!;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Looks at the folder before LevelDB opens it. Refuses (throws {@link StateFolderError}) a folder holding table files
 * without the CURRENT file that names their manifest: LevelDB would start an empty store over it and delete them.
 *
 * @example
 * const state = inspectStateFolder('/srv/app/.lambdaport/dynamodb'); // 'new' | 'existing'
 * await db.open({ createIfMissing: state === 'new' });
 */
export function inspectStateFolder(folder: string): FolderState {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'new';
    throw new StateFolderError(`Cannot read the DynamoDB state in ${folder}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (names.includes('CURRENT')) return 'existing';
  const data = names.filter((name) => DATA_FILE.test(name));
  if (data.length === 0) return 'new';
  throw new StateFolderError(
    `The DynamoDB state in ${folder} has data files (${data.slice(0, 3).join(', ')}${data.length > 3 ? ', ...' : ''}) but no CURRENT file, which names the store's manifest: ` +
      'opening it would start an empty store and delete those files, so it is left as it is. ' +
      `Restore ${folder}/CURRENT from a backup. Otherwise: ${recoveryHint(folder)}`,
  );
}

/** The error a failed open becomes: a held lock, a corrupt store, or another reason, each with what to do. */
export function openError(folder: string, error: unknown): StateFolderError {
  const locked = hasCode(error, 'LEVEL_LOCKED');
  if (locked) {
    return new StateFolderError(
      `Cannot open the DynamoDB state in ${folder}: another process holds its lock (is another lambdaport dev using this state folder?). Stop it, or use --state DIR or --ephemeral.`,
      { cause: error },
    );
  }
  if (classifyStoreError(error) === 'corrupt') return corruptStateError(folder, error);
  return new StateFolderError(
    `Cannot open the DynamoDB state in ${folder}: ${storeCause(error)}. ${recoveryHint(folder)}`,
    { cause: error },
  );
}

/** The store was read and is damaged: lambdaport dev does not start on it. */
export function corruptStateError(folder: string, error: unknown): StateFolderError {
  return new StateFolderError(
    `The DynamoDB state in ${folder} is corrupt (${storeCause(error)}), so lambdaport dev does not start on it. ${recoveryHint(folder)}`,
    { cause: error },
  );
}

function hasCode(error: unknown, code: string): boolean {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 5; cause = cause.cause, depth++) {
    if ((cause as { code?: unknown }).code === code) return true;
  }
  return false;
}
