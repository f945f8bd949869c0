import { describe, expect, it } from 'vitest';
import { fieldPathOf, joinPath } from '../../../src/contracts/json-schema/paths.js';

describe('fieldPathOf', () => {
  it.each([
    [[], ''],
    [['properties', 'a'], 'a'],
    [['properties', 'lines', 'items', 'properties', 'sku'], 'lines[].sku'],
    [['prefixItems', 1, 'properties', 'x'], '[1].x'],
    [['properties', 'tags', 'additionalProperties'], 'tags.*'],
    [['properties', 'v', 'anyOf', 1, 'properties', 'w'], 'v.w'],
    [['$defs', 'Node', 'properties', 'next'], '$defs.Node.next'],
  ] as const)('%j → %s', (schemaPath, expected) => {
    expect(fieldPathOf(schemaPath)).toBe(expected);
  });
});

describe('joinPath', () => {
  it('joins a place in the contract and a field path', () => {
    expect(joinPath('input', '')).toBe('input');
    expect(joinPath('input', 'a.b')).toBe('input.a.b');
    expect(joinPath('output', '[]')).toBe('output[]');
  });
});
