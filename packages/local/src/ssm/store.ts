/**
 * The parameters, in memory, optionally persisted as one JSON file (written atomically: temp file + rename).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The types Parameter Store knows. */
export type ParameterType = 'String' | 'StringList' | 'SecureString';

/** One stored parameter (its latest version). */
export interface StoredParameter {
  readonly name: string;
  readonly type: ParameterType;
  readonly value: string;
  readonly version: number;
  /** Epoch milliseconds. */
  readonly lastModified: number;
  readonly dataType: string;
  readonly description: string | undefined;
}

interface StateFile {
  readonly format: 'lambdaport-ssm/1';
  readonly parameters: readonly StoredParameter[];
}

/**
 * A map of parameters by name, with an optional file behind it. Reads are synchronous; every mutation
 * returns a promise that settles when the file holds it.
 *
 * @example
 * const store = await ParameterStore.open('/srv/records/.lambdaport/ssm.json');
 * await store.set({ name: '/a', type: 'String', value: 'x', ... });
 */
export class ParameterStore {
  readonly #parameters = new Map<string, StoredParameter>();
  readonly #file: string | undefined;
  #saving: Promise<void> = Promise.resolve();
  #dirty = false;

  private constructor(file: string | undefined) {
    this.#file = file;
  }

  /** Opens the store: reads `file` when it exists; no file means memory only. */
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
    let state: StateFile;
    try {
      state = JSON.parse(text) as StateFile;
      if (state.format !== 'lambdaport-ssm/1' || !Array.isArray(state.parameters)) throw new Error('unknown format');
    } catch (error) {
      throw new Error(
        `${file}: not a lambdaport SSM state file (${(error as Error).message}); delete it or run with --ephemeral`,
      );
    }
    for (const parameter of state.parameters) store.#parameters.set(parameter.name, parameter);
    return store;
  }

  get(name: string): StoredParameter | undefined {
    return this.#parameters.get(name);
  }

  /** All parameters, sorted by name. */
  list(): StoredParameter[] {
    return [...this.#parameters.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  set(parameter: StoredParameter): Promise<void> {
    this.#parameters.set(parameter.name, parameter);
    return this.#persist();
  }

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
        const state: StateFile = { format: 'lambdaport-ssm/1', parameters: this.list() };
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
