/**
 * `Environment.invoke()` promises never to reject: whatever goes wrong with the process or with starting it, the
 * call gets an `Unhandled` result. Each failure path below is provoked for real (real processes, real signals).
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createBuilder } from '../../../src/build/index.js';
import type { NodeCode, ProvidedCode } from '../../../src/build/types.js';
import {
  createInvoker,
  DEFAULT_CREDENTIALS,
  Environment,
  functionVariables,
} from '../../../src/lambda/environments/index.js';
import type { InvocationResult, LocalFunction } from '../../../src/lambda/types.js';
import { alive, json, makeFunction, request, until } from './helpers.js';

describe('Environment.invoke() never rejects: every failure path is an Unhandled result', () => {
  const builder = createBuilder();
  const scripts = mkdtempSync(path.join(tmpdir(), 'lambdaport-never-rejects-'));
  const environments: Environment[] = [];
  let scriptCount = 0;
  afterEach(async () => {
    await Promise.all(environments.splice(0).map((environment) => environment.kill()));
  });
  afterAll(async () => {
    await builder.stop();
    rmSync(scripts, { recursive: true, force: true });
  });

  /** An environment of `fn` with `code`; `lines` collects what it logs. */
  function environmentOf(
    fn: LocalFunction,
    code: NodeCode | ProvidedCode,
    env: Record<string, string> = functionVariables(fn, '$LATEST', code, DEFAULT_CREDENTIALS, {}),
  ): { environment: Environment; lines: string[] } {
    const lines: string[] = [];
    const environment = new Environment({
      fn,
      version: '$LATEST',
      code,
      env,
      onLog: (line) => lines.push(line),
      onExit: () => undefined,
    });
    environments.push(environment);
    return { environment, lines };
  }

  async function nodeEnvironment(handler: string, timeoutSeconds = 3) {
    const fn = makeFunction({
      name: `never-rejects-${handler}`,
      handler: `src/handlers.ts#${handler}`,
      timeoutSeconds,
    });
    const code = await builder.code(fn, '$LATEST');
    if (code.kind !== 'node') throw new Error(`expected Node code, got ${code.kind}`);
    return { fn, ...environmentOf(fn, code) };
  }

  function providedEnvironment(script: string | undefined) {
    const file = path.join(scripts, `bootstrap-${++scriptCount}`);
    if (script !== undefined) {
      writeFileSync(file, script);
      chmodSync(file, 0o755);
    }
    const fn = makeFunction({ name: 'never-rejects-provided', handler: path.basename(file), dir: scripts });
    const code: ProvidedCode = { kind: 'provided', taskRoot: scripts, bootstrap: file, handler: path.basename(file) };
    return { fn, code, file };
  }

  function fault(result: InvocationResult): { errorType: string; errorMessage: string } {
    expect(result.functionError).toBe('Unhandled');
    return json<{ errorType: string; errorMessage: string }>(result);
  }

  it('the process is killed during a call → Runtime.ExitError "signal: killed"', async () => {
    const { fn, environment, lines } = await nodeEnvironment('sleep');
    const req = request(fn, { ms: 10_000 });

    const pending = environment.invoke(req);
    await until(() => lines.some((line) => line.startsWith(`START RequestId: ${req.requestId}`)));
    process.kill(environment.pid as number, 'SIGKILL');

    expect(fault(await pending)).toEqual({
      errorType: 'Runtime.ExitError',
      errorMessage: `RequestId: ${req.requestId} Error: Runtime exited with error: signal: killed`,
    });
    expect(environment.state).toBe('dead');
  });

  it('the process exits during init, before asking for an event → Runtime.ExitError "exit status 2"', async () => {
    const { fn, code } = providedEnvironment('#!/bin/sh\necho "giving up"\nexit 2\n');
    const { environment } = environmentOf(fn, code);
    const req = request(fn);

    const result = await environment.invoke(req);

    expect(fault(result).errorMessage).toBe(
      `RequestId: ${req.requestId} Error: Runtime exited with error: exit status 2`,
    );
    expect(result.log).toMatch(
      /^giving up\nSTART RequestId: .*\nEND RequestId: .*\nREPORT RequestId: .*\tStatus: error\tError Type: Runtime\.ExitError\n$/,
    );
  });

  it('the bootstrap cannot be spawned (missing file, reported by Node later) → Runtime.InvalidEntrypoint', async () => {
    const { fn, code, file } = providedEnvironment(undefined);
    const { environment } = environmentOf(fn, code);

    const result = await environment.invoke(request(fn));

    expect(fault(result)).toMatchObject({ errorType: 'Runtime.InvalidEntrypoint' });
    expect(fault(result).errorMessage).toContain(`[${file}] (ENOENT)`);
    expect(environment.state).toBe('dead');
  });

  it('spawn throws at once (an environment value with a NUL byte) → Runtime.InvalidEntrypoint', async () => {
    const { fn, code } = providedEnvironment('#!/bin/sh\nexit 0\n');
    const env = { ...functionVariables(fn, '$LATEST', code, DEFAULT_CREDENTIALS, {}), BROKEN: 'a\0b' };
    const { environment } = environmentOf(fn, code, env);

    const result = await environment.invoke(request(fn));

    expect(fault(result)).toMatchObject({ errorType: 'Runtime.InvalidEntrypoint' });
    expect(fault(result).errorMessage).toContain('ERR_INVALID_ARG_VALUE');
  });

  it('kill() while it is still starting (no process yet) → answered as killed, and no process is started after', async () => {
    const { fn, environment } = await nodeEnvironment('counter');
    const req = request(fn);

    const pending = environment.invoke(req);
    await environment.kill();
    const result = await pending;

    expect(fault(result)).toEqual({
      errorType: 'Runtime.ExitError',
      errorMessage: `RequestId: ${req.requestId} Error: Runtime exited with error: signal: killed`,
    });
    expect(environment.pid).toBeUndefined();
    expect(environment.state).toBe('dead');
  });

  it('kill() during a call → answered as killed; the process is gone', async () => {
    const { fn, environment, lines } = await nodeEnvironment('sleep');
    const req = request(fn, { ms: 10_000 });

    const pending = environment.invoke(req);
    await until(() => lines.some((line) => line.startsWith(`START RequestId: ${req.requestId}`)));
    const pid = environment.pid as number;
    await environment.kill();

    expect(fault(await pending)).toMatchObject({ errorType: 'Runtime.ExitError' });
    expect(alive(pid)).toBe(false);
  });

  it('an event the runtime cannot be handed (an ARN that is no valid header value) → Runtime.Unknown, warm or cold', async () => {
    const { fn, environment } = await nodeEnvironment('counter');
    const bad = (): ReturnType<typeof request> => request(fn, {}, { invokedFunctionArn: `${fn.arn}\nX-Injected: 1` });

    const cold = await environment.invoke(bad());
    const second = await nodeEnvironment('counter');
    expect(json(await second.environment.invoke(request(fn)))).toMatchObject({ count: 1 });
    const warm = await second.environment.invoke(bad());

    for (const result of [cold, warm]) {
      expect(fault(result).errorType).toBe('Runtime.Unknown');
      expect(fault(result).errorMessage).toMatch(/local runtime could not run the invocation: .*header/i);
    }
    expect([environment.state, second.environment.state]).toEqual(['dead', 'dead']);
  });

  it('a call to an environment that has died → Runtime.ExitError', async () => {
    const { fn, environment } = await nodeEnvironment('counter');
    await environment.invoke(request(fn));
    await environment.kill();

    expect(fault(await environment.invoke(request(fn))).errorType).toBe('Runtime.ExitError');
  });

  it('through the invoker: an onLog that throws is a warning, and the call still gets its result', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error): void => {
      warnings.push(warning.message);
    };
    process.on('warning', onWarning);
    const invoker = createInvoker({
      builder,
      prebootSpares: false,
      onLog: () => {
        throw new Error('log sink broken');
      },
    });
    try {
      const fn = makeFunction({ name: 'never-rejects-logs', handler: 'src/handlers.ts#logs' });

      const result = await invoker.invoke(fn, '$LATEST', request(fn));

      expect(result.functionError).toBeUndefined();
      expect(result.log).toMatch(/^START RequestId: /);
      await until(() => warnings.some((message) => message.includes('log sink broken')));
    } finally {
      process.off('warning', onWarning);
      await invoker.stop();
    }
  });
});
