import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import nodeModule from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createBuilder } from '../../../src/build/index.js';
import { createInvoker } from '../../../src/lambda/environments/index.js';
import { json, makeFunction, request, SERVICE_DIR } from '../environments/helpers.js';

const HANDLER = `import { AsyncLocalStorage } from 'node:async_hooks';
export const message: string = 'v1';
let calls = 0;
export const handler = async (event: { fail?: boolean }) => {
  calls += 1;
  if (event.fail) throw new RangeError('failed here');
  const hooks = await import('node:async_hooks');
  return {
    message,
    calls,
    url: import.meta.url,
    dirname: import.meta.dirname,
    strict: (function (this: unknown) { return this === undefined; })(),
    dynamicImport: hooks.AsyncLocalStorage === AsyncLocalStorage,
  };
};
`;

const TOP_LEVEL_AWAIT = `const value = await Promise.resolve(42);
export const handler = async () => ({ value, url: import.meta.url });
`;

/**
 * Node 20 has no compile cache of its own: the bootstrap keeps V8 code caches itself (`<bundle>.v8cache`, and
 * `.lambdaport/cache/modules` for node_modules). Node >= 22.1 has one: the bootstrap turns it on in
 * `.lambdaport/cache/node` and writes it after the first call.
 */
const OWN_CACHES = typeof (nodeModule as { enableCompileCache?: unknown }).enableCompileCache !== 'function';

/** The files of Node's compile cache under `dir` (it keeps them in a folder named after its version). */
function nodeCacheFiles(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  if (!existsSync(dir)) return files;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile())
      files.set(path.join(entry.parentPath, entry.name), readFileSync(path.join(entry.parentPath, entry.name)));
  }
  return files;
}

