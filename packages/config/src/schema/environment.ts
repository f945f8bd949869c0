/**
 * A function's `environment`: variable names (not those Lambda reserves) and values, plain strings or references
 * resolved to stage-correct names (`{ table }`, `{ function }`).
 */
import { z } from 'zod';
import { friendlyName, tableKey } from './names.js';
import { didYouMean, expected, shown, strictObject } from './words.js';

/** Environment variables Lambda reserves: a function may not set them. */
export const RESERVED_ENVIRONMENT: ReadonlySet<string> = new Set([
  '_HANDLER',
  '_X_AMZN_TRACE_ID',
  'AWS_DEFAULT_REGION',
  'AWS_REGION',
  'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_ACCESS_KEY',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API',
  'LAMBDA_TASK_ROOT',
  'LAMBDA_RUNTIME_DIR',
]);

const VARIABLE_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

const variableName = z
  .string()
  .regex(VARIABLE_NAME, { error: 'expected a variable name of letters, digits and "_", starting with a letter' })
  .refine((name) => !RESERVED_ENVIRONMENT.has(name), {
    error: (issue) => `${String(issue.input)} is reserved by Lambda; expected another name`,
  })
  // the refinement, for the JSON Schema
  .meta({ not: { enum: [...RESERVED_ENVIRONMENT] } });

const VALUE_EXPECTED = 'a string value, { table: "<table>" } or { function: "<service>.<function>" }';

/** `{ table: 'records' }`: the table's stage-correct name (`dev-records-records`). */
export const tableReference = strictObject(
  {
    table: tableKey.meta({
      description: 'A table of this service, which the function declares in its `tables`.',
      examples: ['records'],
    }),
  },
  '{ table: "<table>" }',
).meta({
  title: 'Table reference',
  description: 'The stage-correct name of a table of this service; the function must declare access in `tables`.',
  examples: [{ table: 'records' }],
});

/** `{ function: 'records.get' }`: the function's deployed name (`dev-records-get-27ab43`). */
export const functionReference = strictObject(
  { function: friendlyName.meta({ description: 'A function, `<service>.<function>`.', examples: ['records.get'] }) },
  '{ function: "<service>.<function>" }',
).meta({
  title: 'Function reference',
  description: "The deployed name of a function (its current major) in this function's stage.",
  examples: [{ function: 'records.get' }],
});

/** One variable's value. */
export const environmentValue = z.union([z.string(), tableReference, functionReference], {
  error: (issue) => {
    const input = issue.input;
    if (input !== null && typeof input === 'object' && !Array.isArray(input)) {
      const keys = Object.keys(input);
      if (keys.length === 1 && (keys[0] === 'table' || keys[0] === 'function')) {
        const key = keys[0];
        const value = (input as Record<string, unknown>)[key];
        const what = key === 'table' ? 'a table name of this service' : 'a function "<service>.<function>"';
        return `expected { ${key}: ${what} }, got { ${key}: ${shown(value)} }`;
      }
      const hints = keys.map((key) => `${key}${didYouMean(key, ['table', 'function'])}`);
      return `expected ${VALUE_EXPECTED}, got an object with ${keys.length === 0 ? 'no keys' : `keys ${hints.join(', ')}`}`;
    }
    return `expected ${VALUE_EXPECTED}, got ${shown(input)}`;
  },
});

/** A function's (or an older major's) variables. */
export const environment = z
  .record(variableName, environmentValue, expected('an object of variables ({ NAME: "value" })'))
  .meta({
    description:
      'Environment variables. A value is a string, `{ table: "<table>" }` (the stage-correct table name; the function must declare access to it in `tables`) or `{ function: "<service>.<function>" }` (the deployed name of that function in this stage). Names Lambda reserves (`AWS_REGION`, `_HANDLER`, ...) are refused.',
    examples: [{ RECORDS_TABLE: { table: 'records' }, LOG_LEVEL: 'info' }],
  });
