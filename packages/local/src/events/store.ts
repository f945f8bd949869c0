/**
 * Buses, rules and targets, kept in memory and written to `<state>/events/buses.json` after each change (temp file,
 * fsync, rename), read back at start. The default bus always exists.
 */
import path from 'node:path';
import { readStateFile, writeStateFile } from '../state/json-file.js';
import { type Bus, DEFAULT_BUS, type Rule, type Target } from './model.js';
import { compilePattern } from './pattern/index.js';

const FORMAT = 'lambdaport-eventbridge/1';

interface FileRule {
  name: string;
  eventPattern?: string | undefined;
  state: 'ENABLED' | 'DISABLED';
  description?: string | undefined;
  targets: Target[];
}

interface StateFile {
  format: typeof FORMAT;
  buses: { name: string; rules: FileRule[] }[];
}

/** The file could not be read as this store's: named, with what to do; nothing is changed. */
export class EventBridgeStateError extends Error {
  constructor(file: string, problem: string) {
    super(
      `${file}: ${problem}. Move it aside (mv ${path.basename(file)} ${path.basename(file)}.damaged) to start with ` +
        'the default bus only, or fix it.',
    );
    this.name = 'EventBridgeStateError';
  }
}

/**
 * The store. `file` undefined keeps everything in memory (`--ephemeral`).
 *
 * @example
 * const store = EventBridgeStore.open('/srv/orders/.lambdaport/events/buses.json');
 * store.bus('default')?.rules.get('orders-created');
 */
export class EventBridgeStore {
  private readonly buses = new Map<string, Bus>();
  private writing: Promise<void> = Promise.resolve();

  private constructor(private readonly file: string | undefined) {
    this.buses.set(DEFAULT_BUS, { name: DEFAULT_BUS, rules: new Map() });
  }

  static open(file: string | undefined): EventBridgeStore {
    const store = new EventBridgeStore(file);
    if (file === undefined) return store;
    const parsed = readStateFile<StateFile>(file, FORMAT, 'buses', (why) => new EventBridgeStateError(file, why));
    if (parsed === undefined) return store;
    for (const bus of parsed.buses) {
      const rules = new Map<string, Rule>();
      for (const rule of bus.rules) {
        rules.set(rule.name, {
          name: rule.name,
          bus: bus.name,
          eventPattern: rule.eventPattern,
          state: rule.state,
          description: rule.description,
          matcher: rule.eventPattern === undefined ? undefined : compilePattern(rule.eventPattern),
          targets: new Map(rule.targets.map((t) => [t.Id, t])),
        });
      }
      store.buses.set(bus.name, { name: bus.name, rules });
    }
    return store;
  }

  bus(name: string): Bus | undefined {
    return this.buses.get(name);
  }

  allBuses(): Bus[] {
    return [...this.buses.values()];
  }

  addBus(name: string): Bus {
    const bus: Bus = { name, rules: new Map() };
    this.buses.set(name, bus);
    return bus;
  }

  deleteBus(name: string): void {
    this.buses.delete(name);
  }

  /** Resolves when the writes asked for so far are done (nothing is written when nothing changed). */
  settled(): Promise<void> {
    return this.writing;
  }

  /** Writes the file (one write at a time, the last state wins); resolves once it is on disk. */
  save(): Promise<void> {
    const file = this.file;
    if (file === undefined) return Promise.resolve();
    const next = this.writing.then(() => this.write(file));
    this.writing = next.catch(() => {});
    return next;
  }

  private async write(file: string): Promise<void> {
    const state: StateFile = {
      format: FORMAT,
      buses: this.allBuses().map((bus) => ({
        name: bus.name,
        rules: [...bus.rules.values()].map((rule) => ({
          name: rule.name,
          eventPattern: rule.eventPattern,
          state: rule.state,
          description: rule.description,
          targets: [...rule.targets.values()],
        })),
      })),
    };
    await writeStateFile(file, state);
  }
}
