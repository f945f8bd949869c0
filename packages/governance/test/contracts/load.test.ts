import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { loadServices } from '@lambdaport/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ContractProblem, formatContractProblem, loadContracts } from '../../src/index.js';
import { config, MARKING_HANDLER, serviceDir } from '../support/service-dir.js';

const REPO = path.resolve(import.meta.dirname, '../../../..');

describe('loadContracts on the examples', () => {
  it('loads every function of records and orders, with JSON Schemas, errors, examples and sources', async () => {
    const services = await loadServices([path.join(REPO, 'examples/records'), path.join(REPO, 'examples/orders')]);
    const { contracts, problems } = await loadContracts(services);

    expect(problems).toEqual([]);
    expect(contracts.map((c) => c.label)).toEqual([
      'records.get',
      'records.getUrl',
      'orders.create',
      'orders.record',
      'orders.get',
    ]);
    const getUrl = contracts.find((c) => c.label === 'records.getUrl')!;
    expect(getUrl.contractName).toBe('records.get'); // getUrl serves records.get's contract
    expect(getUrl.source).toEqual({
      file: path.join(REPO, 'examples/records/src/contract.ts'),
      exportName: 'getRecord',
      keyPath: 'functions.getUrl.contract',
      inputs: [path.join(REPO, 'examples/records/src/contract.ts')],
    });
    expect(getUrl.inputSchema).toMatchObject({
      type: 'object',
      properties: { id: { type: 'integer', minimum: 0 } },
      required: ['id'],
    });
    expect(getUrl.outputSchema).toMatchObject({ properties: { status: { enum: ['active', 'archived'] } } });
    expect(getUrl.errors).toEqual([
      {
        name: 'RecordNotFound',
        description: 'No record has this id.',
        status: 404,
        dataSchema: expect.objectContaining({ properties: { id: { type: 'number' } } }),
      },
    ]);
    expect(getUrl.examples[0]).toMatchObject({ input: { id: 1 }, hasOutput: true });
    const create = contracts.find((c) => c.label === 'orders.create')!;
    expect(create).toMatchObject({ idempotent: false, version: 1, major: 1, current: true, function: 'create' });
    expect(create.fn.deployedName).toMatch(/^dev-orders-create-[0-9a-f]{6}$/);
  });
});

