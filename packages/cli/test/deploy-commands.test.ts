/**
 * `lambdaport synth`, `deploy`, `diff` and `destroy` as a user runs them (the built CLI as a process).
 */
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from './helpers.js';

const EXAMPLES = path.resolve(import.meta.dirname, '../../../examples');
let work: string;
beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'lambdaport-deploy-cli-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A service dir under `work` with a JSON config and `files`. */
function service(name: string, config: object, files: Record<string, string> = {}): string {
  const dir = path.join(work, name);
  for (const [file, content] of Object.entries({
    'lambdaport.config.json': JSON.stringify(config),
    'src/handlers.ts': 'export const handler = async () => ({ ok: true });\n',
    ...files,
  })) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

/** An environment with no AWS credentials anywhere: no variables, an empty home, no instance metadata. */
function withoutCredentials(): NodeJS.ProcessEnv {
  const home = path.join(work, 'empty-home');
  mkdirSync(home, { recursive: true });
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, AWS_EC2_METADATA_DISABLED: 'true' };
  for (const key of Object.keys(env)) {
    if (
      /^AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN|PROFILE|DEFAULT_PROFILE|CONFIG_FILE|SHARED_CREDENTIALS_FILE)$/.test(
        key,
      )
    ) {
      env[key] = undefined;
    }
  }
  return env;
}

describe('lambdaport synth', () => {
  it('writes one template per service offline, validated by the CDK, and prints what each declares', async () => {
    const out = path.join(work, 'out-examples');
    const result = await run(
      ['synth', '--dir', `${EXAMPLES}/records`, '--dir', `${EXAMPLES}/orders`, '--stage', 'qa', '--out', out],
      {
        env: withoutCredentials(),
      },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(
      readdirSync(out)
        .filter((f) => f.endsWith('.template.json'))
        .sort(),
    ).toEqual(['qa-orders.template.json', 'qa-records.template.json']);
    expect(result.stdout).toMatch(/^Synthesized 2 stacks into .* \(offline: no AWS account used\)$/m);
    expect(result.stdout).toMatch(
      /^ {4}records\.getUrl +qa-records-getUrl-[0-9a-f]{6} +nodejs2[24]\.x +128 MB +3 s +alias v1 +Function URL \(auth NONE\)$/m,
    );
    expect(result.stdout).toContain('qa-records-records (on demand, point-in-time recovery, retained)');
    expect(result.stdout).toMatch(/^ {4}\/lambdaport\/qa\/orders\/create\/v1$/m);
    expect(result.stdout).toMatch(
      /^ {6}InvokeRecordsGetV1: lambda:InvokeFunction → function:qa-records-get-[0-9a-f]{6}:v1$/m,
    );
    const template = readFileSync(path.join(out, 'qa-records.template.json'), 'utf8');
    expect(template).toContain('"TableName": "qa-records-records"');
  }, 120_000);

  it('refuses configs that cannot deploy, each problem with its file and key path, and writes nothing', async () => {
    const bootstrap = 'bin/bootstrap';
    const bad = service(
      'bad',
      {
        service: 'bad',
        functions: {
          table: { handler: 'src/handlers.ts#handler', environment: { T: { table: 'nope' } } },
          big: { handler: 'src/handlers.ts#handler', memorySize: 10241 },
          native: { handler: bootstrap, runtime: 'provided.al2023' },
        },
      },
      { [bootstrap]: '#!/bin/sh\n' },
    );
    chmodSync(path.join(bad, bootstrap), 0o644);
    const exports = service('exports', {
      service: 'exports',
      functions: {
        get: { handler: 'src/handlers.ts#get' },
        go: { handler: 'src/handlers.ts#handler', calls: ['elsewhere.fn'] },
      },
    });
    const out = path.join(work, 'out-bad');
    const config = (dir: string) => path.join(dir, 'lambdaport.config.json');

    const invalid = await run(['synth', '--dir', bad, '--out', out]);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr.split('\n')[0]).toBe('Cannot deploy (3 problems); nothing was written:');
    for (const line of [
      `  ${config(bad)}: functions.table.environment.T: "nope" is `,
      `  ${config(bad)}: functions.big.memorySize: expected a number of MB from 128 to 10240 (whole MB), got 10241`,
      `  ${config(bad)}: functions.native.handler: bootstrap file bin/bootstrap is not executable (chmod +x bin/bootstrap)`,
    ]) {
      expect(invalid.stderr).toContain(line);
    }
    expect(existsSync(out)).toBe(false);

    const unbundled = await run(['synth', '--dir', exports, '--out', out]);
    expect(unbundled.code).toBe(1);
    expect(unbundled.stderr).toContain(
      `  ${config(exports)}: functions.get.handler: src/handlers.ts has no export "get" (its exports: handler)\n`,
    );
    expect(unbundled.stderr).toContain(
      `  ${config(exports)}: functions.go.calls[0]: elsewhere.fn: service elsewhere is not among the services given`,
    );
    expect(existsSync(out)).toBe(false);
  }, 60_000);
});

describe('lambdaport deploy, diff and destroy', () => {
  it('stop with one line when there are no AWS credentials', async () => {
    const dir = service('creds', { service: 'creds', functions: { get: { handler: 'src/handlers.ts#handler' } } });
    const result = await run(['deploy', '--dir', dir, '--no-validation'], { env: withoutCredentials() });
    expect(result.code).toBe(1);
    const errors = result.stderr.split('\n').filter((line) => line.trim() !== '');
    expect(errors).toEqual([
      'error lambdaport deploy: no AWS credentials found: set AWS_PROFILE or pass --profile (a profile of ~/.aws/config, e.g. after `aws sso login`), or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY',
    ]);
  }, 60_000);

  it('--help describes every option, the credentials and the bootstrap', async () => {
    const described = (help: string, option: string) =>
      new RegExp(`^ {2}(?:-\\w, )?${option}(?: <[^>]+>)? {2,}\\S`, 'm').test(help.split('\nOptions:\n')[1] ?? '');
    const synth = await run(['synth', '--help']);
    expect(synth.code).toBe(0);
    for (const option of ['--dir', '--stage', '--no-validation', '--out'])
      expect(described(synth.stdout, option), option).toBe(true);
    for (const command of ['deploy', 'diff', 'destroy']) {
      const help = await run([command, '--help']);
      expect(help.code).toBe(0);
      for (const option of ['--dir', '--stage', '--no-validation', '--profile', '--region', '--out']) {
        expect(described(help.stdout, option), `${command} ${option}`).toBe(true);
      }
      expect(help.stdout).toContain('npx aws-cdk bootstrap aws://<account>/<region>');
    }
    expect(described((await run(['destroy', '--help'])).stdout, '--yes')).toBe(true);
  }, 60_000);
});
