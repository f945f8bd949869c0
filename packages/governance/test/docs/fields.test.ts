import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldRows, typeOf } from '../../src/docs/fields.js';

const json = (schema: z.ZodType, io: 'input' | 'output' = 'input') =>
  z.toJSONSchema(schema, { io }) as { [key: string]: unknown };

describe('fieldRows', () => {
  it('flattens nested objects and arrays of objects, with types, required, constraints, descriptions, examples', () => {
    const schema = z.object({
      id: z.number().int().nonnegative().describe('the id'),
      status: z.enum(['open', 'closed']).default('open'),
      note: z.string().max(200).nullable().optional(),
      at: z.iso.datetime(),
      owner: z.object({
        name: z
          .string()
          .min(1)
          .meta({ examples: ['Ada'] }),
      }),
      lines: z.array(z.object({ sku: z.string().length(8), qty: z.number().int().min(1).max(99) })).min(1),
      tags: z.record(z.string(), z.number()),
    });

    const rows = fieldRows(json(schema), {
      value: { id: 7, at: '2026-01-01T00:00:00Z', owner: { name: 'Grace' }, lines: [{ sku: 'AB-12345', qty: 2 }] },
    });

    expect(
      rows.map((r) => [r.field, r.type, r.required, r.constraints.join(', '), r.description ?? '', r.example]),
    ).toEqual([
      ['id', 'integer', true, '≥ 0', 'the id', { value: 7 }],
      ['status', '"open" | "closed"', false, 'default "open"', '', undefined],
      ['note', 'string | null', false, 'length ≤ 200', '', undefined],
      ['at', 'string (date-time)', true, '', '', { value: '2026-01-01T00:00:00Z' }],
      ['owner', 'object', true, '', '', undefined],
      ['owner.name', 'string', true, 'length ≥ 1', '', { value: 'Ada' }], // the schema's own example first
      ['lines', 'array of object', true, 'items ≥ 1', '', undefined],
      ['lines[].sku', 'string', true, 'length 8', '', { value: 'AB-12345' }],
      ['lines[].qty', 'integer', true, '≥ 1, ≤ 99', '', { value: 2 }],
      ['tags', 'map of number', true, '', '', undefined],
    ]);
  });

  it('describes a value that is not an object as one row, and an object with no fields as none', () => {
    expect(fieldRows(json(z.array(z.string())))).toMatchObject([
      { field: '', type: 'array of string', required: true },
    ]);
    expect(fieldRows(json(z.object({})))).toEqual([]);
  });

  it('follows $defs references, and stops at a recursive one', () => {
    type Node = { value: number; next?: Node };
    const node: z.ZodType<Node> = z.object({ value: z.number(), next: z.lazy(() => node).optional() });

    const rows = fieldRows(json(z.object({ head: node })));

    expect(rows.map((r) => [r.field, r.type])).toEqual([
      ['head', 'object'],
      ['head.value', 'number'],
      ['head.next', expect.any(String)],
    ]);
  });

  it('words unions, constants, tuples and open values', () => {
    expect(typeOf({ anyOf: [{ type: 'string' }, { type: 'number' }] })).toBe('string | number');
    expect(typeOf({ const: 'x' })).toBe('"x"');
    expect(typeOf({ type: 'array', prefixItems: [{ type: 'string' }, { type: 'integer' }] })).toBe(
      'tuple [string, integer]',
    );
    expect(typeOf({})).toBe('any');
  });
});
