/**
 * boto3 (`/usr/bin/python3` with Debian's python3-boto3; .ci/run installs it) against startLocal(), unchanged.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientEnv, hasPython, PYTHON, runCommand } from './clients.js';
import { type E2e, startE2e } from './support.js';

const SCRIPT = `
import base64, json, sys
import boto3
from botocore.config import Config
endpoint, echo, api = sys.argv[1], sys.argv[2], sys.argv[3]
client = boto3.client('lambda', endpoint_url=endpoint, config=Config(retries={'max_attempts': 0}))
out = {}
r = client.invoke(FunctionName=echo, Payload=json.dumps({'from': 'boto3'}).encode(), LogType='Tail',
    ClientContext=base64.b64encode(json.dumps({'custom': {'k': 'v'}}).encode()).decode())
out['invoke'] = {'status': r['StatusCode'], 'version': r['ExecutedVersion'], 'payload': json.loads(r['Payload'].read()),
    'log': base64.b64decode(r['LogResult']).decode()}
r = client.invoke(FunctionName=api, Qualifier='v2')
out['alias'] = {'version': r['ExecutedVersion'], 'payload': json.loads(r['Payload'].read())}
r = client.invoke(FunctionName=echo, InvocationType='DryRun')
out['dryRun'] = r['StatusCode']
r = client.invoke(FunctionName=echo, InvocationType='Event', Payload=b'{}')
out['event'] = r['StatusCode']
try:
    client.invoke(FunctionName='no-such-function')
except client.exceptions.ResourceNotFoundException as e:
    out['notFound'] = {'code': e.response['Error']['Code'], 'message': e.response['Error']['Message'],
        'status': e.response['ResponseMetadata']['HTTPStatusCode']}
try:
    client.invoke(FunctionName=echo, Payload=b'{broken')
except client.exceptions.InvalidRequestContentException as e:
    out['badJson'] = e.response['ResponseMetadata']['HTTPStatusCode']
out['functions'] = sorted(f['FunctionName'] for f in client.list_functions()['Functions'])
print(json.dumps(out))
`;

let e2e: E2e;
let home: string;
beforeAll(async () => {
  if (!hasPython) return;
  e2e = await startE2e();
  home = mkdtempSync(path.join(tmpdir(), 'lambdaport-boto3-'));
});
afterAll(async () => {
  await e2e?.local.stop();
  if (home) rmSync(home, { recursive: true, force: true });
});

describe.skipIf(!hasPython)('boto3 against startLocal', () => {
  it('invokes, tails logs, passes client context, resolves aliases, and gets AWS-shaped errors', async () => {
    const result = await runCommand(
      PYTHON,
      ['-c', SCRIPT, e2e.local.url, e2e.fn('echo').deployedName, e2e.fn('api').deployedName],
      clientEnv(home),
    );

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out.invoke).toMatchObject({
      status: 200,
      version: '$LATEST',
      payload: { event: { from: 'boto3' }, clientContext: { custom: { k: 'v' } } },
    });
    expect(out.invoke.log).toContain('echo called');
    expect(out.alias).toEqual({ version: '2', payload: { api: 2, version: '2' } });
    expect(out.dryRun).toBe(204);
    expect(out.event).toBe(202);
    expect(out.notFound).toEqual({
      code: 'ResourceNotFoundException',
      message: 'Function not found: arn:aws:lambda:us-east-1:000000000000:function:no-such-function',
      status: 404,
    });
    expect(out.badJson).toBe(400);
    expect(out.functions).toEqual(e2e.local.functions.map((f) => f.deployedName).sort());
  });
});
