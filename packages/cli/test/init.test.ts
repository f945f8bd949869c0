/**
 * `lambdaport init [DIR] [--service NAME]`: the scaffold it writes, what it refuses (nothing written then), and that
 * the scaffold serves under the local runtime right away. (Installed from packed tarballs, with its own tests run and
 * `lambdaport dev` called by the AWS CLI and the typed client: test/repo/user-path.test.ts.)
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { startLocal } from '@lambdaport/local';
import { serviceNameProblem } from 'lambdaport/names';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from './helpers.js';

const REPO_MODULES = path.resolve(import.meta.dirname, '../../../node_modules');
const VERSION = (
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../package.json'), 'utf8')) as { version: string }
).version;

let scratch = '';
beforeEach(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'lambdaport-init-'));
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

function files(dir: string, prefix = ''): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory() ? files(dir, path.join(prefix, entry.name)) : [path.join(prefix, entry.name)],
    )
    .sort();
}

describe('lambdaport init', () => {
  it('writes a service named after its folder: contract, logic, handlers, config, tests, package.json, .gitignore', async () => {
    const ran = await run(['init', 'hello-world'], { cwd: scratch });
    const dir = path.join(scratch, 'hello-world');

    expect(ran.code, ran.stderr).toBe(0);
    expect(files(dir)).toEqual([
      '.gitignore',
      'README.md',
      'lambdaport.config.ts',
      'package.json',
      'src/contract.ts',
      'src/handlers.ts',
      'src/logic.ts',
      'test/logic.test.ts',
      'test/service.test.ts',
      'tsconfig.json',
    ]);
    expect(ran.stdout).toContain('Created the hello-world service in hello-world:');
    expect(ran.stdout).toContain('cd hello-world\n  npm install\n  npm test');
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
      name: string;
      scripts: Record<string, string>;
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    expect(manifest.name).toBe('hello-world');
    expect(manifest.scripts).toMatchObject({ dev: 'lambdaport dev', test: 'vitest run', synth: 'lambdaport synth' });
    expect(manifest.dependencies.lambdaport).toBe(VERSION);
    expect(manifest.devDependencies['@lambdaport/cli']).toBe(VERSION);
    expect(manifest.devDependencies['@lambdaport/cdk']).toBe(VERSION);
    expect(readFileSync(path.join(dir, '.gitignore'), 'utf8').split('\n')).toContain('.lambdaport/');
    expect(readFileSync(path.join(dir, 'src/contract.ts'), 'utf8')).toContain("name: 'hello-world.hello'");
    expect(readFileSync(path.join(dir, 'lambdaport.config.ts'), 'utf8')).toContain("service: 'hello-world'");
    for (const file of files(dir)) expect(readFileSync(path.join(dir, file), 'utf8'), file).not.toMatch(/__[A-Z_]+__/);
  });

  it('takes --service, and writes into the current folder when it is empty', async () => {
    const dir = path.join(scratch, 'Some Folder');
    mkdirSync(dir);

    const ran = await run(['init', '--service', 'billing'], { cwd: dir });

    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stdout).toContain('Created the billing service in this folder:');
    expect(readFileSync(path.join(dir, 'lambdaport.config.ts'), 'utf8')).toContain("service: 'billing'");
  });

  it('refuses a folder with anything in it, naming it and what is there; writes nothing', async () => {
    const dir = path.join(scratch, 'taken');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'notes.txt'), 'mine');

    const ran = await run(['init', 'taken'], { cwd: scratch });

    expect(ran.code).toBe(1);
    expect(ran.stderr).toBe('error taken is not empty (notes.txt); init writes only into a new or empty folder\n');
    expect(readdirSync(dir)).toEqual(['notes.txt']);
  });

  it('refuses an existing file as DIR', async () => {
    writeFileSync(path.join(scratch, 'file'), '');

    const ran = await run(['init', 'file'], { cwd: scratch });

    expect(ran.code).toBe(1);
    expect(ran.stderr).toBe('error file is a file; give a new or empty folder\n');
  });

  it("refuses a service name the name grammar refuses, in the grammar's words; writes nothing", async () => {
    const byFolder = await run(['init', 'My_Service'], { cwd: scratch });
    const byOption = await run(['init', 'ok', '--service', 'Records'], { cwd: scratch });

    expect(byFolder.code).toBe(1);
    expect(byFolder.stderr).toBe(
      `error service name: ${serviceNameProblem('My_Service')} (the folder's name; choose one with --service NAME)\n`,
    );
    expect(byOption.code).toBe(1);
    expect(byOption.stderr).toBe(`error service name: ${serviceNameProblem('Records')}\n`);
    expect(existsSync(path.join(scratch, 'My_Service'))).toBe(false);
    expect(existsSync(path.join(scratch, 'ok'))).toBe(false);
  });

  it('--help says what it writes and what it refuses', async () => {
    const ran = await run(['init', '--help']);

    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain('Usage: lambdaport init [options] [dir]');
    expect(ran.stdout).toContain('--service <name>');
    expect(ran.stdout).toContain('a folder with anything in it is refused');
  });

  it('the scaffold serves under the local runtime right away (its handlers answer through the Invoke API)', async () => {
    expect((await run(['init', 'greeter'], { cwd: scratch })).code).toBe(0);
    const dir = path.join(scratch, 'greeter');
    symlinkSync(REPO_MODULES, path.join(dir, 'node_modules'), 'junction');
    const local = await startLocal({ dirs: [dir], ephemeral: true, prebootSpares: false, log: () => {} });
    const lambda = new LambdaClient({
      endpoint: local.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    try {
      const hello = local.functions.find((fn) => fn.name === 'hello')!;
      const out = await lambda.send(new InvokeCommand({ FunctionName: hello.deployedName, Payload: '{"name":"Ada"}' }));

      expect(out.FunctionError).toBeUndefined();
      expect(JSON.parse(Buffer.from(out.Payload ?? []).toString('utf8'))).toEqual({ message: 'Hello, Ada!' });
    } finally {
      lambda.destroy();
      await local.stop();
    }
  });
});