describe('loadContracts: problems, never guesses', () => {
  let shop: { dir: string; remove(): void };
  let problems: readonly ContractProblem[];
  let loaded: string[];

  beforeAll(async () => {
    shop = serviceDir({
      'lambdaport.config.json': config('shop', {
        ok: { contract: 'src/contract.mjs#getItem' },
        nokey: {},
        missing: { contract: 'src/contract.mjs#getItm' },
        schema: { contract: 'src/contract.mjs#ItemSchema' },
        impl: { contract: 'src/contract.mjs#getItemLogic' },
        nested: { contract: 'src/contract.mjs#api.listItems' },
        dates: { contract: 'src/dates.mjs#getDated' },
        throws: { contract: 'src/throws.mjs#anything' },
        older: {
          contract: 'src/contract.mjs#getItem',
          version: 2,
          versions: { 1: { handler: 'src/handlers.mjs#handler' } },
        },
      }),
      'src/handlers.mjs': MARKING_HANDLER,
      'src/contract.mjs': `import { defineFunction, implement } from 'lambdaport';
import { z } from 'zod';
export const ItemSchema = z.object({ sku: z.string(), price: z.number() });
export const getItem = defineFunction({
  name: 'shop.ok', version: 1, description: 'Fetch an item.',
  input: z.object({ sku: z.string() }), output: ItemSchema,
  examples: [{ input: { sku: 'a-1' }, output: { sku: 'a-1', price: 3 } }],
});
export const getItemLogic = implement(getItem, async ({ sku }) => ({ sku, price: 1 }));
export const api = {
  listItems: defineFunction({ name: 'shop.nested', version: 1, description: 'List.', input: z.object({}), output: z.array(ItemSchema) }),
};
`,
      'src/dates.mjs': `import { defineFunction, defineError } from 'lambdaport';
import { z } from 'zod';
const Late = defineError('Late', z.object({ since: z.date() }));
export const getDated = defineFunction({
  name: 'shop.dates', version: 1, description: 'Dates everywhere.',
  input: z.object({ at: z.date(), lines: z.array(z.object({ big: z.bigint() })) }),
  output: z.object({ when: z.string().transform((s) => new Date(s)), any: z.custom(() => true) }),
  errors: [Late],
});
`,
      'src/throws.mjs': `throw new Error('boom while importing');\n`,
    });
    const services = await loadServices([shop.dir]);
    const result = await loadContracts(services);
    problems = result.problems;
    loaded = result.contracts.map((c) => c.label);
  });

  afterAll(() => shop.remove());

  const about = (fn: string) => problems.filter((p) => p.function === fn);

  it('loads the good contracts, a dotted export path too, and never imports a handler module', () => {
    expect(loaded).toEqual(['shop.ok', 'shop.nested']);
    expect(existsSync(path.join(shop.dir, 'handler-was-imported'))).toBe(false);
    // the temporary bundles are gone
    expect(readdirSync(path.join(shop.dir, '.lambdaport/contracts'))).toEqual([]);
  });

  it('reports a function without a contract key, saying what to add', () => {
    expect(about('nokey')).toEqual([
      {
        kind: 'no-contract',
        service: 'shop',
        function: 'nokey',
        major: 1,
        configFile: path.join(shop.dir, 'lambdaport.config.json'),
        keyPath: 'functions.nokey.contract',
        message:
          "shop.nokey has no contract: add contract: 'src/contract.ts#yourContract' to functions.nokey, naming the module export that holds its defineFunction(...) contract (the tools never guess it from the handler)",
      },
    ]);
  });

  it('reports a missing export, listing the contracts the module has', () => {
    expect(about('missing').map((p) => [p.kind, p.message])).toEqual([
      ['missing-export', 'src/contract.mjs has no export getItm (its contract exports: getItem)'],
    ]);
  });

  it('reports an export that is not a contract: a schema, an implementation', () => {
    expect(about('schema').map((p) => [p.kind, p.message])).toEqual([
      [
        'not-a-contract',
        'src/contract.mjs#ItemSchema is a schema, not a function contract: name an export made by defineFunction({ name, version, description, input, output })',
      ],
    ]);
    expect(about('impl')[0]?.message).toContain('is an implementation (implement()): name the contract it implements');
  });

  it('reports every part of a schema with no JSON form, with its field path', () => {
    expect(about('dates').map((p) => [p.kind, p.message.replace(/; every part.*$/, '')])).toEqual([
      [
        'schema-not-convertible',
        'the contract shop.dates (src/dates.mjs#getDated): input.at: Date cannot be represented in JSON Schema',
      ],
      [
        'schema-not-convertible',
        'the contract shop.dates (src/dates.mjs#getDated): input.lines[].big: BigInt cannot be represented in JSON Schema',
      ],
      [
        'schema-not-convertible',
        'the contract shop.dates (src/dates.mjs#getDated): output.when: Transforms cannot be represented in JSON Schema',
      ],
      [
        'schema-not-convertible',
        'the contract shop.dates (src/dates.mjs#getDated): output.any: Custom types cannot be represented in JSON Schema',
      ],
      [
        'schema-not-convertible',
        'the contract shop.dates (src/dates.mjs#getDated): errors.Late.data.since: Date cannot be represented in JSON Schema',
      ],
    ]);
  });

  it('reports a module that cannot be imported, with its error', () => {
    expect(about('throws').map((p) => [p.kind, p.message])).toEqual([
      ['module-not-loaded', 'could not load src/throws.mjs: boom while importing'],
    ]);
  });

  it("reports a contract whose version is not the major served, and an older major's missing contract", () => {
    expect(about('older').map((p) => [p.kind, p.keyPath, p.message])).toEqual([
      [
        'version-mismatch',
        'functions.older.contract',
        "the contract shop.ok (src/contract.mjs#getItem) has version 1, but shop.older serves major 2: name the contract of major 2 here, or change the contract's version",
      ],
      [
        'no-contract',
        'functions.older.versions.1.contract',
        "shop.older@v1 has no contract: add contract: 'src/contract.ts#yourContract' to functions.older.versions.1, naming the module export that holds its defineFunction(...) contract (the tools never guess it from the handler)",
      ],
    ]);
  });

  it('formats a problem as <config file>: <key path>: <message>', () => {
    expect(formatContractProblem(about('missing')[0]!)).toBe(
      `${path.relative(process.cwd(), path.join(shop.dir, 'lambdaport.config.json'))}: functions.missing.contract: src/contract.mjs has no export getItm (its contract exports: getItem)`,
    );
  });
});

describe('loadContracts: examples', () => {
  it('reports an example its schema refuses (defineFunction checks them only where outputs are validated)', async () => {
    const svc = serviceDir({
      'lambdaport.config.json': config('ex', { get: { contract: 'src/contract.mjs#get' } }),
      'src/handlers.mjs': 'export const handler = async () => ({});\n',
      'src/contract.mjs': `import { defineFunction } from 'lambdaport';
import { z } from 'zod';
export const get = defineFunction({
  name: 'ex.get', version: 1, description: 'Get.',
  input: z.object({ id: z.number() }), output: z.object({ ok: z.boolean() }),
  examples: [{ input: { id: 'one' } }, { name: 'fine', input: { id: 1 }, output: { ok: 'yes' } }],
});
`,
    });
    const saved = process.env.LAMBDAPORT_VALIDATE_OUTPUT;
    process.env.LAMBDAPORT_VALIDATE_OUTPUT = '0'; // as in production: defineFunction leaves the examples to the tools
    try {
      const { contracts, problems } = await loadContracts(await loadServices([svc.dir]));
      expect(contracts).toEqual([]);
      expect(problems.map((p) => [p.kind, p.message])).toEqual([
        [
          'invalid-example',
          'the contract ex.get: examples[0].input does not match its schema: id: Invalid input: expected number, received string',
        ],
        [
          'invalid-example',
          'the contract ex.get: examples[1].output does not match its schema: ok: Invalid input: expected boolean, received string',
        ],
      ]);
    } finally {
      if (saved === undefined) delete process.env.LAMBDAPORT_VALIDATE_OUTPUT;
      else process.env.LAMBDAPORT_VALIDATE_OUTPUT = saved;
      svc.remove();
    }
  });
});
