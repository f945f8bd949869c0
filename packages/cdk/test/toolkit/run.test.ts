/**
 * deploy, diff and destroy up to the AWS call: the assembly they act on, the toolkit's first call (STS, to find the
 * account) made against a closed loopback endpoint, and failures as one line.
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DeployError, deployServices, destroyServices, diffServices, explainToolkitFailure } from '../../src/index.js';
import { serviceDir, tempDir } from '../support/service-dir.js';

const saved = { ...process.env };
afterEach(() => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
});

/** Credentials that exist, and an AWS endpoint where nothing listens (port 9 on loopback). */
function closedEndpoint(): void {
  const home = tempDir({});
  Object.assign(process.env, {
    HOME: home,
    AWS_CONFIG_FILE: path.join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'credentials'),
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: 'us-east-1',
    AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
    AWS_EC2_METADATA_DISABLED: 'true',
  });
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_SESSION_TOKEN;
}

async function failure(promise: Promise<unknown>): Promise<DeployError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof DeployError)) throw new Error(`expected a DeployError, got ${String(error)}`);
  return error;
}

const quiet = { out: () => {}, err: () => {}, validation: false } as const;

describe('deploy, diff and destroy', () => {
  it('synthesize the assembly, then make the toolkit call, which fails against a closed endpoint in one line', async () => {
    closedEndpoint();
    const dir = serviceDir({ service: 'records', functions: { get: { handler: 'src/handlers.ts#handler' } } });
    const outdir = path.join(tempDir({}), 'cdk.out');
    const error = await failure(deployServices({ ...quiet, dirs: [dir], stage: 'qa', outdir }));
    expect(error.message).toMatch(
      /^could not find the AWS account of your credentials \(STS GetCallerIdentity failed: .*ECONNREFUSED 127\.0\.0\.1:9\)$/,
    );
    expect(existsSync(path.join(outdir, 'qa-records.template.json'))).toBe(true);
    expect((await failure(diffServices({ ...quiet, dirs: [dir], stage: 'qa' }))).message).toMatch(
      /ECONNREFUSED 127\.0\.0\.1:9/,
    );
    expect((await failure(destroyServices({ ...quiet, dirs: [dir], stage: 'qa', yes: true }))).message).toMatch(
      /ECONNREFUSED 127\.0\.0\.1:9/,
    );
  }, 120_000);

  it('destroy deletes nothing without a yes', async () => {
    closedEndpoint();
    const dir = serviceDir({ service: 'records', functions: { get: { handler: 'src/handlers.ts#handler' } } });
    const said: string[] = [];
    const result = await destroyServices({
      ...quiet,
      dirs: [dir],
      err: (t) => said.push(t),
      confirm: async () => false,
    });
    expect(result.stacks).toEqual(['dev-records']);
    expect(said.join('')).toMatch(/Aborted/);
  }, 60_000);

  it('leave no temporary assembly behind when no folder is given', async () => {
    closedEndpoint();
    const tmp = tempDir({});
    mkdirSync(path.join(tmp, 't'));
    const dir = serviceDir({ service: 'records', functions: { get: { handler: 'src/handlers.ts#handler' } } });
    process.env.TMPDIR = path.join(tmp, 't');
    await failure(deployServices({ ...quiet, dirs: [dir] }));
    expect(readdirSync(path.join(tmp, 't'))).toEqual([]);
  }, 60_000);
});

describe('explainToolkitFailure', () => {
  it('says how to bootstrap the account and region the toolkit names', () => {
    expect(
      explainToolkitFailure({
        kind: 'bootstrap',
        message:
          "SSM parameter /cdk-bootstrap/hnb659fds/version not found in aws://123456789012/eu-west-1. Has the environment been bootstrapped? Please run 'cdk bootstrap'",
        environment: { account: '123456789012', region: 'eu-west-1' },
      }),
    ).toBe(
      'the AWS environment aws://123456789012/eu-west-1 is not bootstrapped for the CDK: run `npx aws-cdk bootstrap aws://123456789012/eu-west-1` once per account and region (it creates the bucket for the code and the deploy roles), then deploy again',
    );
  });

  it('tells missing credentials from an account lookup that failed', () => {
    const unresolved = { kind: 'authentication', message: 'Unable to resolve AWS account to use.' } as const;
    expect(
      explainToolkitFailure(unresolved, {
        accountLookup:
          'Unable to determine the default AWS account (CredentialsProviderError): Could not load credentials from any providers',
      }),
    ).toMatch(/^no AWS credentials found: set AWS_PROFILE or pass --profile/);
    expect(
      explainToolkitFailure(unresolved, {
        accountLookup:
          'Unable to determine the default AWS account (ExpiredToken): The security token included in the request is expired',
      }),
    ).toBe(
      'could not find the AWS account of your credentials (STS GetCallerIdentity failed: The security token included in the request is expired)',
    );
  });

  it('keeps the first line of any other failure', () => {
    expect(
      explainToolkitFailure({ kind: 'other', message: '\nStack dev-records failed: ROLLBACK_COMPLETE\nmore' }),
    ).toBe('Stack dev-records failed: ROLLBACK_COMPLETE');
  });
});
