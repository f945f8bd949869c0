/**
 * The path a new user takes, tested end to end (issue 15): the packages packed with `npm pack`, a service created
 * with `lambdaport init` in a folder outside the repository, the tarballs and the scaffold's dependencies installed
 * from the registry, the scaffold's own tests run (`npm test`), `lambdaport dev` started from the project's
 * node_modules, and the function called with the AWS CLI (`/usr/bin/aws`) and with the typed client; last, `npm run
 * synth` writes its CloudFormation template (offline: no AWS account).
 *
 * Like packed-install.test.ts, `npm install` is the one process allowed off the machine (`env -u NODE_OPTIONS` drops
 * the network guard for it); everything else is guarded. It takes about a minute, most of it in `npm install`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deployedName } from 'lambdaport/names';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../test-support/async.js';
import { NPM_ENV, ok, packWorkspaces, run } from './support/packing.js';
import { REPO_ROOT } from './support/repo-files.js';

const CLI = path.join(REPO_ROOT, 'packages/cli/bin/lambdaport.js');
const SERVICE = 'hello';

let scratch = '';
let project = '';
let dev: ChildProcess | undefined;
let devOut = '';
let endpoint = '';

/** The environment of a caller of the local runtime (what the banner's `export` line sets). */
const callerEnv = () => ({
  ...NPM_ENV,
  AWS_ENDPOINT_URL: endpoint,
  AWS_REGION: 'us-east-1',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_PAGER: '',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
});

beforeAll(async () => {
  scratch = mkdtempSync(path.join(tmpdir(), 'lambdaport-user-path-'));
  const packs = path.join(scratch, 'packs');
  mkdirSync(packs);
  const tarballs = await packWorkspaces(packs);

  ok(await run(process.execPath, [CLI, 'init', SERVICE], scratch), 'lambdaport init');
  project = path.join(scratch, SERVICE);
  // the one process allowed off the machine: npm fetching the scaffold's third-party dependencies
  ok(await run('env', ['-u', 'NODE_OPTIONS', 'npm', 'install', ...tarballs], project), 'npm install');
}, 300_000);

afterAll(async () => {
  if (dev?.exitCode === null) {
    const exited = new Promise((resolve) => dev?.once('exit', resolve));
    dev.kill('SIGTERM');
    await exited;
  }
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('a service made by lambdaport init, installed from the packed tarballs', () => {
  it("passes its own tests (npm test: the logic's unit test, then end to end under the local runtime)", async () => {
    const ran = await run('npm', ['test'], project);

    expect(ran.code, `${ran.stdout}\n${ran.stderr}`).toBe(0);
    expect(ran.stdout).toMatch(/Tests\s+4 passed/);
  }, 120_000);

  it('type-checks (npm run typecheck)', async () => {
    const ran = await run('npm', ['run', 'typecheck'], project);

    expect(ran.code, `${ran.stdout}\n${ran.stderr}`).toBe(0);
  }, 60_000);

  it("serves under lambdaport dev (its dev script's command, from the project's node_modules/.bin)", async () => {
    const manifest = JSON.parse(readFileSync(path.join(project, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(manifest.scripts.dev).toBe('lambdaport dev');
    // the command itself rather than `npm run dev`, so that the SIGTERM of the clean-up reaches it
    dev = spawn(path.join(project, 'node_modules/.bin/lambdaport'), ['dev', '--port', '0'], {
      cwd: project,
      env: NPM_ENV,
    });
    dev.stdout?.on('data', (chunk: Buffer) => {
      devOut += chunk.toString();
    });
    dev.stderr?.on('data', (chunk: Buffer) => {
      devOut += chunk.toString();
    });
    await waitFor(() => /lambdaport dev\s+(http:\/\/127\.0\.0\.1:\d+)/.test(devOut) || dev?.exitCode !== null, {
      timeoutMs: 60_000,
      what: 'the banner of lambdaport dev',
    });
    endpoint = /lambdaport dev\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(devOut)?.[1] ?? '';

    expect(endpoint, devOut).not.toBe('');
    expect(devOut).toContain(`${SERVICE}.hello`);
  }, 90_000);

  it('answers the AWS CLI (aws lambda invoke against the endpoint)', async () => {
    expect(endpoint).not.toBe('');
    const out = path.join(scratch, 'aws-out.json');
    // the payload as raw bytes from a file: the same with the AWS CLI v1 and v2
    const payload = path.join(scratch, 'payload.json');
    writeFileSync(payload, '{"name":"Ada"}');

    const ran = await run(
      '/usr/bin/aws',
      [
        'lambda',
        'invoke',
        '--endpoint-url',
        endpoint,
        '--function-name',
        deployedName('dev', SERVICE, 'hello'),
        '--payload',
        `fileb://${payload}`,
        out,
      ],
      project,
      callerEnv(),
    );

    expect(ran.code, ran.stderr).toBe(0);
    expect(JSON.parse(ran.stdout)).toMatchObject({ StatusCode: 200 });
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual({ message: 'Hello, Ada!' });
  }, 60_000);

  it('answers the typed client (createClient with the contract, the name found through SSM)', async () => {
    expect(endpoint).not.toBe('');
    // a test of the user's own, run by the project's vitest against the running lambdaport dev
    writeFileSync(
      path.join(project, 'test/against-dev.test.ts'),
      [
        "import { createClient } from 'lambdaport/client';",
        "import { expect, it } from 'vitest';",
        "import { hello } from '../src/contract.js';",
        '',
        "it('calls the running lambdaport dev', async () => {",
        "  expect(await createClient(hello).invoke({ name: 'Bo' })).toEqual({ message: 'Hello, Bo!' });",
        '});',
        '',
      ].join('\n'),
    );

    const ran = await run('npx', ['vitest', 'run', 'test/against-dev.test.ts'], project, callerEnv());

    expect(ran.code, `${ran.stdout}\n${ran.stderr}`).toBe(0);
    expect(ran.stdout).toMatch(/Tests\s+1 passed/);
  }, 60_000);

  it('synthesizes its stack (npm run synth: lambdaport synth with @lambdaport/cdk, offline)', async () => {
    const ran = await run('npm', ['run', 'synth'], project);

    expect(ran.code, `${ran.stdout}\n${ran.stderr}`).toBe(0);
    expect(ran.stdout).toContain(`dev-${SERVICE}  cdk.out/dev-${SERVICE}.template.json`);
    expect(ran.stdout).toContain(deployedName('dev', SERVICE, 'hello'));
    const template = JSON.parse(readFileSync(path.join(project, `cdk.out/dev-${SERVICE}.template.json`), 'utf8')) as {
      Resources: Record<string, { Type: string }>;
    };
    expect(Object.values(template.Resources).filter((r) => r.Type === 'AWS::Lambda::Function')).toHaveLength(2);
  }, 120_000);
});
