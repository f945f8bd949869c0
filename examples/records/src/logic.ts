/**
 * The records service's business logic: plain functions of (input, deps, ctx), no Lambda types in sight.
 */
import { implement } from 'lambdaport';
import { getRecord, RecordNotFound } from './contract.js';
import type { RecordRepository } from './repository.js';

/** What the logic needs. */
export interface RecordsDeps {
  records: RecordRepository;
}

/** `records.get`: the record, or `RecordNotFound`. */
export const getRecordLogic = implement(getRecord, async ({ id }, { records }: RecordsDeps, ctx) => {
  const record = await records.get(id, ctx.signal);
  if (!record) throw new RecordNotFound({ id }, `Record ${id} not found`);
  return record;
});
