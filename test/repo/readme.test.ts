/**
 * The README's quick start, run as written: `lambdaport dev` as `npm start` runs it (a real process, on a free port
 * and in memory), then every command of the README's "in another terminal" block through bash, verbatim except for
 * the port: `npx lambdaport invoke`, `aws lambda invoke` (with the AWS CLI v2, and v1 when one is installed) and
 * `curl` on the Function URL.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const START_SCRIPT = (
  JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }
).scripts.start;
const AWS_CLI_V2 = '/usr/bin/aws';
const hasCurl = existsSync('/usr/bin/curl');

/** An AWS CLI v1 on PATH (`aws --version` says `aws-cli/1.`), if any. */
function awsCliV1(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, 'aws');
    if (dir === '' || !existsSync(candidate)) continue;
    const version = spawnSync(candidate, ['--version'], { encoding: 'utf8' });
    if (/^aws-cli\/1\./.test(`${version.stdout}${version.stderr}`)) return candidate;
  }
  return undefined;
}
const AWS_CLI_V1 = awsCliV1();

/** The shell commands of the README's block that follows "in another terminal", continuation lines joined. */
function readmeCommands(): string[] {
  const block = /in another terminal[^\n]*\n\n```sh\n([\s\S]*?)```/.exec(README)?.[1];
  if (block === undefined) throw new Error('README: no ```sh block after "in another terminal"');
  return block
    .replace(/\\\n\s*/g, '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

const COMMANDS = readmeCommands();
const command = (start: string): string => {
  const found = COMMANDS.find((line) => line.startsWith(start));
  if (found === undefined) throw new Error(`README: no command starting with ${start}`);
  return found;
};

interface Ran {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `line` with bash at the repository root, after the README's `export` line; the port is the running one, and
 * `aws` is the AWS CLI given (a v1 may come first on PATH).
 */
function runReadmeLine(line: string, port: number, home: string, aws = AWS_CLI_V2): Promise<Ran> {
  const onPort = (text: string) => text.replaceAll('127.0.0.1:3000', `127.0.0.1:${port}`);
  // The output goes through a pipe: a terminal's /dev/stdout is a tty, but a child's stdout here is a socket, which
  // /dev/stdout cannot open.
  const script = [
    'set -eo pipefail',
    `aws() { ${aws} "$@"; }`,
    onPort(command('export ')),
    `{ ${onPort(line)}\n} | cat`,
  ].join('\n');
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/bash', ['-c', script], {
      cwd: ROOT,
      // the user's own AWS config must not matter
      env: {
        PATH: process.env.PATH ?? '',
        HOME: home,
        AWS_CONFIG_FILE: '/dev/null',
        AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
        AWS_PAGER: '',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        NO_COLOR: '1',
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const RECORD_1 = { id: 1, title: 'Quarterly report', status: 'active', createdAt: '2026-01-01T09:00:00.000Z' };

describe("the README's quick start against `lambdaport dev`", () => {
  let dev: ReturnType<typeof spawn>;
  let port: number;
  let home: string;
  let devOutput = '';

  beforeAll(async () => {
    home = mkdtempSync(path.join(tmpdir(), 'lambdaport-readme-'));
    // `npm start` without its build step, on a free port, in memory, not watching
    const args = START_SCRIPT.replace(/^.*?&& lambdaport /, '').split(' ');
    const bin = path.join(ROOT, 'node_modules/.bin/lambdaport');
    dev = spawn(process.execPath, [bin, ...args, '--port', '0', '--ephemeral', '--no-watch'], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined },
    });
    port = await new Promise<number>((resolve, reject) => {
      const seen = (chunk: Buffer) => {
        devOutput += chunk.toString();
        const url = /lambdaport dev\s+http:\/\/127\.0\.0\.1:(\d+)/.exec(devOutput);
        if (url) resolve(Number(url[1]));
      };
      dev.stdout?.on('data', seen);
      dev.stderr?.on('data', seen);
      dev.once('exit', (code) => reject(new Error(`lambdaport dev exited (${code}) before its banner:\n${devOutput}`)));
    });
  });

  afterAll(async () => {
    if (dev && dev.exitCode === null && dev.signalCode === null) {
      const exited = new Promise((resolve) => dev.once('exit', resolve));
      dev.kill('SIGTERM');
      await exited;
    }
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it('has the four commands the tests below run, and the names it shows are the ones dev serves', () => {
    expect(COMMANDS).toHaveLength(5); // the export line and four commands
    for (const name of README.match(/dev-records-[A-Za-z]+-[0-9a-f]{6}/g) ?? []) expect(devOutput).toContain(name);
  });

  it('lambdaport invoke records.get --log: the record on stdout, the log tail on stderr', async () => {
    const ran = await runReadmeLine(command('npx lambdaport invoke records.get'), port, home);

    expect(ran.code, ran.stderr).toBe(0);
    expect(JSON.parse(ran.stdout)).toEqual(RECORD_1);
    expect(ran.stderr).toMatch(/START RequestId: [0-9a-f-]+ Version: \$LATEST/);
    expect(ran.stderr).toMatch(/REPORT RequestId: [0-9a-f-]+\tDuration/);
  });

  it('lambdaport invoke orders.create: an order for record 3, through records', async () => {
    const ran = await runReadmeLine(command('npx lambdaport invoke orders.create'), port, home);

    expect(ran.code, ran.stderr).toBe(0);
    expect(JSON.parse(ran.stdout)).toMatchObject({ recordId: 3, quantity: 2, recordTitle: 'Incident 42 review' });
  });

  const awsClis = { v2: existsSync(AWS_CLI_V2) ? AWS_CLI_V2 : undefined, v1: AWS_CLI_V1 };
  for (const [version, aws] of Object.entries(awsClis)) {
    // CI installs v2 only; each runs where it is installed
    it.skipIf(aws === undefined)(
      `aws lambda invoke with the AWS CLI ${version}: the record, then StatusCode 200`,
      async () => {
        const ran = await runReadmeLine(command('echo \'{"id":1}\' | aws lambda invoke'), port, home, aws);

        expect(ran.code, `${ran.stdout}\n${ran.stderr}`).toBe(0);
        // the payload goes to /dev/stdout first, then the CLI prints the call's metadata
        const [payload, metadata] = ran.stdout.split(/(?<=\})(?=\{)/);
        expect(JSON.parse(payload!)).toEqual(RECORD_1);
        expect(JSON.parse(metadata!)).toEqual({ StatusCode: 200, ExecutedVersion: '$LATEST' });
      },
    );
  }

  it.skipIf(!hasCurl)('curl on the Function URL: the record as JSON', async () => {
    const ran = await runReadmeLine(command('curl '), port, home);

    expect(ran.code, ran.stderr).toBe(0);
    expect(JSON.parse(ran.stdout)).toEqual(RECORD_1);
  });
});
