/**
 * The Lambda runtime of a function: the config's `runtime`, the legacy forms resolved by the host's Node major.
 */
import { describe, expect, it } from 'vitest';
import { loadService, resolveLambdaRuntime } from '../../src/index.js';
import { tempService } from '../support/issues.js';

describe('resolveLambdaRuntime', () => {
  it('keeps the Lambda runtimes and resolves the legacy forms (DECISIONS: nodejs = the host major if 22/24)', () => {
    for (const host of [20, 22, 24]) {
      expect(resolveLambdaRuntime('nodejs22.x', host)).toBe('nodejs22.x');
      expect(resolveLambdaRuntime('nodejs24.x', host)).toBe('nodejs24.x');
      expect(resolveLambdaRuntime('provided.al2023', host)).toBe('provided.al2023');
      expect(resolveLambdaRuntime('provided', host)).toBe('provided.al2023');
    }
    expect(resolveLambdaRuntime('nodejs', 20)).toBe('nodejs22.x');
    expect(resolveLambdaRuntime('nodejs', 22)).toBe('nodejs22.x');
    expect(resolveLambdaRuntime('nodejs', 24)).toBe('nodejs24.x');
    expect(resolveLambdaRuntime('nodejs', 26)).toBe('nodejs22.x');
    expect(resolveLambdaRuntime('nodejs')).toBe(
      resolveLambdaRuntime('nodejs', Number(process.versions.node.split('.')[0])),
    );
  });
});

describe('a resolved function', () => {
  it('carries its Lambda runtime and the setting it came from (the default is the legacy nodejs)', async () => {
    const dir = tempService(
      {
        'src/handlers.ts': 'export const handler = async () => 1;\n',
        bootstrap: '#!/bin/sh\n',
        'lambdaport.config.json': JSON.stringify({
          service: 'rt',
          functions: {
            plain: { handler: 'src/handlers.ts#handler' },
            pinned: { handler: 'src/handlers.ts#handler', runtime: 'nodejs24.x' },
            native: { handler: 'bootstrap', runtime: 'provided' },
          },
        }),
      },
      { executable: ['bootstrap'] },
    );

    const on20 = await loadService(dir, { hostNodeMajor: 20 });
    const on24 = await loadService(dir, { hostNodeMajor: 24 });

    expect(on20.functions.map((f) => [f.name, f.runtimeSetting, f.lambdaRuntime])).toEqual([
      ['plain', 'nodejs', 'nodejs22.x'],
      ['pinned', 'nodejs24.x', 'nodejs24.x'],
      ['native', 'provided', 'provided.al2023'],
    ]);
    expect(on24.functions.map((f) => f.lambdaRuntime)).toEqual(['nodejs24.x', 'nodejs24.x', 'provided.al2023']);
    expect(on20.functions.map((f) => f.versions.get('$LATEST')!.runtime)).toEqual(['nodejs', 'nodejs', 'provided']);
  });
});
