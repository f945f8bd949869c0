import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batches, entrySize, PUT_EVENTS_MAX_BYTES, PUT_EVENTS_MAX_ENTRIES } from '../../src/events/batches.js';

describe('PutEvents batches', () => {
  it("counts an entry's size as AWS does (UTF-8 bytes, 14 for Time)", () => {
    expect(entrySize({ Source: 'orders', DetailType: 'OrderCreated', Detail: '{}' })).toBe(20);
    expect(entrySize({ Source: 'o', DetailType: 'é', Detail: '{}', Resources: ['ab', 'c'], Time: new Date() })).toBe(
      1 + 2 + 2 + 3 + 14,
    );
  });

  it('keeps the order, at most 10 entries and 256 KB per batch, and no batch could take the next entry', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100_000 }), { maxLength: 40 }), (sizes) => {
        const entries = sizes.map((n, i) => ({ Source: 's', DetailType: String(i), Detail: 'x'.repeat(n) }));
        const out = batches(entries);
        expect(out.flat()).toEqual(entries);
        for (const [i, batch] of out.entries()) {
          const bytes = batch.reduce((sum, entry) => sum + entrySize(entry), 0);
          expect(batch.length).toBeLessThanOrEqual(PUT_EVENTS_MAX_ENTRIES);
          expect(batch.length === 1 || bytes <= PUT_EVENTS_MAX_BYTES).toBe(true);
          const next = out[i + 1]?.[0];
          if (next !== undefined && batch.length < PUT_EVENTS_MAX_ENTRIES) {
            expect(bytes + entrySize(next)).toBeGreaterThan(PUT_EVENTS_MAX_BYTES);
          }
        }
      }),
    );
  });
});
