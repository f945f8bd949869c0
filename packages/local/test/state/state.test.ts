import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveState } from '../../src/state/index.js';

describe('resolveState', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'lambdaport-state-'));
  afterEach(() => rmSync(path.join(work, '.lambdaport'), { recursive: true, force: true }));

  it('defaults to <dir>/.lambdaport and creates it', () => {
    const state = resolveState({ dir: work });

    expect(state).toEqual({
      root: path.join(work, '.lambdaport'),
      ssmFile: path.join(work, '.lambdaport', 'ssm.json'),
      dynamoDbPath: path.join(work, '.lambdaport', 'dynamodb'),
      eventsDir: path.join(work, '.lambdaport', 'events'),
      sqsDir: path.join(work, '.lambdaport', 'sqs'),
    });
    expect(existsSync(state.root!)).toBe(true);
  });

  it('uses an explicit folder, or memory when ephemeral, and refuses both at once', () => {
    const explicit = resolveState({ dir: work, state: path.join(work, 'elsewhere') });
    const ephemeral = resolveState({ dir: work, ephemeral: true });

    expect(explicit.ssmFile).toBe(path.join(work, 'elsewhere', 'ssm.json'));
    expect(ephemeral).toEqual({ root: undefined, ssmFile: undefined, dynamoDbPath: undefined });
    expect(() => resolveState({ dir: work, state: 'x', ephemeral: true })).toThrow(
      '--state and --ephemeral cannot be used together',
    );
  });
});
