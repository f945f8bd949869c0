import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPayload } from '../../src/internal/payload.js';

describe('readPayload', () => {
  it('takes inline JSON, @file, or {} when absent', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lambdaport-payload-'));
    try {
      writeFileSync(path.join(dir, 'event.json'), '{"id": 2}');

      expect(readPayload('{"id":1}')).toBe('{"id":1}');
      expect(readPayload(`@${path.join(dir, 'event.json')}`)).toBe('{"id": 2}');
      expect(readPayload(undefined)).toBe('{}');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the problem: not JSON, or a file that cannot be read', () => {
    expect(() => readPayload('{id:1}')).toThrow(/^--payload is not valid JSON \(.*\): "\{id:1\}"$/);
    expect(() => readPayload('@/nonexistent/event.json')).toThrow(
      'cannot read --payload file /nonexistent/event.json: ENOENT',
    );
  });
});
