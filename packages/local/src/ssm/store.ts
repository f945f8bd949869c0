/**
 * The parameters, in memory, each with its versions (up to 100), optionally persisted as one JSON file (written
 * atomically: temp file + rename). The file is checked when the store opens (`state-file.ts`).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MAX_VERSIONS, type StoredParameter } from './parameter.js';
import { readStateFile, toStateFile } from './state-file.js';

export type { ParameterType, StoredParameter } from './parameter.js';

/**
 * A map of parameters by name, each with its versions (oldest first), with an optional file behind it. Reads are
 * synchronous; every mutation returns a promise that settles when the file holds it.
 *
 * @example
 * const store = await ParameterStore.open('/srv/records/.lambdaport/ssm.json');
 * await store.addVersion({ name: '/a', type: 'String', value: 'x', version: 1, ... });
 * store.getVersion('/a', 1)?.value; // 'x'
 */
export class ParameterStore {
  readonly #parameters = new Map<string, StoredParameter[]>();
  readonly #file: string | undefined;
  #saving: Promise<void> = Promise.resolve();
  #dirty = false;

  private constructor(file: string | undefined) {
    this.#file = file;
  }

  /**
   * Opens the store: reads and checks `file` when it exists (a format-1 file of an earlier version is read too); no
   * file means memory only. Rejects with a message naming the file and the bad entry.
   */
  static async open(file?: string): Promise<ParameterStore> {
    const store = new ParameterStore(file);
    if (file === undefined) return store;
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return store;
      throw error;
    }
    for (const [name, versions] of readStateFile(text, file)) store.#parameters.set(name, versions);
    return store;
  }

  /** The latest version of a parameter. */
  get(name: string): StoredParameter | undefined {
    return this.#parameters.get(name)?.at(-1);
  }

  /** One version of a parameter, while it is among the versions kept. */
  getVersion(name: string, version: number): StoredParameter | undefined {
    return this.#parameters.get(name)?.find((parameter) => parameter.version === version);
  }

  /** Every version kept of a parameter, oldest first (empty when there is no such parameter). */
  history(name: string): readonly StoredParameter[] {
    return this.#parameters.get(name) ?? [];
  }

  /** The latest version of every parameter, sorted by name. */
  list(): StoredParameter[] {
    return [...this.#parameters.values()]
      .map((versions) => versions.at(-1)!)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Adds a version (its number is the caller's); past {@link MAX_VERSIONS}, the oldest is dropped. */
  addVersion(parameter: StoredParameter): Promise<void> {
    const versions = this.#parameters.get(parameter.name) ?? [];
    versions.push(parameter);
    if (versions.length > MAX_VERSIONS) versions.splice(0, versions.length - MAX_VERSIONS);
    this.#parameters.set(parameter.name, versions);
    return this.#persist();
  }

  /** Deletes a parameter with all its versions; resolves false when there was none. */
  delete(name: string): Promise<boolean> {
    const existed = this.#parameters.delete(name);
    return existed ? this.#persist().then(() => true) : Promise.resolve(false);
  }

  /** Settles when every mutation so far is on disk. */
  flush(): Promise<void> {
    return this.#saving;
  }

  #persist(): Promise<void> {
    const file = this.#file;
    if (file === undefined) return Promise.resolve();
    this.#dirty = true;
    // Writes are serialised; one write covers every mutation made before it started.
    this.#saving = this.#saving
      .catch(() => undefined)
      .then(async () => {
        if (!this.#dirty) return;
        this.#dirty = false;
        const state = toStateFile(this.#parameters.values());
        await mkdir(path.dirname(file), { recursive: true });
        const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
        try {
          await writeFile(temp, `${JSON.stringify(state, null, 2)}\n`);
          await rename(temp, file);
        } catch (error) {
          await rm(temp, { force: true });
          throw error;
        }
      });
    return this.#saving;
  }
}
