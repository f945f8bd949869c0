/**
 * Property tests of the schema diff and its rules: random object schemas (real zod schemas, converted as the contracts
 * loader converts them) changed by a random change whose verdict is known; the check must give that verdict, for
 * callers who send the schema (input) and for callers who receive it (output). And, checked with zod itself: a change
 * called safe for input accepts every value the old schema accepted; one called safe for output returns only values
 * the old schema accepts (parsed as a `z.object` parses: a strict output object is a documented limit of the gate).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { type Flow, ruleById, schemaRule } from '../../../src/check/rules.js';
import { diffSchemas } from '../../../src/check/schema-diff/compare.js';
import { jsonOf } from '../../support/locks.js';
import { type Expected, MUTATIONS, mutate } from '../../support/mutations.js';
import { lenient, modelObject, toZod, valuesOf } from '../../support/schema-model.js';

/** The verdict of the check on a change of a schema flowing `flow`. */
function verdictOf(before: z.ZodType, after: z.ZodType, flow: Flow): Expected {
  const changes = diffSchemas(jsonOf(before, flow), jsonOf(after, flow));
  const rules = changes.map((c) => schemaRule(c.kind, flow)).filter((r) => r !== undefined);
  if (rules.length === 0) return 'none';
  return rules.some((r) => ruleById(r).verdict === 'breaking') ? 'breaking' : 'safe';
}

const change = fc.record({ kind: fc.nat(MUTATIONS.length - 1), at: fc.nat(50) });

describe('the schema diff, on random schemas', () => {
  it('a schema compared with itself has no change', () => {
    fc.assert(
      fc.property(modelObject, (model) => {
        const schema = toZod(model);
        expect(diffSchemas(jsonOf(schema, 'input'), jsonOf(schema, 'input'))).toEqual([]);
        expect(diffSchemas(jsonOf(schema, 'output'), jsonOf(schema, 'output'))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('a change of known verdict gets that verdict, for input and for output', () => {
    fc.assert(
      fc.property(modelObject, change, (model, { kind, at }) => {
        const mutated = mutate(model, kind, at);
        fc.pre(mutated !== undefined);
        const before = toZod(model);
        const after = toZod(mutated!.root);
        expect({ change: mutated!.name, input: verdictOf(before, after, 'input') }).toEqual({
          change: mutated!.name,
          input: mutated!.input,
        });
        expect({ change: mutated!.name, output: verdictOf(before, after, 'output') }).toEqual({
          change: mutated!.name,
          output: mutated!.output,
        });
      }),
      { numRuns: 600 },
    );
  });

  it('every kind of change is drawn', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(modelObject, change, (model, { kind, at }) => {
        const mutated = mutate(model, kind, at);
        if (mutated) seen.add(mutated.name);
      }),
      { numRuns: 600 },
    );
    expect([...seen].sort()).toEqual(MUTATIONS.map((m) => m.name).sort());
  });

  it('what the check calls safe is safe: zod accepts the same values (input: old values; output: new values)', () => {
    fc.assert(
      fc.property(modelObject, change, fc.gen(), (model, { kind, at }, gen) => {
        const mutated = mutate(model, kind, at);
        fc.pre(mutated !== undefined);
        const before = toZod(model);
        const after = toZod(mutated!.root);
        if (verdictOf(before, after, 'input') !== 'breaking') {
          const sent = gen(() => valuesOf(model));
          expect(after.safeParse(sent).success, `${mutated!.name}: input ${JSON.stringify(sent)}`).toBe(true);
        }
        if (verdictOf(before, after, 'output') !== 'breaking') {
          const returned = gen(() => valuesOf(mutated!.root));
          const caller = toZod(lenient(model));
          expect(caller.safeParse(returned).success, `${mutated!.name}: output ${JSON.stringify(returned)}`).toBe(true);
        }
      }),
      { numRuns: 200, endOnFailure: true },
    );
  });
});
