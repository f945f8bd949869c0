import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toJsonSchema } from '../../../src/contracts/json-schema/convert.js';
import { nodeScript } from '../../support/node-script.js';
import { serviceDir } from '../../support/service-dir.js';

describe('toJsonSchema', () => {
  let inRepo: { dir: string; remove(): void };
  let outside: { dir: string; remove(): void };

  beforeAll(() => {
    inRepo = serviceDir({ 'package.json': '{}' });
    outside = serviceDir({ 'package.json': '{}' }, { insideRepo: false });
  });

  afterAll(() => {
    inRepo.remove();
    outside.remove();
  });

  it("uses zod's Standard JSON Schema interface: input and output forms differ where zod's do", async () => {
    const schema = z.object({
      n: z
        .number()
        .int()
        .min(1)
        .meta({ description: 'how many', examples: [2] }),
      d: z.string().default('x'),
    });

    const input = await toJsonSchema(schema, 'input', outside.dir); // no package needed: the schema carries it
    const output = await toJsonSchema(schema, 'output', outside.dir);

    expect(input).toEqual({
      ok: true,
      schema: {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        type: 'object',
        properties: {
          n: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'how many', examples: [2] },
          d: { type: 'string', default: 'x' },
        },
        required: ['n'],
      },
    });
    expect(output.ok && output.schema.required).toEqual(['n', 'd']);
  });

  it('falls back to toJSONSchema of the zod the service dir resolves when a schema lacks the interface', async () => {
    const real = z.object({ id: z.number().describe('the id') });
    // a zod schema as zod 4.0/4.1 made them: no ~standard.jsonSchema
    const { jsonSchema: _dropped, ...standard } = real['~standard'] as (typeof real)['~standard'] & {
      jsonSchema?: unknown;
    };
    const older = Object.create(real, { '~standard': { value: standard } }) as typeof real;

    const result = await toJsonSchema(older, 'input', inRepo.dir);

    expect(result).toMatchObject({
      ok: true,
      schema: { properties: { id: { type: 'number', description: 'the id' } } },
    });
  });

  it('converts valibot with @valibot/to-json-schema from the service dir, and says to install it when missing', async () => {
    const schema = v.object({ n: v.pipe(v.number(), v.integer(), v.minValue(1)), o: v.optional(v.string()) });

    const result = await toJsonSchema(schema, 'input', inRepo.dir);
    const date = await toJsonSchema(v.object({ at: v.date() }), 'input', inRepo.dir);

    expect(result).toMatchObject({
      ok: true,
      schema: {
        type: 'object',
        properties: { n: { type: 'integer', minimum: 1 }, o: { type: 'string' } },
        required: ['n'],
      },
    });
    expect(date).toEqual({
      ok: false,
      problems: [{ path: '', message: 'The "date" schema cannot be converted to JSON Schema.' }],
    });
  });

  it('uses the Standard JSON Schema interface of any library, and refuses a library with no converter', async () => {
    const validate = (value: unknown) => ({ value });
    const own = {
      '~standard': {
        version: 1 as const,
        vendor: 'acme',
        validate,
        jsonSchema: { input: () => ({ type: 'string' }), output: () => ({ type: 'number' }) },
      },
    };
    const bare = { '~standard': { version: 1 as const, vendor: 'acme', validate } };

    expect(await toJsonSchema(own, 'output', outside.dir)).toEqual({ ok: true, schema: { type: 'number' } });
    expect(await toJsonSchema(bare, 'input', outside.dir)).toEqual({
      ok: false,
      problems: [
        {
          path: '',
          message:
            'a acme schema: its library offers no JSON Schema converter lambdaport knows (the Standard JSON Schema interface, zod 4, valibot)',
        },
      ],
    });
  });

  // Packages are resolved from the service dir as node resolves them: checked in a plain node process (the test
  // runner's module loader would find them from the repository whatever the dir).
  it('resolves converters from the service dir: a dir that has none gets a problem saying what to install', async () => {
    const results = await nodeScript(`
      import * as v from 'valibot';
      import { z } from 'zod';
      import { toJsonSchema } from '@lambdaport/governance';
      const real = z.object({ id: z.number() });
      const { jsonSchema, ...standard } = real['~standard'];
      const olderZod = Object.create(real, { '~standard': { value: standard } });
      const valibot = v.object({ n: v.number() });
      const dirs = { inRepo: ${JSON.stringify(inRepo.dir)}, outside: ${JSON.stringify(outside.dir)} };
      const out = {};
      for (const [where, dir] of Object.entries(dirs)) {
        out[where] = { zod: await toJsonSchema(olderZod, 'input', dir), valibot: await toJsonSchema(valibot, 'input', dir) };
      }
      console.log(JSON.stringify(out));
    `);

    expect(results).toMatchObject({
      inRepo: { zod: { ok: true }, valibot: { ok: true } },
      outside: {
        zod: { ok: false, problems: [{ path: '', message: expect.stringMatching(/Cannot find package 'zod'/) }] },
        valibot: {
          ok: false,
          problems: [
            {
              path: '',
              message: `a valibot schema: install its converter in the service (npm install --save-dev @valibot/to-json-schema in ${outside.dir})`,
            },
          ],
        },
      },
    });
  });
});
