/**
 * The check of a DynamoDB state folder at start: every entry of the LevelDB store is read once, in key order, and
 * decoded. This makes LevelDB read every block of every table file the store uses (a damaged block, a file that is not
 * a table, a bad compressed block all fail the read) and decodes every value as JSON; table entries must describe a
 * table. A store that fails is refused at start instead of failing (or silently losing items) request by request.
 */

/** The iterator of the LevelDB database (abstract-level), as far as the check uses it. */
export interface CheckedDb {
  iterator(): { nextv(size: number): Promise<[string, unknown][]>; close(): Promise<void> };
}

/** What the check read. */
export interface StoreCheck {
  readonly entries: number;
  readonly tables: number;
}

/** A table entry dynalite can use: an object with a status and a key schema. */
function isTable(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const table = value as { TableStatus?: unknown; KeySchema?: unknown };
  return typeof table.TableStatus === 'string' && Array.isArray(table.KeySchema);
}

/**
 * Reads every entry of the store. Rejects with LevelDB's error (corruption, I/O) or, for an entry under `table~` that
 * does not describe a table, with an error whose `code` is `LEVEL_CORRUPTION`.
 *
 * @example
 * const { entries } = await checkStore(db); // rejects if any block or value cannot be read
 */
export async function checkStore(db: CheckedDb): Promise<StoreCheck> {
  let entries = 0;
  let tables = 0;
  const iterator = db.iterator();
  try {
    for (;;) {
      const batch = await iterator.nextv(1000);
      if (batch.length === 0) break;
      for (const [key, value] of batch) {
        entries++;
        if (!key.startsWith('table~')) continue;
        if (!isTable(value)) {
          throw Object.assign(new Error(`Corruption: the entry of table ${key.slice(6)} does not describe a table`), {
            code: 'LEVEL_CORRUPTION',
          });
        }
        tables++;
      }
    }
  } finally {
    await iterator.close().catch(() => undefined);
  }
  return { entries, tables };
}
