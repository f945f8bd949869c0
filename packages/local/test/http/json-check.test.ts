import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isJson } from '../../src/http/json-check.js';

function parses(bytes: Uint8Array): boolean {
  try {
    JSON.parse(Buffer.from(bytes).toString('utf8'));
    return true;
  } catch {
    return false;
  }
}

describe('isJson accepts exactly what JSON.parse accepts', () => {
  it('every JSON text, with any whitespace around', () => {
    fc.assert(
      fc.property(fc.json(), fc.constantFrom('', ' ', '\n\t', '\r\n  '), (text, space) => {
        expect(isJson(Buffer.from(`${space}${text}${space}`))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('JSON texts with one byte changed, inserted or removed', () => {
    const alphabet = fc.constantFrom(...'{}[]",:.-+eE0123456789 \\/utnlfrbsa\t\n\x00\x1f\u00e9\ud83d'.split(''));
    fc.assert(
      fc.property(
        fc.json(),
        fc.nat(),
        alphabet,
        fc.constantFrom('replace', 'insert', 'remove'),
        (text, at, ch, how) => {
          const i = text.length === 0 ? 0 : at % text.length;
          const mutated =
            how === 'replace'
              ? text.slice(0, i) + ch + text.slice(i + 1)
              : how === 'insert'
                ? text.slice(0, i) + ch + text.slice(i)
                : text.slice(0, i) + text.slice(i + 1);
          const bytes = Buffer.from(mutated);
          expect(isJson(bytes)).toBe(parses(bytes));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('arbitrary bytes, invalid UTF-8 in and out of strings', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (raw) => {
        for (const bytes of [raw, Buffer.concat([Buffer.from('["'), raw, Buffer.from('"]')])]) {
          expect(isJson(bytes)).toBe(parses(bytes));
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('edge cases', () => {
    const cases = [
      '',
      ' ',
      '{}',
      '[]',
      '""',
      '0',
      '-0',
      '01',
      '1.',
      '.5',
      '1e',
      '1e+',
      '1E-7',
      '-',
      'true',
      'tru',
      'nul',
      '[1,]',
      '{"a":1,}',
      '{"a" 1}',
      '{1:2}',
      '"\\u00zz"',
      '"\\x"',
      '"\t"',
      '\ufeff{}',
      '{}{}',
      '[[[[]]]]',
      '{"a":[{"b":{}}],"c":"d"}',
      '"\\ud800"',
    ];
    for (const text of cases) {
      const bytes = Buffer.from(text);
      expect([text, isJson(bytes)]).toEqual([text, parses(bytes)]);
    }
    const deep = Buffer.from(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(isJson(deep)).toBe(true);
  });
});
