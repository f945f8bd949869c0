/**
 * `<state>/sqs/queues.json`: the queues and their attributes (their messages are in one log per queue), written
 * whole after each change (temp file, fsync, rename: a crash leaves the old file or the new one) before the API
 * answers, read back at start.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import path from 'node:path';
import { syncDir } from '../../lambda/async/log-file.js';

const FORMAT = 'lambdaport-sqs/1';
/** The file's name in the SQS folder. */
export const QUEUES_FILE = 'queues.json';

/** One queue as the file keeps it. */
export interface StoredQueue {
  readonly name: string;
  /** Its URL when it was created (answers use the host each client reached). */
  readonly url: string;
  /** Its attributes as set (`RedrivePolicy` names its dead-letter queue by ARN). */
  readonly attributes: Readonly<Record<string, string>>;
  /** Epoch seconds. */
  readonly createdAt: number;
  readonly lastModifiedAt: number;
}

interface QueuesFile {
  readonly format: typeof FORMAT;
  readonly queues: readonly StoredQueue[];
}

/** The file could not be read as ours: named, with what to do; nothing is changed. */
export class SqsStateError extends Error {
  override readonly name = 'SqsStateError';
  constructor(file: string, problem: string) {
    super(
      `${file}: ${problem}. Nothing was changed and nothing was started. Move it aside ` +
        `(mv '${file}' '${file}.damaged') to start without the queues it lists (their logs stay, unused), or fix it.`,
    );
  }
}

/** The queues the file lists; none when it does not exist. */
export function readQueuesFile(file: string): StoredQueue[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  let parsed: QueuesFile;
  try {
    parsed = JSON.parse(text) as QueuesFile;
  } catch (error) {
    throw new SqsStateError(file, `not JSON (${(error as Error).message})`);
  }
  if (parsed?.format !== FORMAT || !Array.isArray(parsed.queues)) {
    throw new SqsStateError(file, `not a ${FORMAT} file`);
  }
  for (const [i, queue] of parsed.queues.entries()) {
    if (typeof queue?.name !== 'string' || typeof queue.attributes !== 'object' || queue.attributes === null) {
      throw new SqsStateError(file, `queues[${i}] lacks its name or attributes`);
    }
  }
  return [...parsed.queues];
}

/** Writes the file whole (temp file, fsync, rename, folder fsync). */
export async function writeQueuesFile(file: string, queues: readonly StoredQueue[]): Promise<void> {
  const state: QueuesFile = { format: FORMAT, queues };
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.tmp`;
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(`${JSON.stringify(state, null, 2)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, file);
  syncDir(path.dirname(file));
}