describe(`CommonJS bundles with a code cache (${OWN_CACHES ? 'ours: Node 20' : "Node's own"}), ESM when the code needs it`, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lambdaport-code-cache-'));
  writeFileSync(path.join(dir, 'handler.ts'), HANDLER);
  writeFileSync(path.join(dir, 'tla.ts'), TOP_LEVEL_AWAIT);
  const builder = createBuilder();
  const invoker = createInvoker({ builder, prebootSpares: false });
  afterAll(async () => {
    await invoker.stop();
    await builder.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const fn = makeFunction({ name: 'cached', handler: 'handler.ts#handler', dir });
  const bundleDir = path.join(dir, '.lambdaport', 'build', 'envs', 'cached', 'handler-ts');
  const bundle = path.join(bundleDir, 'index.cjs');
  const cache = `${bundle}.v8cache`;
  const nodeCache = path.join(dir, '.lambdaport', 'cache', 'node');

  it('bundles as CommonJS with the semantics of the ES module it came from, and writes the cache after the first call', async () => {
    const result = await invoker.invoke(fn, '$LATEST', request(fn));

    expect(json(result)).toEqual({
      message: 'v1',
      calls: 1,
      url: pathToFileURL(bundle).href,
      dirname: bundleDir,
      strict: true,
      dynamicImport: true,
    });
    expect(existsSync(path.join(bundleDir, 'index.mjs'))).toBe(false);
    await invoker.invoke(fn, '$LATEST', request(fn)); // the cache is written once the first call is answered
    if (OWN_CACHES) expect(readFileSync(cache).subarray(0, 20).toString('latin1')).toBe('lambdaport-v8cache 1');
    else expect(nodeCacheFiles(nodeCache).size).toBeGreaterThan(0);
  });

  it('a cold start from the cache behaves the same, and stack traces still name the .ts line', async () => {
    invoker.retire(fn);
    const written = OWN_CACHES ? readFileSync(cache) : undefined;

    const ok = await invoker.invoke(fn, '$LATEST', request(fn));
    const failed = await invoker.invoke(fn, '$LATEST', request(fn, { fail: true }));

    expect(json(ok)).toMatchObject({ message: 'v1', calls: 1, strict: true, dynamicImport: true });
    if (written !== undefined) expect(readFileSync(cache).equals(written)).toBe(true); // accepted, not rewritten
    const { errorType, trace } = json<{ errorType: string; trace: string[] }>(failed);
    expect(errorType).toBe('RangeError');
    const line = HANDLER.split('\n').findIndex((text) => text.includes('failed here')) + 1;
    expect(trace[1]).toContain(`${path.join(dir, 'handler.ts')}:${line}:`);
  });

  it('a damaged cache is ignored and replaced', async () => {
    const files = OWN_CACHES ? new Map([[cache, readFileSync(cache)]]) : nodeCacheFiles(nodeCache);
    const damaged = new Map<string, Buffer>();
    for (const [file, written] of files) {
      const bytes = Buffer.from(written);
      bytes.fill(7, Math.min(200, bytes.length >> 1));
      writeFileSync(file, bytes);
      damaged.set(file, bytes);
    }
    expect(damaged.size).toBeGreaterThan(0);
    invoker.retire(fn);

    const first = await invoker.invoke(fn, '$LATEST', request(fn));
    await invoker.invoke(fn, '$LATEST', request(fn));

    expect(json(first)).toMatchObject({ message: 'v1', calls: 1 });
    const now = OWN_CACHES ? new Map([[cache, readFileSync(cache)]]) : nodeCacheFiles(nodeCache);
    expect([...damaged].some(([file, bytes]) => !now.get(file)?.equals(bytes))).toBe(true);
  });

  it.skipIf(!OWN_CACHES)(
    'a cache written by another Node or V8 version (another tag) is rejected and rewritten',
    async () => {
      const written = readFileSync(cache);
      const header = written.subarray(0, written.indexOf(10)).toString('latin1'); // magic, source sha1, tag
      const foreign = `${header.slice(0, header.lastIndexOf(' '))} ${'0'.repeat(40)}`;
      writeFileSync(cache, Buffer.concat([Buffer.from(foreign, 'latin1'), written.subarray(header.length)]));
      invoker.retire(fn);

      const first = await invoker.invoke(fn, '$LATEST', request(fn));
      await invoker.invoke(fn, '$LATEST', request(fn));

      expect(json(first)).toMatchObject({ message: 'v1', calls: 1 });
      expect(readFileSync(cache).subarray(0, header.length).toString('latin1')).toBe(header);
    },
  );

  it('a rebuild to a bundle of the same length never runs the old cached code', async () => {
    const before = readFileSync(bundle).length;
    writeFileSync(path.join(dir, 'handler.ts'), HANDLER.replace("'v1'", "'v2'"));
    const rebuilt = createBuilder();
    const fresh = createInvoker({ builder: rebuilt, prebootSpares: false });
    try {
      const result = await fresh.invoke(fn, '$LATEST', request(fn));

      expect(readFileSync(bundle).length).toBe(before);
      expect(json(result)).toMatchObject({ message: 'v2', calls: 1 });
    } finally {
      await fresh.stop();
      await rebuilt.stop();
    }
  });

  it(`CommonJS files loaded from node_modules (the AWS SDK) get caches too, in <service>/.lambdaport/cache/${OWN_CACHES ? 'modules' : 'node'}`, async () => {
    const sdk = makeFunction({ name: 'sdk', handler: 'src/handlers.ts#sdk' });
    const modules = path.join(SERVICE_DIR, '.lambdaport', 'cache', 'modules');
    const compiled = path.join(SERVICE_DIR, '.lambdaport', 'cache', 'node');
    rmSync(modules, { recursive: true, force: true });
    rmSync(compiled, { recursive: true, force: true });

    await invoker.invoke(sdk, '$LATEST', request(sdk));
    await invoker.invoke(sdk, '$LATEST', request(sdk));
    const written = OWN_CACHES
      ? readdirSync(modules).filter((name) => name.endsWith('.v8cache'))
      : [...nodeCacheFiles(compiled).keys()];
    invoker.retire(sdk);
    const fromCache = await invoker.invoke(sdk, '$LATEST', request(sdk));

    expect(written.length).toBeGreaterThan(5);
    expect(json(fromCache)).toEqual({ client: 'function' });
  });

  it('code with top-level await is bundled as an ES module (index.mjs) and runs', async () => {
    const tla = makeFunction({ name: 'tla', handler: 'tla.ts#handler', dir });
    const tlaDir = path.join(dir, '.lambdaport', 'build', 'envs', 'tla', 'tla-ts');

    const result = await invoker.invoke(tla, '$LATEST', request(tla));

    expect(json(result)).toEqual({ value: 42, url: pathToFileURL(path.join(tlaDir, 'index.mjs')).href });
    expect(existsSync(path.join(tlaDir, 'index.cjs'))).toBe(false);
  });
});
