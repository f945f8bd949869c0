/**
 * Properties of the pattern matcher that hold for any event: an event matches the exact pattern of its own leaves,
 * adding fields never breaks a match, `anything-but` is the negation of the exact value, `$or` is the union of its
 * branches, `numeric` agrees with number comparisons, `prefix`/`suffix`/`wildcard` agree with string operations,
 * and any JSON either compiles or is refused with InvalidEventPatternError.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePattern, InvalidEventPatternError } from '../../../src/events/pattern/index.js';

type Scalar = string | number | boolean | null;
type Event = { [key: string]: Scalar | Scalar[] | Event };

const key = fc.string({ minLength: 1, maxLength: 6 }).filter((k) => k !== '$or' && k !== '__proto__');
const scalar: fc.Arbitrary<Scalar> = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.integer({ min: -1_000, max: 1_000 }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
  fc.boolean(),
  fc.constant(null),
);
const event: fc.Arbitrary<Event> = fc.letrec<{ event: Event }>((tie) => ({
  event: fc.dictionary(
    key,
    fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      scalar,
      fc.array(scalar, { minLength: 1, maxLength: 3 }),
      tie('event'),
    ),
    { minKeys: 1, maxKeys: 4 },
  ),
})).event;

/**
 * The exact pattern of some of an event's leaves: each chosen scalar field becomes `[value]` (an array field: one of
 * its elements), each chosen nested object its own pattern. Undefined when nothing was chosen.
 */
function exactPatternOf(e: Event, choose: () => boolean): Record<string, unknown> | undefined {
  const pattern: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e)) {
    if (!choose()) continue;
    if (Array.isArray(v)) pattern[k] = [v[v.length - 1]];
    else if (v !== null && typeof v === 'object') {
      const nested = exactPatternOf(v, choose);
      if (nested !== undefined) pattern[k] = nested;
    } else pattern[k] = [v];
  }
  return Object.keys(pattern).length === 0 ? undefined : pattern;
}

function chooser(bits: readonly boolean[]): () => boolean {
  let i = 0;
  return () => bits[i++ % bits.length] ?? true;
}

const RUNS = { numRuns: 500 };

