/**
 * docs/compatibility.md is the rules table the gate applies: the committed file is what the rules generate, and it
 * names every rule.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES, renderCompatibilityDoc } from '../../src/index.js';

const FILE = path.resolve(import.meta.dirname, '../../../../docs/compatibility.md');

describe('docs/compatibility.md', () => {
  it('is what the rules generate (npm run docs:compatibility writes it)', () => {
    expect(readFileSync(FILE, 'utf8')).toBe(renderCompatibilityDoc());
  });

  it('has a row for every rule, with its verdict', () => {
    const text = renderCompatibilityDoc();
    for (const rule of RULES) {
      expect(text).toContain(`| \`${rule.id}\` |`);
      const row = text.split('\n').find((line) => line.startsWith(`| \`${rule.id}\` |`))!;
      expect(row).toContain(rule.verdict === 'breaking' ? '| **breaking** |' : '| safe |');
    }
  });
});
