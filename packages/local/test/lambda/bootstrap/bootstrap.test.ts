import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CodeSource, NodeCode } from '../../../src/build/index.js';
import { createInvoker } from '../../../src/lambda/environments/index.js';
import { json, makeFunction, request, SERVICE_DIR } from '../environments/helpers.js';

describe('the Node bootstrap behaves like the managed Node.js runtime', () => {
  const invoker = createInvoker({
    env: { AWS_ENDPOINT_URL: 'http://127.0.0.1:4567' },
    credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'secret', sessionToken: 'token' },
  });
  afterAll(() => invoker.stop());

  it('passes the context object and the environment variables AWS sets', async () => {
    const fn = makeFunction({
      name: 'context',
      handler: 'src/handlers.ts#context',
      memorySize: 256,
      timeoutSeconds: 5,
      environment: { FROM_CONFIG: 'yes' },
    });
    const clientContext = { custom: { tenant: 'ü-42' }, client: { app_title: 'tests' } };
    const req = request(
      fn,
      {},
      {
        invokedFunctionArn: `${fn.arn}:1`,
        clientContext: Buffer.from(JSON.stringify(clientContext)).toString('base64'),
      },
    );

    const result = await invoker.invoke(fn, '1', req);

    const body = json<{ env: Record<string, string | null>; [key: string]: unknown }>(result);
    expect(body).toMatchObject({
      functionName: fn.deployedName,
      functionVersion: '1',
      invokedFunctionArn: `${fn.arn}:1`,
      memoryLimitInMB: '256',
      awsRequestId: req.requestId,
      logGroupName: `/aws/lambda/${fn.deployedName}`,
      clientContext,
      identity: null,
      hostname: 'string',
    });
    expect(body.remaining).toBeGreaterThan(3000);
    expect(body.remaining).toBeLessThanOrEqual(5000);
    expect(body.logStreamName).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[1\][0-9a-f]{32}$/);
    expect(body.env).toMatchObject({
      AWS_LAMBDA_FUNCTION_NAME: fn.deployedName,
      AWS_LAMBDA_FUNCTION_VERSION: '1',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${fn.deployedName}`,
      AWS_LAMBDA_LOG_STREAM_NAME: body.logStreamName,
      _HANDLER: 'index.context',
      TZ: ':UTC',
      AWS_ACCESS_KEY_ID: 'AKIDLOCAL',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_SESSION_TOKEN: 'token',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:4567',
      FROM_CONFIG: 'yes',
    });
    // the function's runtime as the config resolved it (nodejs22.x here), not the host's Node (20 in CI)
    expect(body.env.AWS_EXECUTION_ENV).toBe(`AWS_Lambda_${fn.lambdaRuntime}`);
    expect(body.env.AWS_LAMBDA_RUNTIME_API).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(body.env.LAMBDA_TASK_ROOT).toContain(path.join('.lambdaport', 'build', 'envs', 'context'));
    expect(body.env.LAMBDA_RUNTIME_DIR).toBeTruthy();
    expect(body.env._X_AMZN_TRACE_ID).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0$/);
  });

  it('writes console.* in Lambda text format between START and END/REPORT, in the tail', async () => {
    const fn = makeFunction({ name: 'logs', handler: 'src/handlers.ts#logs' });
    const req = request(fn);

    const result = await invoker.invoke(fn, '$LATEST', req);

    const lines = (result.log ?? '').trimEnd().split('\n');
    const id = req.requestId;
    expect(lines[0]).toBe(`START RequestId: ${id} Version: $LATEST`);
    expect(lines[1]).toMatch(
      new RegExp(`^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z\\t${id}\\tINFO\\thello { a: 1 }$`),
    );
    expect(lines[2]).toMatch(new RegExp(`Z\\t${id}\\tWARN\\tcareful$`));
    expect(lines[3]).toMatch(new RegExp(`Z\\t${id}\\tERROR\\tmulti\\rline$`));
    expect(lines[4]).toBe(`END RequestId: ${id}`);
    expect(lines[5]).toMatch(
      new RegExp(
        `^REPORT RequestId: ${id}\\tDuration: \\d+\\.\\d{2} ms\\tBilled Duration: \\d+ ms\\tMemory Size: 128 MB\\tMax Memory Used: \\d+ MB\\tInit Duration: \\d+\\.\\d{2} ms$`,
      ),
    );
    expect(lines).toHaveLength(6);
    const warm = await invoker.invoke(fn, '$LATEST', request(fn));
    expect(warm.log).not.toMatch(/Init Duration/);
    expect(json<string>(warm)).toBe('logged');
  });

  it('leaves the log out unless the tail is asked for', async () => {
    const fn = makeFunction({ name: 'logs', handler: 'src/handlers.ts#logs' });

    const result = await invoker.invoke(fn, '$LATEST', request(fn, {}, { tail: false }));

    expect(result.log).toBeUndefined();
  });

  it('callback handlers: the result is sent once the event loop is empty (callbackWaitsForEmptyEventLoop)', async () => {
    const fn = makeFunction({ name: 'callback', handler: 'src/handlers.ts#callback' });
    const failing = makeFunction({ name: 'callback-error', handler: 'src/handlers.ts#callbackError' });

    const result = await invoker.invoke(fn, '$LATEST', request(fn));
    const error = await invoker.invoke(failing, '$LATEST', request(failing));

    expect(json(result)).toEqual({ timerRan: true });
    expect(error.functionError).toBe('Unhandled');
    expect(json(error)).toMatchObject({ errorType: 'RangeError', errorMessage: 'out of range' });
  });

  it('a CommonJS handler file is bundled and found; state survives', async () => {
    const fn = makeFunction({ name: 'cjs', handler: 'src/cjs-handler.cjs#handler' });

    await invoker.invoke(fn, '$LATEST', request(fn));
    const result = await invoker.invoke(fn, '$LATEST', request(fn, { n: 2 }));

    expect(json(result)).toEqual({ cjs: true, calls: 2, event: { n: 2 } });
  });

  it('an empty payload arrives as {}', async () => {
    const fn = makeFunction({ name: 'cjs', handler: 'src/cjs-handler.cjs#handler' });

    const result = await invoker.invoke(fn, '$LATEST', { ...request(fn), payload: Buffer.alloc(0) });

    expect(json(result)).toMatchObject({ event: {} });
  });

  it('@aws-sdk/* stays external and resolves from the service node_modules at run time', async () => {
    const fn = makeFunction({ name: 'sdk', handler: 'src/handlers.ts#sdk' });

    const result = await invoker.invoke(fn, '$LATEST', request(fn));

    expect(json(result)).toEqual({ client: 'function' });
  });
});

describe('the Node bootstrap with unbundled code (AWS handler strings: index.handler)', () => {
  const unbundled = path.join(SERVICE_DIR, 'unbundled');
  const broken = mkdtempSync(path.join(tmpdir(), 'lambdaport-bootstrap-'));
  writeFileSync(path.join(broken, 'broken.mjs'), 'export const handler = async () => {\n  return { a: 1 ;\n};\n');
  const codes = new Map<string, NodeCode>();
  const source: CodeSource = {
    code: async (fn) => {
      const handler = fn.versions.get('$LATEST')?.handler ?? '';
      const [root, name] = handler.split('|') as [string, string];
      const key = `${root}|${name}`;
      let code = codes.get(key);
      if (!code) {
        code = { kind: 'node', taskRoot: root, handler: name };
        codes.set(key, code);
      }
      return code;
    },
  };
  const invoker = createInvoker({ builder: source });
  afterAll(async () => {
    await invoker.stop();
    rmSync(broken, { recursive: true, force: true });
  });
  const run = (root: string, handler: string) => {
    const fn = makeFunction({ name: handler.replace(/\W/g, '-'), handler: `${root}|${handler}` });
    return invoker.invoke(fn, '$LATEST', request(fn, { hi: 1 }));
  };

  it('loads an ES module (.mjs) and a CommonJS module (.cjs)', async () => {
    expect(json(await run(unbundled, 'index.handler'))).toEqual({ esm: true, event: { hi: 1 } });
    expect(json(await run(unbundled, 'legacy.handler'))).toEqual({ cjs: true, event: { hi: 1 } });
  });

  it('a module that is not there → Runtime.ImportModuleError', async () => {
    const result = await run(unbundled, 'absent.handler');

    expect(result.functionError).toBe('Unhandled');
    expect(json(result)).toMatchObject({ errorType: 'Runtime.ImportModuleError' });
    expect(json(result).errorMessage).toMatch(/^Error: Cannot find module 'absent'/);
  });

  it('an import of a package that is not installed → Runtime.ImportModuleError', async () => {
    const result = await run(unbundled, 'needs.handler');

    expect(json(result)).toMatchObject({ errorType: 'Runtime.ImportModuleError' });
    expect(json(result).errorMessage).toMatch(/no-such-package-anywhere/);
  });

  it('a syntax error → Runtime.UserCodeSyntaxError', async () => {
    const result = await run(broken, 'broken.handler');

    expect(json(result)).toMatchObject({ errorType: 'Runtime.UserCodeSyntaxError' });
    expect(json(result).errorMessage).toMatch(/^SyntaxError: /);
  });

  it('a handler string without a dot → Runtime.MalformedHandlerName; a non-function → Runtime.HandlerNotFound', async () => {
    expect(json(await run(unbundled, 'index'))).toMatchObject({ errorType: 'Runtime.MalformedHandlerName' });
    expect(json(await run(unbundled, 'index.handler.name'))).toMatchObject({
      errorType: 'Runtime.HandlerNotFound',
      errorMessage: 'index.handler.name is not a function',
    });
  });
});
