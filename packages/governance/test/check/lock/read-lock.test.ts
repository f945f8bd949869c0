/**
 * Reading a lock file: a file that is not JSON is named with the line and column of the fault; a JSON file that is
 * not a lock names the wrong place; a good lock reads back as written.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LockFileError, parseLock, serializeLock } from '../../../src/index.js';
import { lock } from '../../support/locks.js';

const FILE = 'shop/lambdaport.lock.json';

function failure(text: string): string {
  try {
    parseLock(text, FILE);
  } catch (error) {
    expect(error).toBeInstanceOf(LockFileError);
    expect((error as LockFileError).file).toBe(FILE);
    return (error as Error).message;
  }
  throw new Error('parseLock accepted it');
}

describe('parseLock', () => {
  it('reads back what serializeLock wrote', () => {
    const written = lock({ get: { 1: { input: z.object({ id: z.number() }), errors: { Gone: z.object({}) } } } });

    expect(parseLock(serializeLock(written), FILE)).toEqual(written);
  });

  it('a file that is not JSON: the file, and the line and column of the fault', () => {
    const text = '{\n  "lockfileVersion": 1,\n  "service": "shop",\n<<<<<<< HEAD\n}';

    expect(failure(text)).toMatch(/^shop\/lambdaport\.lock\.json: not JSON: .*line 4 column 1/);
  });

  it('an empty file says so', () => {
    expect(failure('')).toMatch(/^shop\/lambdaport\.lock\.json: not JSON: .*(empty|line 1 column 1)/);
  });

  it.each([
    ['[]', 'the file: expected a JSON object (a lock file), got []'],
    ['{"lockfileVersion":9,"service":"shop","functions":{}}', 'lockfileVersion: expected 1'],
    ['{"lockfileVersion":1,"functions":{}}', 'service: expected the service name, got nothing'],
    ['{"lockfileVersion":1,"service":"shop","functions":[]}', 'functions: expected an object of functions'],
    [
      '{"lockfileVersion":1,"service":"shop","functions":{"get":{"v1":{}}}}',
      'functions.get.v1: expected a major number',
    ],
    [
      '{"lockfileVersion":1,"service":"shop","functions":{"get":{"1":{"contract":"shop.get","version":2}}}}',
      'functions.get.1.version: expected 1 (the major), got 2',
    ],
    [
      '{"lockfileVersion":1,"service":"shop","functions":{"get":{"1":{"contract":"shop.get","version":1,"current":true,"idempotent":true,"input":"x"}}}}',
      'functions.get.1.input: expected a JSON Schema (an object), got "x"',
    ],
  ])('a JSON file that is not a lock: %s', (text, message) => {
    expect(failure(text)).toContain(`${FILE}: ${message}`);
  });
});
