/** The table of a schema's fields (a function's input or output, an event's detail), as every page shows it. */
import type { Block } from '../blocks.js';
import type { FieldRow } from '../fields.js';

/**
 * A table block of field rows: field, type, required, constraints, description, example.
 *
 * @example
 * blocks.push(fieldTable(fieldRows(contract.inputSchema)));
 */
export function fieldTable(rows: readonly FieldRow[]): Block {
  return {
    kind: 'table',
    head: ['field', 'type', 'required', 'constraints', 'description', 'example'],
    rows: rows.map((row) => [
      [{ code: row.field === '' ? '(the value)' : row.field }],
      [row.type],
      [row.required ? 'yes' : 'no'],
      [row.constraints.join(', ')],
      [row.description ?? ''],
      row.example === undefined ? [] : [{ code: JSON.stringify(row.example.value) }],
    ]),
  };
}
