/**
 * Errors survive a user's bundler: a handler and a caller, each bundled with esbuild `minify: true` and no `keepNames`
 * (so `class InvalidRequestError` becomes `class e`), keep their errors' wire identity. The handler runs in the real
 * local runtime; it is called with bad input through the real SDK and through the minified copy of the typed client.
 *
 * The local runtime bundles a function again with `keepNames`, but that keeps the names it is given: those of the
 * minified prebuilt file. The `names` function reports what the running code calls the class, to prove it.
 */
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { SSMClient } from '@aws-sdk/client-ssm';
import type { LocalRuntime } from '@lambdaport/local';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidRequestError, LambdaportError } from '../../src/errors.js';
import { DATA_MARKER } from '../../src/wire.js';
import { credentials, rejectionOf, startServices } from '../client/local.js';
import { WidgetMissing } from './fixtures/minified/contract.js';

const SERVICE_DIR = path.join(import.meta.dirname, 'fixtures', 'minified');
const PREBUILT = path.join(SERVICE_DIR, '.lambdaport', 'prebuilt');

type Caller = typeof import('./fixtures/minified/caller.js');

/** Bundles `entry` as a user's bundler might: minified, names not kept. */
async function bundleMinified(entry: string, outfile: string): Promise<void> {
  await build({
    entryPoints: [path.join(SERVICE_DIR, entry)],
    outfile,
    bundle: true,
    minify: true,
    keepNames: false,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['@aws-sdk/*'],
    logLevel: 'silent',
  });
}

let local: LocalRuntime;
let lambda: LambdaClient;
let ssm: SSMClient;
let caller: Caller;

beforeAll(async () => {
  rmSync(PREBUILT, { recursive: true, force: true });
  await bundleMinified('handlers.ts', path.join(PREBUILT, 'handlers.cjs'));
  await bundleMinified('caller.ts', path.join(PREBUILT, 'caller.cjs'));
  caller = createRequire(import.meta.url)(path.join(PREBUILT, 'caller.cjs')) as Caller;
  local = await startServices([SERVICE_DIR]);
  lambda = new LambdaClient({ endpoint: local.url, region: 'us-east-1', credentials, maxAttempts: 1 });
  ssm = new SSMClient({ endpoint: local.url, region: 'us-east-1', credentials, maxAttempts: 1 });
});
afterAll(async () => {
  lambda?.destroy();
  ssm?.destroy();
  await local?.stop();
});

function deployedName(fn: string): string {
  const found = local.functions.find((f) => f.name === fn);
  if (!found) throw new Error(`no function ${fn} in the minified service`);
  return found.deployedName;
}

async function invokeRaw(fn: string, payload: unknown) {
  const out = await lambda.send(
    new InvokeCommand({ FunctionName: deployedName(fn), Payload: new TextEncoder().encode(JSON.stringify(payload)) }),
  );
  return { functionError: out.FunctionError, body: JSON.parse(new TextDecoder().decode(out.Payload)) };
}

describe('a handler bundled with minify and no keepNames', () => {
  it('really runs with renamed classes', async () => {
    const { body } = await invokeRaw('names', {});

    expect(body.className).not.toBe('InvalidRequestError');
    expect(body.errorName).toBe('InvalidRequestError');
  });

  it('answers bad input with errorType InvalidRequestError and its issues, over the real SDK', async () => {
    const { functionError, body } = await invokeRaw('get', { id: 'seven' });

    expect(functionError).toBe('Unhandled');
    expect(body.errorType).toBe('InvalidRequestError');
    const dataLine = (body.trace as string[]).find((line) => line.startsWith(DATA_MARKER));
    expect(JSON.parse(String(dataLine).slice(DATA_MARKER.length))).toMatchObject({
      code: 'InvalidRequest',
      data: { issues: [{ path: 'id' }] },
    });
  });

  it('answers a declared error with its name as errorType', async () => {
    const { functionError, body } = await invokeRaw('get', { id: 101 });

    expect(functionError).toBe('Unhandled');
    expect(body.errorType).toBe('WidgetMissing');
    expect(body.errorMessage).toBe('No widget 101');
  });
});

describe('the typed client, bundled with minify and no keepNames', () => {
  function client() {
    expect(caller.InvalidRequestError.name).not.toBe('InvalidRequestError'); // the caller copy is minified too
    return caller.createClient(caller.getWidget, { lambda, registry: caller.ssmRegistry({ ssm }), retry: false });
  }

  it('decodes the InvalidRequestError the handler threw, recognised by either copy', async () => {
    const error = await rejectionOf(client().invoke({ id: -1 }));

    expect(caller.InvalidRequestError.is(error)).toBe(true);
    expect(InvalidRequestError.is(error)).toBe(true);
    expect(error.name).toBe('InvalidRequestError');
    expect((error as InvalidRequestError).issues).toEqual([{ path: 'id', message: 'must not be negative' }]);
  });

  it('decodes the declared error with its data, recognised by either copy of the contract', async () => {
    const error = await rejectionOf(client().invoke({ id: 101 }));

    expect(caller.WidgetMissing.is(error)).toBe(true);
    expect(WidgetMissing.is(error)).toBe(true);
    expect(LambdaportError.is(error)).toBe(true);
    expect((error as InstanceType<typeof WidgetMissing>).data).toEqual({ id: 101 });
  });
});
