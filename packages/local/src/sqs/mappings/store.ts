/**
 * The mappings of the runtime, in memory; those made through the Lambda API are written to
 * `<state>/sqs/event-source-mappings.json` after each change (temp file, fsync, rename) and read back at start.
 * Those made from a config are not written: the config makes them again at every start.
 */
import path from 'node:path';
import { readStateFile, writeStateFile } from '../../state/json-file.js';
import type { Mapping } from './model.js';

const FORMAT = 'lambdaport-event-source-mappings/1';

interface StateFile {
  readonly format: typeof FORMAT;
  readonly mappings: readonly Omit<Mapping, 'origin'>[];
}

/** The file could not be read as this store's: named, with what to do; nothing is changed. */
export class MappingStateError extends Error {
  constructor(file: string, problem: string) {
    super(
      `${file}: ${problem}. Move it aside (mv ${path.basename(file)} ${path.basename(file)}.damaged) to start ` +
        'without the event source mappings made through the API, or fix it.',
    );
    this.name = 'MappingStateError';
  }
}

/**
 * The store. `file` undefined keeps everything in memory (`--ephemeral`).
 *
 * @example
 * const store = MappingStore.open('/srv/orders/.lambdaport/sqs/event-source-mappings.json');
 * store.list().filter((m) => m.enabled);
 */
export class MappingStore {
  private readonly mappings = new Map<string, Mapping>();
  private writing: Promise<void> = Promise.resolve();

  private constructor(private readonly file: string | undefined) {}

  static open(file: string | undefined): MappingStore {
    const store = new MappingStore(file);
    if (file === undefined) return store;
    const parsed = readStateFile<StateFile>(file, FORMAT, 'mappings', (why) => new MappingStateError(file, why));
    if (parsed === undefined) return store;
    for (const mapping of parsed.mappings) {
      if (typeof mapping?.uuid !== 'string' || typeof mapping.eventSourceArn !== 'string') {
        throw new MappingStateError(file, 'a mapping without uuid or eventSourceArn');
      }
      store.mappings.set(mapping.uuid, { ...mapping, origin: { kind: 'api' } });
    }
    return store;
  }

  get(uuid: string): Mapping | undefined {
    return this.mappings.get(uuid);
  }

  /** Every mapping, oldest first. */
  list(): Mapping[] {
    return [...this.mappings.values()];
  }

  /** Adds or replaces a mapping; resolves once an API-made one is on disk. */
  put(mapping: Mapping): Promise<void> {
    this.mappings.set(mapping.uuid, mapping);
    return mapping.origin.kind === 'api' ? this.save() : Promise.resolve();
  }

  delete(uuid: string): Promise<void> {
    const mapping = this.mappings.get(uuid);
    this.mappings.delete(uuid);
    return mapping?.origin.kind === 'api' ? this.save() : Promise.resolve();
  }

  /** Resolves when the writes asked for so far are done. */
  settled(): Promise<void> {
    return this.writing;
  }

  private save(): Promise<void> {
    const file = this.file;
    if (file === undefined) return Promise.resolve();
    const next = this.writing.then(() => this.write(file));
    this.writing = next.catch(() => {});
    return next;
  }

  private async write(file: string): Promise<void> {
    const state: StateFile = {
      format: FORMAT,
      mappings: this.list()
        .filter((m) => m.origin.kind === 'api')
        .map(({ origin: _origin, ...rest }) => rest),
    };
    await writeStateFile(file, state);
  }
}
