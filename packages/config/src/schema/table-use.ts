/**
 * The rule tying functions to tables: a function's `tables` and `{ table }` references name tables of its service,
 * and a `{ table }` reference needs the access declared.
 */
import type { z } from 'zod';

type Plain = Record<string, unknown>;

function isPlain(value: unknown): value is Plain {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The service's tables, listed for a message. */
function listed(tables: readonly string[]): string {
  return tables.length === 0 ? 'it has no tables' : `its tables: ${tables.join(', ')}`;
}

/**
 * Checks, over a parsed (perhaps partly invalid) config, that each function's `tables` keys and each `{ table }` in
 * its environments (and its older majors') name a table of the service, and that a referenced table is declared in
 * the function's `tables`.
 */
export function checkTableUse(config: Plain, ctx: z.RefinementCtx): void {
  if (!isPlain(config.functions)) return;
  const tables = isPlain(config.tables) ? Object.keys(config.tables) : [];
  for (const [name, fn] of Object.entries(config.functions)) {
    if (!isPlain(fn)) continue;
    const declared = isPlain(fn.tables) ? fn.tables : {};
    for (const table of Object.keys(declared)) {
      if (!tables.includes(table)) {
        ctx.addIssue({
          code: 'custom',
          path: ['functions', name, 'tables', table],
          input: table,
          message: `${JSON.stringify(table)} is not a table of this service (${listed(tables)})`,
        });
      }
    }
    const environments: [readonly PropertyKey[], unknown][] = [[['functions', name, 'environment'], fn.environment]];
    if (isPlain(fn.versions)) {
      for (const [major, older] of Object.entries(fn.versions)) {
        if (isPlain(older))
          environments.push([['functions', name, 'versions', major, 'environment'], older.environment]);
      }
    }
    for (const [at, environment] of environments) {
      if (!isPlain(environment)) continue;
      for (const [variable, value] of Object.entries(environment)) {
        if (!isPlain(value) || typeof value.table !== 'string') continue;
        const table = value.table;
        const path = [...at, variable];
        if (!tables.includes(table)) {
          ctx.addIssue({
            code: 'custom',
            path,
            input: value,
            message: `${JSON.stringify(table)} is not a table of this service (${listed(tables)})`,
          });
        } else if (!(table in declared)) {
          ctx.addIssue({
            code: 'custom',
            path,
            input: value,
            message: `the function does not declare access to table ${JSON.stringify(table)}: add tables: { ${table}: 'read' } (or 'read-write') to functions.${name}`,
          });
        }
      }
    }
  }
}
