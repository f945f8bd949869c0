/**
 * The service config's `async` key through startLocal (real processes): retries 0 and an `onFailure` function, seen
 * in delivery (one attempt, the record sent to the destination) and through GetFunctionEventInvokeConfig.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetFunctionEventInvokeConfigCommand, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../../../../test-support/async.js';
import { type LocalRuntime, startLocal } from '../../../src/index.js';

const HANDLERS = `export const fail = async () => { throw new Error('always'); };
export const sink = async (event) => { console.log('RECORD ' + JSON.stringify(event)); return {}; };
`;

let dir: string;
let local: LocalRuntime;
let lambda: LambdaClient;
const lines: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'lambdaport-async-key-'));
  writeFileSync(path.join(dir, 'handlers.mjs'), HANDLERS);
  writeFileSync(path.join(dir, 'package.json'), '{ "type": "module", "private": true }\n');
  writeFileSync(
    path.join(dir, 'lambdaport.config.json'),
    JSON.stringify({
      service: 'asynckey',
      functions: {
        fail: { handler: 'handlers.mjs#fail', async: { maximumRetryAttempts: 0, onFailure: 'asynckey.sink' } },
        sink: { handler: 'handlers.mjs#sink' },
      },
    }),
  );
  local = await startLocal({
    dirs: [dir],
    ephemeral: true,
    prebootSpares: false,
    log: (line) => lines.push(line),
    onLog: (entry) => lines.push(`[${entry.fn.name}] ${entry.line}`),
  });
  lambda = new LambdaClient({
    endpoint: local.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
});

afterAll(async () => {
  lambda?.destroy();
  await local?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the async config key', () => {
  it('makes one attempt and sends the RetriesExhausted record to the onFailure function', async () => {
    const fail = local.functions.find((fn) => fn.name === 'fail')!;
    const sink = local.functions.find((fn) => fn.name === 'sink')!;
    const out = await lambda.send(
      new InvokeCommand({ FunctionName: fail.deployedName, InvocationType: 'Event', Payload: '{"k":1}' }),
    );
    await waitFor(() => lines.some((line) => line.includes('RECORD ')), { what: 'the record', timeoutMs: 30_000 });

    const record = JSON.parse(lines.find((line) => line.includes('RECORD '))!.split('RECORD ')[1]!);
    expect(record.requestContext).toEqual({
      requestId: out.$metadata.requestId,
      functionArn: `${fail.arn}:$LATEST`,
      condition: 'RetriesExhausted',
      approximateInvokeCount: 1,
    });
    expect(record.requestPayload).toEqual({ k: 1 });
    expect(lines.filter((line) => line.startsWith('[fail] START'))).toHaveLength(1);

    const config = await lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: fail.deployedName }));
    expect(config).toMatchObject({
      MaximumRetryAttempts: 0,
      DestinationConfig: { OnSuccess: {}, OnFailure: { Destination: sink.aliasArn } },
    });
  });
});
