/**
 * A DynamoDB table of the service (`tables.<name>`) and its key attributes.
 */
import { z } from 'zod';
import { expected, strictObject } from './words.js';

const keyAttribute = strictObject(
  {
    name: z
      .string(expected('an attribute name of 1 to 255 characters'))
      .min(1)
      .max(255)
      .meta({ description: 'The attribute name.', examples: ['id'] }),
    type: z
      .enum(['S', 'N', 'B'], expected('one of "S", "N", "B"'))
      .meta({ description: '`S` string, `N` number, `B` binary.', examples: ['S'] }),
  },
  'a key attribute ({ name, type: "S" | "N" | "B" })',
).meta({ title: 'Key attribute', description: 'A key attribute of a table: its name and type.' });

/** One table. */
export const tableSchema = strictObject(
  {
    partitionKey: keyAttribute.meta({
      description: 'The partition (hash) key.',
      examples: [{ name: 'id', type: 'S' }],
    }),
    sortKey: keyAttribute.optional().meta({
      description: "The sort (range) key, if any; its name differs from the partition key's.",
      examples: [{ name: 'createdAt', type: 'N' }],
    }),
    seed: z
      .string(expected('the path of a JSON file holding an array of items'))
      .optional()
      .meta({
        description:
          'A JSON file inside the service dir holding an array of items (each with the key attributes), loaded when the table is created locally.',
        examples: ['data/records.json'],
      }),
  },
  'a table ({ partitionKey, sortKey?, seed? })',
)
  .superRefine((table, ctx) => {
    if (table.sortKey !== undefined && table.sortKey.name === table.partitionKey.name) {
      ctx.addIssue({
        code: 'custom',
        path: ['sortKey', 'name'],
        input: table.sortKey.name,
        message: `expected a name other than the partition key's ${JSON.stringify(table.partitionKey.name)}`,
      });
    }
  })
  .meta({
    title: 'Table',
    description:
      'A DynamoDB table (on demand), named `<stage>-<service>-<table>`. Functions reach it through `tables` and `{ table }` references.',
  });
