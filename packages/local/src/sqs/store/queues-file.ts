/**
 * `<state>/sqs/queues.json`: the queues and their attributes (their messages are in one log per queue), written
 * whole after each change (temp file, fsync, rename: a crash leaves the old file or the new one) before the API
 * answers, read back at start.
 */
import { readStateFile, writeStateFile } from '../../state/json-file.js';

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
  const parsed = readStateFile<QueuesFile>(file, FORMAT, 'queues', (why) => new SqsStateError(file, why));
  if (parsed === undefined) return [];
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
  await writeStateFile(file, state);
}
