/**
 * A contract's examples: sample calls (an input, and the output it gets) that docs, the `lambdaport dev` banner and
 * sample events are filled from. `defineFunction` checks their shape always, and validates them against the
 * contract's schemas where outputs are validated (development and tests, not in AWS Lambda).
 */
import type { AnySchema } from '../schema.js';
import { validateOutputDefault } from './output-validation.js';
import { validate } from './schema.js';

/**
 * A sample call of a function: what a caller sends (`input`) and, optionally, what it gets back (`output`).
 *
 * @example
 * const example: FunctionExample<{ id: number }> = { name: 'a record that exists', input: { id: 1 } };
 */
export interface FunctionExample<Input = unknown, Output = unknown> {
  /** A few words on what it shows (`a record that exists`). */
  readonly name?: string;
  /** What a caller sends: valid against the contract's input schema. */
  readonly input: Input;
  /** What the function answers: valid against the contract's output schema. */
  readonly output?: Output;
}

const EXAMPLE_KEYS = ['name', 'input', 'output'];

/**
 * Checks `examples` (`where` names the contract in errors) and returns them frozen. Throws a TypeError naming the
 * example and the field: a shape that is not `{ name?, input, output? }`, or, when outputs are validated here, an input
 * or output its schema refuses. A schema that validates asynchronously is left to the tools (`lambdaport docs`).
 */
export function checkExamples(
  where: string,
  examples: unknown,
  schemas: { readonly input: AnySchema; readonly output: AnySchema },
): readonly FunctionExample[] {
  if (examples === undefined) return Object.freeze([]);
  if (!Array.isArray(examples)) throw new TypeError(`${where}: examples must be an array of { name?, input, output? }`);
  const validating = validateOutputDefault();
  const checked: FunctionExample[] = [];
  for (const [i, example] of examples.entries()) {
    const at = `${where}: examples[${i}]`;
    if (typeof example !== 'object' || example === null || Array.isArray(example)) {
      throw new TypeError(`${at} must be an object { name?, input, output? }`);
    }
    for (const key of Object.keys(example)) {
      if (!EXAMPLE_KEYS.includes(key)) {
        throw new TypeError(`${at}: unknown key "${key}" (expected one of: ${EXAMPLE_KEYS.join(', ')})`);
      }
    }
    const { name, input, output } = example as { name?: unknown; input?: unknown; output?: unknown };
    if (name !== undefined && (typeof name !== 'string' || name.trim() === '')) {
      throw new TypeError(`${at}.name must be a non-empty string`);
    }
    if (!('input' in example)) throw new TypeError(`${at}.input is missing: the payload a caller sends`);
    if (validating) {
      refuseInvalid(`${at}.input`, schemas.input, input);
      if ('output' in example) refuseInvalid(`${at}.output`, schemas.output, output);
    }
    checked.push(Object.freeze({ ...(example as FunctionExample) }));
  }
  return Object.freeze(checked);
}

function refuseInvalid(at: string, schema: AnySchema, value: unknown): void {
  const result = validate(schema, value);
  if (result instanceof Promise) {
    result.catch(() => undefined); // an asynchronous schema: checked by the tools, never an unhandled rejection here
    return;
  }
  if (result.ok) return;
  const issues = result.issues.map((issue) => (issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`));
  throw new TypeError(`${at} does not match its schema: ${issues.join('; ')}`);
}
