/**
 * The whole check on fixture services with real zod contracts (modules loaded by the contracts loader, as
 * `lambdaport check` loads them): a lock written from one contract, the contract changed, the differences found. For
 * each part of a contract, a breaking and a safe change; a new major with the old one served; a major removed while
 * another service calls it; and what cannot be compared.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadServices } from '@lambdaport/config';
import { afterEach, describe, expect, it } from 'vitest';
import { checkServices, loadContracts, lockOf, readBaselines, serializeLock } from '../../src/index.js';
import { config, serviceDir } from '../support/service-dir.js';

/** The parts of a fixture contract, as zod source code. */
interface Parts {
  readonly input?: string;
  readonly output?: string;
  readonly errors?: Readonly<Record<string, string>>;
  readonly idempotent?: boolean;
}

const BASE: Required<Parts> = {
  input: 'z.object({ sku: z.string(), qty: z.number().int().min(1).max(100) })',
  output: "z.object({ sku: z.string(), status: z.enum(['open', 'shipped']), note: z.string().optional() })",
  errors: { NotFound: 'z.object({ sku: z.string() })' },
  idempotent: true,
};

/** A contract module exporting `get` (and `getV<N>` for older majors), each from its parts. */
function contractModule(majors: Readonly<Record<number, Parts>>): string {
  const lines = [`import { defineError, defineFunction } from 'lambdaport';`, `import { z } from 'zod';`];
  for (const [major, given] of Object.entries(majors)) {
    const p = { ...BASE, ...given };
    const errors = Object.entries(p.errors).map(([name, data]) => `defineError('${name}', ${data})`);
    lines.push(
      `export const getV${major} = defineFunction({ name: 'shop.get', version: ${major}, description: 'Get an item.', input: ${p.input}, output: ${p.output}, errors: [${errors.join(', ')}], idempotent: ${p.idempotent} });`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The config of `shop`: function `get` serving `current` (and `older` majors from `versions`). */
function shopConfig(current: number, older: readonly number[] = [], extra: Record<string, unknown> = {}): string {
  const versions = Object.fromEntries(
    older.map((m) => [m, { handler: 'src/handlers.mjs#handler', contract: `src/contract.mjs#getV${m}` }]),
  );
  return config('shop', {
    get: {
      contract: `src/contract.mjs#getV${current}`,
      version: current,
      ...(older.length > 0 && { versions }),
    },
    ...extra,
  });
}

const HANDLERS = 'export const handler = async () => ({});\n';
const made: { remove(): void }[] = [];
afterEach(() => {
  for (const m of made.splice(0)) m.remove();
});

/**
 * Locks `shop` as `before`, then rewrites it as `after`, and checks it (with `others`' configs among the services).
 */
async function check(
  before: { config: string; contract: string },
  after: { config: string; contract: string },
  others: readonly string[] = [],
) {
  const shop = serviceDir({ 'lambdaport.config.json': before.config, 'src/contract.mjs': before.contract });
  writeFileSync(path.join(shop.dir, 'src/handlers.mjs'), HANDLERS);
  made.push(shop);
  const first = await loadServices([shop.dir]);
  const loaded = await loadContracts(first);
  expect(loaded.problems).toEqual([]);
  writeFileSync(path.join(shop.dir, 'lambdaport.lock.json'), serializeLock(lockOf('shop', loaded.contracts)));

  writeFileSync(path.join(shop.dir, 'lambdaport.config.json'), after.config);
  writeFileSync(path.join(shop.dir, 'src/contract.mjs'), after.contract);
  const dirs = [shop.dir];
  for (const text of others) {
    const other = serviceDir({ 'lambdaport.config.json': text, 'src/handlers.mjs': HANDLERS });
    made.push(other);
    dirs.push(other.dir);
  }
  const services = await loadServices(dirs);
  const { contracts, problems } = await loadContracts(services);
  const result = checkServices(services, contracts, problems, await readBaselines(services, { kind: 'lock' }));
  const shopCheck = result.services.find((s) => s.service === 'shop')!;
  return {
    result,
    found: shopCheck.differences.map((d) => `${d.verdict} ${d.rule} ${d.part} ${d.pointer}`.trim()),
  };
}

const v1 = (parts: Parts = {}) => ({ config: shopConfig(1), contract: contractModule({ 1: parts }) });

describe('checkServices on fixture services with zod contracts', () => {
  it.each([
    [
      'input: a new required field',
      { input: 'z.object({ sku: z.string(), qty: z.number().int().min(1).max(100), store: z.string() })' },
      'breaking input.field-added-required input /properties/store',
    ],
    [
      'input: a new optional field',
      { input: 'z.object({ sku: z.string(), qty: z.number().int().min(1).max(100), gift: z.boolean().optional() })' },
      'safe input.field-added-optional input /properties/gift',
    ],
    [
      'input: a range narrowed',
      { input: 'z.object({ sku: z.string(), qty: z.number().int().min(1).max(10) })' },
      'breaking input.range-narrowed input /properties/qty/maximum',
    ],
    [
      'input: a range widened',
      { input: 'z.object({ sku: z.string(), qty: z.number().int().min(1).max(1000) })' },
      'safe input.range-widened input /properties/qty/maximum',
    ],
    [
      'output: a field made optional',
      {
        output:
          "z.object({ sku: z.string().optional(), status: z.enum(['open', 'shipped']), note: z.string().optional() })",
      },
      'breaking output.field-made-optional output /properties/sku',
    ],
    [
      'output: an enum widened',
      {
        output:
          "z.object({ sku: z.string(), status: z.enum(['open', 'shipped', 'lost']), note: z.string().optional() })",
      },
      'breaking output.enum-widened output /properties/status',
    ],
    [
      'output: a new field',
      {
        output:
          "z.object({ sku: z.string(), status: z.enum(['open', 'shipped']), note: z.string().optional(), at: z.string() })",
      },
      'safe output.field-added output /properties/at',
    ],
    [
      'output: a field made required',
      { output: "z.object({ sku: z.string(), status: z.enum(['open', 'shipped']), note: z.string() })" },
      'safe output.field-made-required output /properties/note',
    ],
    ['errors: one removed', { errors: {} }, 'breaking errors.removed errors.NotFound'],
    [
      'errors: one renamed',
      { errors: { Missing: 'z.object({ sku: z.string() })' } },
      'breaking errors.renamed errors.NotFound',
    ],
    [
      'errors: its data changed',
      { errors: { NotFound: 'z.object({ sku: z.string().nullable() })' } },
      'breaking output.null-added errors.NotFound.data /properties/sku',
    ],
    [
      'errors: one added',
      { errors: { NotFound: 'z.object({ sku: z.string() })', OutOfStock: 'z.object({})' } },
      'safe errors.added errors.OutOfStock',
    ],
    ['idempotency lost', { idempotent: false }, 'breaking idempotency.lost idempotent'],
  ] as const)('%s', async (_name, change, expected) => {
    const { found, result } = await check(v1(), v1(change));

    expect(found).toEqual([expected]);
    expect(result.breaking.length > 0).toBe(expected.startsWith('breaking'));
  });

  it('idempotency gained is safe', async () => {
    const { found } = await check(v1({ idempotent: false }), v1({ idempotent: true }));

    expect(found).toEqual(['safe idempotency.gained idempotent']);
  });

  it('a breaking change under a new major, with the old major still served, is accepted', async () => {
    const after = {
      config: shopConfig(2, [1]),
      contract: contractModule({ 1: {}, 2: { input: 'z.object({ sku: z.string(), store: z.string() })' } }),
    };
    const { found, result } = await check(v1(), after);

    expect(found).toEqual(['safe function.major-added']);
    expect(result.breaking).toEqual([]);
  });

  // (a caller pinned to the removed major, `shop.get@v1`, is refused before: by the config's own check of `calls`)
  it('the new major alone (major 1 no longer served) is refused while another service calls major 1', async () => {
    const after = {
      config: shopConfig(2),
      contract: contractModule({ 2: { input: 'z.object({ sku: z.string(), store: z.string() })' } }),
    };
    const caller = config('till', { sell: { calls: ['shop.get'] } });
    const { found, result } = await check(v1(), after, [caller]);

    expect(found).toEqual(['breaking function.major-removed-while-called', 'safe function.major-added']);
    expect(result.breaking[0]!.detail).toContain("till.sell (calls: 'shop.get')");
    expect(result.breaking[0]!.fix).toContain('versions: { 1: { handler, contract } }');
  });

  it('the same change with no caller among the services given is a safe removal', async () => {
    const after = { config: shopConfig(2), contract: contractModule({ 2: {} }) };
    const { found } = await check(v1(), after);

    expect(found).toEqual(['safe function.major-removed', 'safe function.major-added']);
  });

  it('a function removed is breaking, one added is safe', async () => {
    const withList = {
      config: shopConfig(1, [], { list: { contract: 'src/contract.mjs#getV1' } }),
      contract: contractModule({ 1: {} }),
    };
    expect((await check(withList, v1())).found).toEqual(['breaking function.removed']);
    expect((await check(v1(), withList)).found).toEqual(['safe function.added']);
  });

  it('a function whose contract no longer loads is reported as a problem, not as removed', async () => {
    const broken = { config: shopConfig(1), contract: contractModule({ 3: {} }) }; // no export getV1 any more
    const { found, result } = await check(v1(), broken);

    expect(found).toEqual([]);
    expect(result.problems.map((p) => `${p.service}.${p.function} ${p.kind}`)).toEqual(['shop.get missing-export']);
  });
});
