import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from './helpers.js';

describe('lambdaport (the built CLI as a process)', () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), 'lambdaport-cli-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('--help lists the commands with examples', async () => {
    const result = await run(['--help']);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: lambdaport');
    expect(result.stdout).toMatch(/dev \[options\]/);
    expect(result.stdout).toMatch(/invoke \[options\] <name>/);
    expect(result.stdout).toMatch(/docs \[options\]/);
    expect(result.stdout).toContain('lambdaport invoke records.get --payload \'{"id":1}\' --log');
  });

  it('dev --help, invoke --help and docs --help describe every option', async () => {
    const dev = await run(['dev', '--help']);
    const invoke = await run(['invoke', '--help']);
    const docs = await run(['docs', '--help']);

    // each option of docs/cli.md, on its own line of the Options section, followed by what it does
    const described = (help: string, option: string) =>
      new RegExp(`^ {2}(?:-\\w, )?${option}(?: <[^>]+>)? {2,}\\S`, 'm').test(help.split('\nOptions:\n')[1] ?? '');
    expect(dev.code).toBe(0);
    for (const option of [
      '--dir',
      '--port',
      '--host',
      '--stage',
      '--state',
      '--ephemeral',
      '--no-watch',
      '--max-memory',
    ]) {
      expect(described(dev.stdout, option), option).toBe(true);
    }
    expect(invoke.code).toBe(0);
    for (const option of ['--payload', '--qualifier', '--log', '--event', '--endpoint', '--stage', '--region']) {
      expect(described(invoke.stdout, option), option).toBe(true);
    }
    expect(docs.code).toBe(0);
    for (const option of ['--dir', '--out', '--check', '--stage']) {
      expect(described(docs.stdout, option), option).toBe(true);
    }
    expect(docs.stdout).toContain('Exit codes: 0 written or up to date; 1 --check found a difference');
    expect(dev.stdout).toContain('/_lambdaport/docs/');
  });

  it('dev with an invalid config prints every problem with its key path and exits 1', async () => {
    const dir = path.join(work, 'invalid');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
    writeFileSync(
      path.join(dir, 'lambdaport.config.json'),
      JSON.stringify({
        service: 'bad',
        functions: { get: { handler: 'src/missing.ts#handler', timeout: '3s', colour: 1 } },
      }),
    );

    const result = await run(['dev', '--dir', dir, '--port', '0', '--ephemeral']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Invalid config (3 problems); nothing was started');
    expect(result.stderr).toContain(
      'lambdaport.config.json: functions.get.timeout: expected a number of seconds from 1 to 900',
    );
    expect(result.stderr).toContain('lambdaport.config.json: functions.get.colour: unknown key');
    expect(result.stderr).toContain(
      'lambdaport.config.json: functions.get.handler: handler file src/missing.ts not found',
    );
    expect(result.stdout).toBe('');
    expect(existsSync(path.join(dir, '.lambdaport'))).toBe(false);
  });

  it('dev on a dir without a config, or with --state and --ephemeral, exits 1 with the reason', async () => {
    const none = await run(['dev', '--dir', work, '--port', '0']);
    const both = await run(['dev', '--dir', work, '--state', work, '--ephemeral']);

    expect(none.code).toBe(1);
    expect(none.stderr).toContain('no config found: expected one of lambdaport.config.ts');
    expect(both.code).toBe(1);
    expect(both.stderr).toMatch(
      /--state.*cannot be used with.*--ephemeral|--state and --ephemeral cannot be used together/,
    );
  });

  it('rejects a --max-memory that is not a whole number of MB of at least 64', async () => {
    for (const value of ['12', 'lots', '100.5']) {
      const result = await run(['dev', '--max-memory', value, '--dir', work]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('expected a whole number of MB, at least 64');
    }
  });

  it('rejects a bad port number', async () => {
    const result = await run(['dev', '--port', 'abc']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('expected a port number from 0 to 65535');
  });

  it('invoke names the problem: bad payload, unreachable runtime', async () => {
    const badPayload = await run([
      'invoke',
      'dev-x-y-000000',
      '--payload',
      '{nope',
      '--endpoint',
      'http://127.0.0.1:9',
    ]);
    const unreachable = await run(['invoke', 'dev-x-y-000000:1', '--endpoint', 'http://127.0.0.1:9']);

    expect(badPayload.code).toBe(1);
    expect(badPayload.stderr).toContain('--payload is not valid JSON');
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toContain('cannot reach http://127.0.0.1:9');
  });
});
