/**
 * The service config as a whole: the one zod schema of `lambdaport.config.*`, the single source of its validation,
 * of docs/config.md and of the JSON Schema (`schema/lambdaport.config.schema.json`).
 */
import { CONFIG_DEFAULTS } from 'lambdaport/config';
import { z } from 'zod';
import { checkPublishes } from './event-use.js';
import { events } from './events.js';
import { functionSchema } from './function.js';
import { functionKey, region, serviceName, stageName, tableKey } from './names.js';
import { tableSchema } from './table.js';
import { checkTableUse } from './table-use.js';
import { expected, strictObject } from './words.js';

const fields = {
  $schema: z
    .string(expected('the URL or path of the JSON Schema'))
    .optional()
    .meta({
      description: 'The JSON Schema of the config, for editors (JSON configs); ignored otherwise.',
      examples: ['./node_modules/@lambdaport/config/schema/lambdaport.config.schema.json'],
    }),
  service: serviceName.meta({
    description:
      'The service name: lower-case letters and digits, words joined by single `-`, starting with a letter, at most 40 characters. Part of every deployed name, table name and SSM path.',
    examples: ['records'],
  }),
  stage: stageName.default(CONFIG_DEFAULTS.stage).meta({
    description:
      'The stage: lower-case letters and digits, words joined by single `-`, at most 16 characters. `lambdaport dev --stage` overrides it.',
    examples: ['qa'],
  }),
  region: region.default(CONFIG_DEFAULTS.region).meta({
    description: 'The AWS region of ARNs (and of the deploy).',
    examples: ['eu-west-1'],
  }),
  functions: z.record(functionKey, functionSchema, expected('an object of functions ({ name: { handler } })')).meta({
    description:
      'The functions, keyed by name (letters and digits, words joined by single `-`, starting with a lower-case letter). Each is deployed as `<stage>-<service>-<function>-<hash6>`, at most 64 characters.',
    examples: [{ get: { handler: 'src/handlers.ts#handler' } }],
  }),
  tables: z
    .record(tableKey, tableSchema, expected('an object of tables ({ name: { partitionKey } })'))
    .optional()
    .meta({
      description:
        'The DynamoDB tables of the service, keyed by name (letters, digits, `_`, `-`, `.`); each is created as `<stage>-<service>-<table>`.',
      examples: [{ records: { partitionKey: { name: 'id', type: 'S' }, seed: 'data/records.json' } }],
    }),
  events: events.optional(),
};

/**
 * The schema of a service config. Its input type is `ServiceConfig` of `lambdaport/config` (a type test keeps them
 * equal); its output has the defaults filled in. Checks that need the file system or the stage it will run in are
 * made after it (`validateConfig`), and `calls` across services by `loadServices`.
 *
 * @example
 * const result = serviceConfigSchema.safeParse(raw);
 */
export const serviceConfigSchema = strictObject(fields, 'a default export that is an object (the service config)')
  .superRefine(checkTableUse, { when: () => true })
  .superRefine(checkPublishes, { when: () => true })
  .meta({
    title: 'lambdaport.config',
    description:
      'A lambdaport service: its functions and tables. One source of truth for `lambdaport dev`, deploy, IAM and docs.',
  });

/** A valid config with its defaults filled in. */
export type ValidConfig = z.output<typeof serviceConfigSchema>;
/** One valid function, defaults filled in. */
export type ValidFunction = ValidConfig['functions'][string];
/** One valid event of `events`. */
export type ValidEvent = NonNullable<ValidConfig['events']>[string];
/** One valid table. */
export type ValidTable = NonNullable<ValidConfig['tables']>[string];
