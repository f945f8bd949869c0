/**
 * The JSON Schema of the config, generated from its zod schema (`z.toJSONSchema`), for JSON configs and editors.
 */
import { z } from 'zod';
import { serviceConfigSchema } from '../schema/index.js';

/**
 * The config's JSON Schema (draft 2020-12, the input form: keys with defaults are optional). Checks that need code
 * (a handler's form for its runtime, references between keys, files) are not expressible and are left to
 * `validateConfig`; everything else (keys, types, ranges, patterns, defaults, descriptions, examples) is here.
 *
 * @example
 * writeFileSync('lambdaport.config.schema.json', `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
 */
export function configJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(serviceConfigSchema, {
    io: 'input',
    target: 'draft-2020-12',
    override: ({ zodSchema, jsonSchema }) => {
      // a record keyed by numbers (`versions`): its keys are written as whole numbers from 1
      const def = zodSchema._zod.def as { type: string; keyType?: { _zod: { def: { type: string } } } };
      if (def.type === 'record' && def.keyType?._zod.def.type === 'number') {
        jsonSchema.propertyNames = { type: 'string', pattern: '^[1-9][0-9]*$' };
      }
    },
  });
  return generated as Record<string, unknown>;
}
