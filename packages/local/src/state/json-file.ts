/**
 * The JSON files of the state folder (`events/buses.json`, `sqs/queues.json`, `sqs/event-source-mappings.json`):
 * `{ "format": "<name>/<n>", "<list>": [...] }`, written whole (temp file, fsync, rename, folder fsync: a crash leaves
 * the old file or the new one) and read back at start, where a file that is not JSON or not of its format is refused
 * (never silently emptied).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import path from 'node:path';
import { syncDir } from '../lambda/async/log-file.js';

/**
 * Reads a state file: undefined when there is none; `fail(why)` thrown when it is not JSON, not of `format`, or its
 * `list` is not an array.
 *
 * @example
 * const state = readStateFile<QueuesFile>(file, 'lambdaport-sqs/1', 'queues', (why) => new SqsStateError(file, why));
 */
export function readStateFile<T extends { readonly format: string }>(
  file: string,
  format: string,
  list: string,
  fail: (why: string) => Error,
): T | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let parsed: T;
  try {
    parsed = JSON.parse(text) as T;
  } catch (error) {
    throw fail(`not JSON (${(error as Error).message})`);
  }
  if (parsed?.format !== format || !Array.isArray((parsed as Record<string, unknown>)[list])) {
    throw fail(`not a ${format} file`);
  }
  return parsed;
}

/**
 * Writes a state file whole, atomically.
 *
 * @example
 * await writeStateFile(file, { format: 'lambdaport-sqs/1', queues });
 */
export async function writeStateFile(file: string, state: unknown): Promise<void> {
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