describe('pattern matcher properties', () => {
  it('an event matches the exact pattern of any of its leaves', () => {
    fc.assert(
      fc.property(event, fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }), (e, bits) => {
        const pattern = exactPatternOf(e, chooser([...bits, true])) ?? exactPatternOf(e, () => true);
        fc.pre(pattern !== undefined);
        expect(compilePattern(pattern)(e)).toBe(true);
        expect(compilePattern(JSON.stringify(pattern))(JSON.parse(JSON.stringify(e)))).toBe(true);
      }),
      RUNS,
    );
  });

  it('adding fields the pattern does not name never breaks a match', () => {
    fc.assert(
      fc.property(event, event, (e, extra) => {
        const pattern = exactPatternOf(e, () => true);
        fc.pre(pattern !== undefined);
        const more: Event = { ...extra, ...e };
        expect(compilePattern(pattern)(more)).toBe(true);
      }),
      RUNS,
    );
  });

  it('a changed value no longer matches its exact pattern', () => {
    fc.assert(
      fc.property(key, scalar, scalar, (k, value, other) => {
        fc.pre(value !== other);
        expect(compilePattern({ [k]: [value] })({ [k]: other })).toBe(false);
      }),
      RUNS,
    );
  });

  it('anything-but v is the negation of v on a present string or number', () => {
    const stringOrNumber = fc.oneof(fc.string({ maxLength: 4 }), fc.integer({ min: -5, max: 5 }));
    fc.assert(
      fc.property(stringOrNumber, fc.oneof(scalar, stringOrNumber), (excluded, value) => {
        const exact = compilePattern({ f: [excluded] })({ f: value });
        const but = compilePattern({ f: [{ 'anything-but': excluded }] })({ f: value });
        const butList = compilePattern({ f: [{ 'anything-but': [excluded] }] })({ f: value });
        expect(but).toBe(!exact);
        expect(butList).toBe(!exact);
        expect(compilePattern({ g: [{ 'anything-but': excluded }] })({ f: value })).toBe(false);
      }),
      RUNS,
    );
  });

  it('$or matches exactly when one of its branches does', () => {
    fc.assert(
      fc.property(event, event, event, (a, b, e) => {
        const p1 = exactPatternOf(a, () => true);
        const p2 = exactPatternOf(b, () => true);
        fc.pre(p1 !== undefined && p2 !== undefined);
        for (const target of [e, a, b, { ...a, ...b }]) {
          const either = compilePattern(p1)(target) || compilePattern(p2)(target);
          expect(compilePattern({ $or: [p1, p2] })(target)).toBe(either);
        }
      }),
      RUNS,
    );
  });

  it('numeric agrees with number comparisons', () => {
    const n = fc.double({ min: -5e9, max: 5e9, noNaN: true });
    fc.assert(
      fc.property(n, n, n, (x, low, high) => {
        expect(compilePattern({ f: [{ numeric: ['>', low, '<=', high] }] })({ f: x })).toBe(x > low && x <= high);
        expect(compilePattern({ f: [{ numeric: ['>=', low, '<', high] }] })({ f: x })).toBe(x >= low && x < high);
        expect(compilePattern({ f: [{ numeric: ['=', low] }] })({ f: x })).toBe(x === low);
        expect(compilePattern({ f: [{ numeric: ['=', x] }] })({ f: [low, x] })).toBe(true);
        expect(compilePattern({ f: [{ numeric: ['>=', low] }] })({ f: String(x) })).toBe(false);
      }),
      RUNS,
    );
  });

  it('prefix, suffix and equals-ignore-case agree with string operations', () => {
    const text = fc.string({ maxLength: 6, unit: fc.constantFrom('a', 'B', 'é', '.', '*', '\\', '/') });
    fc.assert(
      fc.property(text, text, (s, p) => {
        expect(compilePattern({ f: [{ prefix: p }] })({ f: s })).toBe(s.startsWith(p));
        expect(compilePattern({ f: [{ suffix: p }] })({ f: s })).toBe(s.endsWith(p));
        expect(compilePattern({ f: [{ prefix: { 'equals-ignore-case': p } }] })({ f: s })).toBe(
          s.toLowerCase().startsWith(p.toLowerCase()),
        );
        expect(compilePattern({ f: [{ 'equals-ignore-case': p }] })({ f: s })).toBe(
          s.toLowerCase() === p.toLowerCase(),
        );
      }),
      RUNS,
    );
  });

  it('a wildcard of an escaped text matches that text only; "p*" is prefix p; "*s" is suffix s', () => {
    const text = fc.string({ maxLength: 6, unit: fc.constantFrom('a', 'b', '.', '*', '\\', '?', '(') });
    const literal = (t: string): string => t.replace(/[\\*]/g, '\\$&');
    fc.assert(
      fc.property(text, text, (s, p) => {
        expect(compilePattern({ f: [{ wildcard: literal(p) }] })({ f: s })).toBe(s === p);
        expect(compilePattern({ f: [{ wildcard: `${literal(p)}*` }] })({ f: s })).toBe(s.startsWith(p));
        expect(compilePattern({ f: [{ wildcard: `*${literal(p)}` }] })({ f: s })).toBe(s.endsWith(p));
      }),
      RUNS,
    );
  });

  it('exists true and exists false are each other’s negation', () => {
    fc.assert(
      fc.property(event, key, (e, k) => {
        const yes = compilePattern({ [k]: [{ exists: true }] })(e);
        const no = compilePattern({ [k]: [{ exists: false }] })(e);
        expect(yes).toBe(!no);
      }),
      RUNS,
    );
  });

  it('any JSON either compiles to a matcher or is refused with InvalidEventPatternError', () => {
    fc.assert(
      fc.property(fc.jsonValue(), event, (pattern, e) => {
        let matcher: ((event: unknown) => boolean) | undefined;
        try {
          matcher = compilePattern(pattern);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidEventPatternError);
          return;
        }
        expect(typeof matcher(e)).toBe('boolean');
      }),
      { numRuns: 2_000 },
    );
  });
});
