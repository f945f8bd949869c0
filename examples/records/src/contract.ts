/**
 * The records service's contract: shared with its callers (`@lambdaport-examples/records/contract`).
 */
import { defineError, defineFunction } from 'lambdaport';
import { z } from 'zod';

/** A record as callers see it. */
export const RecordSchema = z.object({
  id: z.number().int().nonnegative(),
  title: z.string(),
  status: z.enum(['active', 'archived']),
  createdAt: z.string(),
});

/** A record of the records service. */
export type Record = z.infer<typeof RecordSchema>;

/** No record has the requested id. */
export const RecordNotFound = defineError('RecordNotFound', z.object({ id: z.number() }), {
  description: 'No record has this id.',
  status: 404,
});

/** `records.get`: fetch one record by id. */
export const getRecord = defineFunction({
  name: 'records.get',
  version: 1,
  description: 'Fetch one record by id.',
  input: z.object({ id: z.number().int().nonnegative() }),
  output: RecordSchema,
  errors: [RecordNotFound],
  idempotent: true,
  examples: [
    {
      name: 'a record that exists (seeded from data/records.json)',
      input: { id: 1 },
      output: { id: 1, title: 'Quarterly report', status: 'active', createdAt: '2026-01-01T09:00:00.000Z' },
    },
  ],
});
