import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../../../test-support/async.js';
import { createBuilder } from '../../src/build/index.js';
import { createInvoker } from '../../src/lambda/environments/index.js';
import type { LocalFunction } from '../../src/lambda/types.js';
import { json, makeFunction, request, SERVICE_DIR } from '../lambda/environments/helpers.js';

describe('builder: esbuild bundles with source maps; watch mode and hot reload', () => {
  it('bundles TypeScript with a source map: a thrown error names the .ts line', async () => {
    const invoker = createInvoker();
    const fn = makeFunction({ name: 'ts-trace', handler: 'src/handlers.ts#throws' });
    const source = readFileSync(path.join(SERVICE_DIR, 'src/handlers.ts'), 'utf8').split('\n');
    const line = source.findIndex((text) => text.includes("throw new TypeError('bad thing')")) + 1;
    try {
      const result = await invoker.invoke(fn, '$LATEST', request(fn));

      const { trace } = json<{ trace: string[] }>(result);
      expect(trace[1]).toContain(`${path.join(SERVICE_DIR, 'src', 'handlers.ts')}:${line}:`);
    } finally {
      await invoker.stop();
    }
  });

  it('keeps class names: an error class renamed by bundling still travels as its own name', async () => {
    const invoker = createInvoker();
    const fn = makeFunction({ name: 'named-errors', handler: 'src/handlers.ts#throwsNamed' });
    try {
      const a = await invoker.invoke(fn, '$LATEST', request(fn, { b: false }));
      const b = await invoker.invoke(fn, '$LATEST', request(fn, { b: true }));

      expect(json(a)).toMatchObject({ errorType: 'NotFound', errorMessage: 'a missing' });
      expect(json(b)).toMatchObject({ errorType: 'NotFound', errorMessage: 'b missing' });
    } finally {
      await invoker.stop();
    }
  });

  it("bundles each major's function of one entry file into a folder of its own", async () => {
    const builder = createBuilder();
    const current = makeFunction({ name: 'majors', handler: 'src/handlers.ts#throws' });
    const older = {
      ...current,
      major: 2,
      current: false,
      deployedName: 'test-envs-majors-v2-abc123',
      arn: 'arn:aws:lambda:us-east-1:000000000000:function:test-envs-majors-v2-abc123',
    };
    try {
      const [a, b] = await Promise.all([builder.code(current, '$LATEST'), builder.code(older, '$LATEST')]);

      expect(a.kind === 'node' && b.kind === 'node').toBe(true);
      const roots = [a, b].map((code) => (code.kind === 'node' ? path.relative(SERVICE_DIR, code.taskRoot) : ''));
      expect(roots).toEqual([
        path.join('.lambdaport', 'build', 'envs', 'majors', 'src-handlers-ts'),
        path.join('.lambdaport', 'build', 'envs', 'majors-v2', 'src-handlers-ts'),
      ]);
    } finally {
      await builder.stop();
    }
  });

  describe('watch mode', () => {
    let dir = '';
    const rebuilt: string[] = [];
    const builder = createBuilder({ watch: true, onRebuilt: (fn) => rebuilt.push(fn.name) && invoker.retire(fn) });
    const invoker = createInvoker({ builder });
    afterAll(async () => {
      await invoker.stop();
      await builder.stop();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    const setup = async (): Promise<LocalFunction> => {
      dir = await mkdtemp(path.join(tmpdir(), 'lambdaport-watch-'));
      await writeFile(path.join(dir, 'message.ts'), "export const message = 'one';\n");
      await writeFile(
        path.join(dir, 'handler.ts'),
        "import { message } from './message.js';\nlet calls = 0;\nexport const handler = async () => ({ message, calls: ++calls });\n",
      );
      return makeFunction({ name: 'watched', handler: 'handler.ts#handler', dir });
    };

    it('hot reload: after a save, the next call runs the new code in a new environment', async () => {
      const fn = await setup();
      expect(json(await invoker.invoke(fn, '$LATEST', request(fn)))).toEqual({ message: 'one', calls: 1 });
      expect(json(await invoker.invoke(fn, '$LATEST', request(fn)))).toEqual({ message: 'one', calls: 2 });

      writeFileSync(path.join(dir, 'message.ts'), "export const message = 'two';\n");
      await waitFor(() => rebuilt.length === 1, { what: 'a rebuild' });
      const result = await invoker.invoke(fn, '$LATEST', request(fn));

      expect(json(result)).toEqual({ message: 'two', calls: 1 });
    });

    it('a build error does not stop the runtime: the function answers an init error until the file is fixed', async () => {
      const fn = makeFunction({ name: 'watched', handler: 'handler.ts#handler', dir });
      const before = rebuilt.length;

      writeFileSync(path.join(dir, 'message.ts'), "export const message = 'three;\n");
      await waitFor(() => rebuilt.length === before + 1, { what: 'a rebuild' });
      const failed = await invoker.invoke(fn, '$LATEST', request(fn));
      writeFileSync(path.join(dir, 'message.ts'), "export const message = 'fixed';\n");
      await waitFor(() => rebuilt.length === before + 2, { what: 'a rebuild' });
      const fixed = await invoker.invoke(fn, '$LATEST', request(fn));

      expect(failed.functionError).toBe('Unhandled');
      expect(json(failed)).toMatchObject({ errorType: 'Runtime.UserCodeSyntaxError' });
      expect(json(failed).errorMessage).toMatch(/message\.ts:1:\d+/);
      expect(failed.log).toMatch(/Init Error/);
      expect(json(fixed)).toEqual({ message: 'fixed', calls: 1 });
    });
  });

  it('stop() ends at once when a save is waiting out its debounce (the waiting rebuild is let go, nothing hangs)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'lambdaport-stop-'));
    try {
      await writeFile(path.join(dir, 'handler.ts'), 'export const handler = async () => 1;\n');
      const rebuilt: string[] = [];
      const builder = createBuilder({ watch: true, onRebuilt: (fn) => rebuilt.push(fn.name) });
      const fn = makeFunction({ name: 'stopping', handler: 'handler.ts#handler', dir });
      await builder.code(fn, '$LATEST');
      await writeFile(path.join(dir, 'handler.ts'), 'export const handler = async () => 2;\n');
      // the watcher has seen the save once a rebuild is scheduled: the build in progress is then a pending promise
      await waitFor(() => builder.ready?.(fn, '$LATEST') === undefined, {
        what: 'the save seen (a rebuild scheduled)',
      });
      const stopped = await Promise.race([
        builder.stop().then(() => 'stopped'),
        new Promise((resolve) => setTimeout(resolve, 5_000, 'still waiting after 5 s')),
      ]);

      expect(stopped).toBe('stopped');
      expect(rebuilt).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
