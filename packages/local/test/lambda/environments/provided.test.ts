import { afterAll, describe, expect, it } from 'vitest';
import { createInvoker } from '../../../src/lambda/environments/index.js';
import { json, makeFunction, request } from './helpers.js';

describe('runtime provided: any executable bootstrap speaking the Runtime API', () => {
  const invoker = createInvoker();
  afterAll(() => invoker.stop());

  it('runs a shell-script bootstrap (curl against AWS_LAMBDA_RUNTIME_API), warm across calls', async () => {
    const fn = makeFunction({ name: 'shell', runtime: 'provided', handler: 'provided/bootstrap.sh' });

    const first = await invoker.invoke(fn, '$LATEST', request(fn, { n: 1 }));
    const second = await invoker.invoke(fn, '$LATEST', request(fn, { n: 2 }));

    expect(json(first)).toEqual({ runtime: 'shell', handler: 'provided/bootstrap.sh', event: { n: 1 } });
    expect(json(second)).toEqual({ runtime: 'shell', handler: 'provided/bootstrap.sh', event: { n: 2 } });
    expect(second.log).toMatch(/shell bootstrap got \{"n":2\}/);
    expect(second.log).toMatch(/^START RequestId: .* Version: \$LATEST\n/);
    expect(second.log).toMatch(/\nREPORT RequestId: [^\n]*\n$/);
  });

  it('runs a Node-script bootstrap, and passes on the errors it posts', async () => {
    const fn = makeFunction({ name: 'node-script', runtime: 'provided', handler: 'provided/bootstrap-node.mjs' });

    const ok = await invoker.invoke(fn, '$LATEST', request(fn, { n: 1 }));
    const failed = await invoker.invoke(fn, '$LATEST', request(fn, { fail: true }));
    const again = await invoker.invoke(fn, '$LATEST', request(fn, { n: 3 }));

    expect(json(ok)).toEqual({ runtime: 'node-script', calls: 1, event: { n: 1 } });
    expect(failed.functionError).toBe('Unhandled');
    expect(json(failed)).toEqual({ errorType: 'Custom.Failure', errorMessage: 'asked to fail', trace: [] });
    expect(json(again)).toMatchObject({ calls: 3 });
  });

  it('a bootstrap that is missing or not executable → Runtime.InvalidEntrypoint, and the runtime keeps serving', async () => {
    const missing = makeFunction({ name: 'missing', runtime: 'provided', handler: 'provided/nope' });
    const plain = makeFunction({ name: 'plain', runtime: 'provided', handler: 'provided/not-executable.sh' });
    const good = makeFunction({ name: 'shell', runtime: 'provided', handler: 'provided/bootstrap.sh' });

    const a = await invoker.invoke(missing, '$LATEST', request(missing));
    const b = await invoker.invoke(plain, '$LATEST', request(plain));
    const c = await invoker.invoke(good, '$LATEST', request(good, { n: 4 }));

    expect(a.functionError).toBe('Unhandled');
    expect(json(a)).toMatchObject({ errorType: 'Runtime.InvalidEntrypoint' });
    expect(json(a).errorMessage).toMatch(/provided\/nope.*ENOENT/);
    expect(json(b)).toMatchObject({ errorType: 'Runtime.InvalidEntrypoint' });
    expect(json(b).errorMessage).toMatch(/EACCES/);
    expect(json(c)).toMatchObject({ event: { n: 4 } });
  });
});
