/**
 * Unit tests of the records logic: the implementation called directly, `getRecordLogic(input, deps)`, with an
 * in-memory repository. The contract validates the input and the output as the adapters do; no Lambda, no
 * DynamoDB, no process. (The handlers in-process: records.test.ts; over the wire: records-local.test.ts.)
 */
import { InvalidRequestError, InvalidResponseError } from 'lambdaport';
import { describe, expect, it } from 'vitest';
import { type Record, RecordNotFound } from '../src/contract.js';
import { getRecordLogic } from '../src/logic.js';
import type { RecordRepository } from '../src/repository.js';

const REPORT: Record = { id: 1, title: 'Quarterly report', status: 'active', createdAt: '2026-01-01T09:00:00.000Z' };

/** A repository holding `items`, recording the signal each read was given. */
function inMemory(items: readonly Record[]): RecordRepository & { signals: (AbortSignal | undefined)[] } {
  const signals: (AbortSignal | undefined)[] = [];
  return {
    signals,
    async get(id, signal) {
      signals.push(signal);
      return items.find((item) => item.id === id);
    },
  };
}

describe('records.get logic', () => {
  it('returns the record', async () => {
    await expect(getRecordLogic({ id: 1 }, { records: inMemory([REPORT]) })).resolves.toEqual(REPORT);
  });

  it('throws RecordNotFound with the id for an unknown record', async () => {
    const error = await getRecordLogic({ id: 7 }, { records: inMemory([REPORT]) }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RecordNotFound);
    expect((error as InstanceType<typeof RecordNotFound>).data).toEqual({ id: 7 });
  });

  it('passes the deadline signal of its context to the repository', async () => {
    const records = inMemory([REPORT]);
    const controller = new AbortController();

    await getRecordLogic({ id: 1 }, { records }, { signal: controller.signal });

    expect(records.signals).toEqual([controller.signal]);
  });

  it('refuses a negative id before reading anything (the contract validates the input)', async () => {
    const records = inMemory([REPORT]);
    const error = await getRecordLogic({ id: -1 }, { records }).catch((e: unknown) => e);

    expect(InvalidRequestError.is(error)).toBe(true);
    expect((error as InvalidRequestError).issues.map((issue) => issue.path)).toEqual(['id']);
    expect(records.signals).toEqual([]);
  });

  it('refuses a stored record that breaks the contract (the output is validated too)', async () => {
    const broken = { ...REPORT, status: 'deleted' } as unknown as Record;
    const error = await getRecordLogic({ id: 1 }, { records: inMemory([broken]) }).catch((e: unknown) => e);

    expect(InvalidResponseError.is(error)).toBe(true);
    expect((error as InvalidResponseError).issues.map((issue) => issue.path)).toEqual(['status']);
  });
});
