import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createInvoker } from '../../../src/lambda/environments/index.js';
import { alive, json, makeFunction, request, until } from './helpers.js';

describe('faults: every one answered as AWS does, and the next call works', () => {
  const invoker = createInvoker();
  const broken = mkdtempSync(path.join(tmpdir(), 'lambdaport-faults-'));
  afterAll(async () => {
    await invoker.stop();
    rmSync(broken, { recursive: true, force: true });
  });

  it('time-out → Sandbox.Timedout, the environment is killed, the next call runs in a new one', async () => {
    const fn = makeFunction({ name: 'timeout', handler: 'src/handlers.ts#sleep', timeoutSeconds: 1 });
    const warm = json<{ pid: number }>(await invoker.invoke(fn, '$LATEST', request(fn, { ms: 1 })));
    const req = request(fn, { ms: 5000 });

    const result = await invoker.invoke(fn, '$LATEST', req);

    expect(result.functionError).toBe('Unhandled');
    expect(json(result)).toEqual({
      errorType: 'Sandbox.Timedout',
      errorMessage: `RequestId: ${req.requestId} Error: Task timed out after 1.00 seconds`,
    });
    expect(result.log).toMatch(/Task timed out after 1\.00 seconds/);
    expect(result.log).toMatch(/REPORT RequestId: .*\tStatus: timeout/);
    await until(() => !alive(warm.pid));
    const next = json<{ pid: number }>(await invoker.invoke(fn, '$LATEST', request(fn, { ms: 1 })));
    expect(next.pid).not.toBe(warm.pid);
  });

  it('process.exit(3) → Runtime.ExitError "exit status 3", then the next call works', async () => {
    const fn = makeFunction({ name: 'exit', handler: 'src/handlers.ts#exit' });
    const req = request(fn, { code: 3 });

    const result = await invoker.invoke(fn, '$LATEST', req);

    expect(result.functionError).toBe('Unhandled');
    expect(json(result)).toEqual({
      errorType: 'Runtime.ExitError',
      errorMessage: `RequestId: ${req.requestId} Error: Runtime exited with error: exit status 3`,
    });
    const again = await invoker.invoke(fn, '$LATEST', request(fn, { code: 0 }));
    expect(json(again).errorMessage).toMatch(/Runtime exited without providing a reason$/);
  });

  it('a 2 GB leak with memorySize 128 → Runtime.OutOfMemory (V8 aborts at the heap cap), then the next call works', async () => {
    const fn = makeFunction({ name: 'leak', handler: 'src/handlers.ts#leak', memorySize: 128, timeoutSeconds: 30 });
    const counter = makeFunction({ name: 'leak', handler: 'src/handlers.ts#counter', memorySize: 128 });
    const req = request(fn);

    const result = await invoker.invoke(fn, '$LATEST', req);

    expect(result.functionError).toBe('Unhandled');
    expect(json(result)).toEqual({
      errorType: 'Runtime.OutOfMemory',
      errorMessage: `RequestId: ${req.requestId} Error: Runtime exited with error: signal: aborted`,
    });
    expect(result.log).toMatch(/JavaScript heap out of memory/);
    expect(result.log).toMatch(
      /^REPORT .*\tMax Memory Used: 128 MB\t.*Status: error\tError Type: Runtime\.OutOfMemory$/m,
    );
    expect(json(await invoker.invoke(counter, '$LATEST', request(counter)))).toMatchObject({ count: 1 });
  });

  it('a response over 6,291,556 bytes → Function.ResponseSizeTooLarge, and the environment keeps serving', async () => {
    const fn = makeFunction({ name: 'big', handler: 'src/handlers.ts#big' });

    const result = await invoker.invoke(fn, '$LATEST', request(fn, { bytes: 7_000_000 }));
    const fits = await invoker.invoke(fn, '$LATEST', request(fn, { bytes: 6_291_554 }));

    expect(result.functionError).toBe('Unhandled');
    expect(json(result)).toEqual({
      errorType: 'Function.ResponseSizeTooLarge',
      errorMessage: 'Response payload size exceeded maximum allowed payload size (6291556 bytes).',
    });
    expect(fits.functionError).toBeUndefined();
    expect(fits.payload.length).toBe(6_291_556);
  });

  it('throw at import → the error posted to /init/error (errorType as thrown), and every call retries init', async () => {
    const fn = makeFunction({ name: 'import-throws', handler: 'src/import-throws.ts#handler' });

    const result = await invoker.invoke(fn, '$LATEST', request(fn));
    const again = await invoker.invoke(fn, '$LATEST', request(fn));

    expect(result.functionError).toBe('Unhandled');
    expect(json(result)).toMatchObject({ errorType: 'Error', errorMessage: 'boom at import' });
    expect(json<{ trace: string[] }>(result).trace[0]).toBe('Error: boom at import');
    expect(result.log).toMatch(/\tERROR\tUncaught Exception \t\{"errorType":"Error"/);
    expect(json(again)).toMatchObject({ errorType: 'Error' });
  });

  it('a missing export → Runtime.HandlerNotFound, named by the config handler string (not the bundle entry)', async () => {
    const fn = makeFunction({ name: 'missing-export', handler: 'src/handlers.ts#nope' });

    const result = await invoker.invoke(fn, '$LATEST', request(fn));

    expect(result.functionError).toBe('Unhandled');
    expect(json(result)).toMatchObject({ errorType: 'Runtime.HandlerNotFound' });
    expect(json<{ errorMessage: string }>(result).errorMessage).toMatch(
      /^src\/handlers\.ts#nope is undefined or not exported \(handlers\.ts exports .*\bthrows\b.*\)$/,
    );
  });

  it('a syntax error → Runtime.UserCodeSyntaxError naming the file and line; a missing import → Runtime.ImportModuleError', async () => {
    writeFileSync(path.join(broken, 'syntax.ts'), 'export const handler = async () => {\n  return { a: 1 ;\n};\n');
    writeFileSync(
      path.join(broken, 'imports.ts'),
      "import { x } from './nowhere.js';\nexport const handler = async () => x;\n",
    );
    const syntax = makeFunction({ name: 'syntax', handler: 'syntax.ts#handler', dir: broken });
    const imports = makeFunction({ name: 'imports', handler: 'imports.ts#handler', dir: broken });

    const a = await invoker.invoke(syntax, '$LATEST', request(syntax));
    const b = await invoker.invoke(imports, '$LATEST', request(imports));

    expect(a.functionError).toBe('Unhandled');
    expect(json(a)).toMatchObject({ errorType: 'Runtime.UserCodeSyntaxError' });
    expect(json(a).errorMessage).toMatch(/^SyntaxError: .*\(syntax\.ts:2:\d+\)$/);
    expect(json(b)).toMatchObject({ errorType: 'Runtime.ImportModuleError' });
    expect(json(b).errorMessage).toMatch(/nowhere\.js.*\(imports\.ts:1:\d+\)/);
  });

  it('a handler that throws → its error as the managed runtime serialises it; a thrown string → errorType "string"', async () => {
    const fn = makeFunction({ name: 'throws', handler: 'src/handlers.ts#throws' });
    const str = makeFunction({ name: 'throws-string', handler: 'src/handlers.ts#throwsString' });

    const result = await invoker.invoke(fn, '$LATEST', request(fn));
    const stringResult = await invoker.invoke(str, '$LATEST', request(str));

    expect(result.functionError).toBe('Unhandled');
    const body = json<{ errorType: string; errorMessage: string; trace: string[] }>(result);
    expect(body.errorType).toBe('TypeError');
    expect(body.errorMessage).toBe('bad thing');
    expect(body.trace[0]).toBe('TypeError: bad thing');
    expect(result.log).toMatch(/\tERROR\tInvoke Error \t\{"errorType":"TypeError"/);
    expect(json(stringResult)).toEqual({ errorType: 'string', errorMessage: 'just a string', trace: [] });
  });
});
