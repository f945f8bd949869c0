/**
 * The checks that need the file system: every path a config names (handlers, bootstraps, contracts of functions and
 * events, seeds) lies inside the service dir, symbolic links resolved, and exists; a bootstrap is executable; a seed
 * holds items.
 */
import { accessSync, constants, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { BOOTSTRAP_PATTERN, EXPORT_REF_PATTERN, isProvided } from '../schema/index.js';
import type { PendingIssue } from './issues.js';

type Plain = Record<string, unknown>;

function isPlain(value: unknown): value is Plain {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The file-system issues of a config (as loaded, perhaps invalid: only values of the right form are checked), with
 * relative paths resolved against `dir`.
 */
export function fileIssues(raw: unknown, dir: string): PendingIssue[] {
  const issues: PendingIssue[] = [];
  if (!isPlain(raw)) return issues;
  const files = new Files(dir, issues);
  if (isPlain(raw.functions)) {
    for (const [name, fn] of Object.entries(raw.functions)) {
      if (!isPlain(fn)) continue;
      const provided = isProvided(fn.runtime);
      const at = ['functions', name];
      files.handler([...at, 'handler'], fn.handler, provided);
      files.contract([...at, 'contract'], fn.contract);
      if (!isPlain(fn.versions)) continue;
      for (const [major, older] of Object.entries(fn.versions)) {
        if (!isPlain(older)) continue;
        files.handler([...at, 'versions', major, 'handler'], older.handler, provided);
        files.contract([...at, 'versions', major, 'contract'], older.contract);
      }
    }
  }
  if (isPlain(raw.events)) {
    for (const [name, event] of Object.entries(raw.events)) {
      if (isPlain(event)) files.contract(['events', name, 'contract'], event.contract);
    }
  }
  if (isPlain(raw.tables)) {
    for (const [name, table] of Object.entries(raw.tables)) {
      if (isPlain(table)) files.seed(['tables', name, 'seed'], table.seed, keyNames(table));
    }
  }
  return issues;
}

/** The names of a table's key attributes, as far as they are given. */
function keyNames(table: Plain): string[] {
  return [table.partitionKey, table.sortKey].flatMap((key) =>
    isPlain(key) && typeof key.name === 'string' ? [key.name] : [],
  );
}

class Files {
  private readonly realDir: string;

  constructor(
    private readonly dir: string,
    private readonly issues: PendingIssue[],
  ) {
    this.realDir = realOrSelf(dir);
  }

  handler(at: PropertyKey[], value: unknown, provided: boolean): void {
    if (typeof value !== 'string') return;
    if (provided) {
      if (!BOOTSTRAP_PATTERN.test(value)) return;
      const file = this.inside(at, 'bootstrap', value);
      if (file === undefined) return;
      if (!isExecutable(file)) this.add(at, `bootstrap file ${value} is not executable (chmod +x ${value})`);
      return;
    }
    if (!EXPORT_REF_PATTERN.test(value)) return;
    this.inside(at, 'handler', value.slice(0, value.lastIndexOf('#')));
  }

  contract(at: PropertyKey[], value: unknown): void {
    if (typeof value !== 'string' || !EXPORT_REF_PATTERN.test(value)) return;
    this.inside(at, 'contract', value.slice(0, value.lastIndexOf('#')));
  }

  seed(at: PropertyKey[], value: unknown, keys: readonly string[]): void {
    if (typeof value !== 'string') return;
    const file = this.inside(at, 'seed', value);
    if (file === undefined) return;
    let items: unknown;
    try {
      items = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    } catch (error) {
      this.add(at, `seed file ${value} is not valid JSON: ${(error as Error).message}`);
      return;
    }
    if (!Array.isArray(items)) {
      const got = isPlain(items) ? 'an object' : JSON.stringify(items);
      this.add(at, `seed file ${value}: expected a JSON array of items, got ${got}`);
      return;
    }
    items.forEach((item: unknown, index) => {
      if (!isPlain(item)) {
        const got = Array.isArray(item) ? 'an array' : JSON.stringify(item);
        this.add(at, `seed file ${value}: item ${index}: expected an object, got ${got}`);
        return;
      }
      for (const key of keys) {
        if (!(key in item)) {
          this.add(at, `seed file ${value}: item ${index}: expected the key attribute ${JSON.stringify(key)}`);
        }
      }
    });
  }

  /**
   * The absolute path of `relative` when it names an existing file inside the service dir (after following symbolic
   * links); else records why not (as `<what> file <relative> ...`) and returns undefined.
   */
  private inside(at: PropertyKey[], what: string, relative: string): string | undefined {
    if (path.isAbsolute(relative)) {
      this.add(at, `${what} file ${relative} is an absolute path; expected a path inside the service dir ${this.dir}`);
      return undefined;
    }
    const absolute = path.resolve(this.dir, relative);
    if (!isWithin(this.dir, absolute)) {
      this.add(at, `${what} file ${relative} is outside the service dir ${this.dir}; expected a path inside it`);
      return undefined;
    }
    if (!isFile(absolute)) {
      this.add(at, `${what} file ${relative} not found in ${this.dir}`);
      return undefined;
    }
    const real = realOrSelf(absolute);
    if (!isWithin(this.realDir, real)) {
      this.add(
        at,
        `${what} file ${relative} is a link to ${real}, outside the service dir ${this.dir}; expected a file inside it`,
      );
      return undefined;
    }
    return absolute;
  }

  private add(at: PropertyKey[], message: string): void {
    this.issues.push({ path: at, message });
  }
}

function isWithin(dir: string, file: string): boolean {
  const relative = path.relative(dir, file);
  return relative !== '' && !relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative);
}

function realOrSelf(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
