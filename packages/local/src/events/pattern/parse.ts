/**
 * An event pattern's JSON → a tree of field conditions. Every fault throws {@link InvalidEventPatternError} naming
 * where it is; a tree that comes out is valid.
 */
import { InvalidEventPatternError } from './errors.js';
import {
  anythingBut,
  anyValue,
  cidr,
  equalsIgnoreCase,
  exact,
  exists,
  type LeafTest,
  type NumericOperator,
  numeric,
  prefix,
  type Scalar,
  suffix,
  type ValueTest,
  wildcard,
} from './leaves.js';

/** An object level of a pattern: each field's condition, and the `$or` branches (one must match), if any. */
export interface ObjectCondition {
  readonly fields: ReadonlyMap<string, FieldCondition>;
  readonly or: readonly ObjectCondition[];
}

/** A field's condition: a nested object pattern, or a leaf array (any of its tests). */
export type FieldCondition =
  | { readonly kind: 'object'; readonly condition: ObjectCondition }
  | { readonly kind: 'leaf'; readonly tests: readonly LeafTest[] };

/** AWS's bounds of a `numeric` operand. */
export const NUMERIC_LIMIT = 5e9;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: unknown): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(path: string, reason: string): never {
  throw new InvalidEventPatternError(path, reason);
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/**
 * Parses a pattern (its JSON text, or the value).
 *
 * @example
 * const tree = parsePattern('{"source":["orders"],"detail":{"total":[{"numeric":[">",100]}]}}');
 */
export function parsePattern(pattern: string | unknown): ObjectCondition {
  let value: unknown = pattern;
  if (typeof pattern === 'string') {
    try {
      value = JSON.parse(pattern);
    } catch (error) {
      fail('', `the pattern is not JSON (${(error as Error).message})`);
    }
  }
  if (!isObject(value)) fail('', 'the pattern must be a JSON object');
  return parseObject(value, '');
}

function parseObject(value: { [key: string]: Json }, path: string): ObjectCondition {
  const keys = Object.keys(value);
  if (keys.length === 0) fail(path, 'empty objects are not allowed');
  const fields = new Map<string, FieldCondition>();
  let or: ObjectCondition[] = [];
  for (const key of keys) {
    const child = value[key] as Json;
    const childPath = join(path, key);
    if (key === '$or') {
      or = parseOr(child, childPath);
    } else if (Array.isArray(child)) {
      fields.set(key, { kind: 'leaf', tests: parseLeafArray(child, childPath) });
    } else if (isObject(child)) {
      fields.set(key, { kind: 'object', condition: parseObject(child, childPath) });
    } else {
      fail(childPath, 'a field of a pattern must be an array of values or an object');
    }
  }
  return { fields, or };
}

function parseOr(value: Json, path: string): ObjectCondition[] {
  if (!Array.isArray(value) || value.length < 2) fail(path, '"$or" must be an array of at least two patterns');
  return value.map((branch, i) => {
    if (!isObject(branch)) fail(`${path}[${i}]`, 'a branch of "$or" must be an object');
    return parseObject(branch, `${path}[${i}]`);
  });
}

function parseLeafArray(values: Json[], path: string): LeafTest[] {
  if (values.length === 0) fail(path, 'empty arrays are not allowed');
  return values.map((value, i) => {
    const at = `${path}[${i}]`;
    if (isObject(value)) return parseOperator(value, at);
    if (Array.isArray(value)) fail(at, 'arrays inside a value array are not allowed');
    return anyValue(exact(value));
  });
}

function parseOperator(value: { [key: string]: Json }, path: string): LeafTest {
  const keys = Object.keys(value);
  if (keys.length !== 1) fail(path, `an operator object must have exactly one key (it has ${keys.length})`);
  const name = keys[0] as string;
  const operand = value[name] as Json;
  const at = join(path, name);
  switch (name) {
    case 'prefix':
      return anyValue(affix(operand, at, prefix));
    case 'suffix':
      return anyValue(affix(operand, at, suffix));
    case 'equals-ignore-case':
      return anyValue(equalsIgnoreCase(stringOperand(operand, at)));
    case 'wildcard':
      return anyValue(parseWildcard(operand, at));
    case 'numeric':
      return anyValue(parseNumeric(operand, at));
    case 'cidr': {
      if (typeof operand !== 'string') fail(at, '"cidr" takes a string');
      const test = cidr(operand);
      if (typeof test === 'string') fail(at, test);
      return anyValue(test);
    }
    case 'exists':
      if (typeof operand !== 'boolean') fail(at, '"exists" takes true or false');
      return exists(operand);
    case 'anything-but':
      return anythingBut(parseAnythingBut(operand, at));
    default:
      return fail(path, `unknown operator "${name}"`);
  }
}

function stringOperand(value: Json, path: string): string {
  if (typeof value !== 'string') fail(path, 'expected a string');
  return value;
}

/** `prefix` / `suffix`: a string, or `{ "equals-ignore-case": string }`. */
function affix(operand: Json, path: string, make: (text: string, ignoreCase: boolean) => ValueTest): ValueTest {
  if (typeof operand === 'string') return make(operand, false);
  if (isObject(operand)) {
    const keys = Object.keys(operand);
    if (keys.length === 1 && keys[0] === 'equals-ignore-case') {
      return make(stringOperand(operand['equals-ignore-case'] as Json, join(path, 'equals-ignore-case')), true);
    }
  }
  return fail(path, 'expected a string or {"equals-ignore-case": string}');
}

function parseWildcard(operand: Json, path: string): ValueTest {
  if (typeof operand !== 'string') fail(path, '"wildcard" takes a string');
  const test = wildcard(operand);
  if (typeof test === 'string') fail(path, test);
  return test;
}

const LOWER: ReadonlySet<string> = new Set(['>', '>=']);
const UPPER: ReadonlySet<string> = new Set(['<', '<=']);

/** `numeric`: `["=", n]`, one bound, or a lower then an upper bound. */
function parseNumeric(operand: Json, path: string): ValueTest {
  if (!Array.isArray(operand) || (operand.length !== 2 && operand.length !== 4)) {
    fail(path, '"numeric" takes an operator and a number, or two of each (a lower then an upper bound)');
  }
  const comparisons: [NumericOperator, number][] = [];
  for (let i = 0; i < operand.length; i += 2) {
    const op = operand[i];
    const bound = operand[i + 1];
    if (op !== '=' && !LOWER.has(op as string) && !UPPER.has(op as string)) {
      fail(`${path}[${i}]`, `unknown numeric operator ${JSON.stringify(op)} (use =, <, <=, > or >=)`);
    }
    if (typeof bound !== 'number') fail(`${path}[${i + 1}]`, 'a numeric bound must be a number');
    if (Math.abs(bound) > NUMERIC_LIMIT) {
      fail(`${path}[${i + 1}]`, `a numeric bound must be between -${NUMERIC_LIMIT} and ${NUMERIC_LIMIT}`);
    }
    comparisons.push([op as NumericOperator, bound]);
  }
  if (comparisons.length === 2) {
    const [first, second] = comparisons as [[NumericOperator, number], [NumericOperator, number]];
    if (!LOWER.has(first[0]) || !UPPER.has(second[0])) {
      fail(path, '"numeric" with two comparisons takes a lower bound (> or >=) then an upper bound (< or <=)');
    }
  }
  return numeric(comparisons);
}

/**
 * The operand of `anything-but`: a value, a list of values (all strings or all numbers), or an object with
 * `prefix`, `suffix`, `equals-ignore-case` or `wildcard`. Returns the test of what is excluded.
 */
function parseAnythingBut(operand: Json, path: string): ValueTest {
  if (typeof operand === 'string' || typeof operand === 'number') return exact(operand);
  if (Array.isArray(operand)) {
    if (operand.length === 0) fail(path, 'empty arrays are not allowed');
    const allStrings = operand.every((v) => typeof v === 'string');
    const allNumbers = operand.every((v) => typeof v === 'number');
    if (!allStrings && !allNumbers) fail(path, '"anything-but" takes a list of strings only or of numbers only');
    const excluded = new Set<Scalar>(operand as Scalar[]);
    return (value) => excluded.has(value);
  }
  if (isObject(operand)) {
    const keys = Object.keys(operand);
    if (keys.length !== 1) fail(path, '"anything-but" takes one of prefix, suffix, equals-ignore-case, wildcard');
    const name = keys[0] as string;
    const inner = operand[name] as Json;
    const at = join(path, name);
    switch (name) {
      case 'prefix':
        return prefix(stringOperand(inner, at), false);
      case 'suffix':
        return suffix(stringOperand(inner, at), false);
      case 'equals-ignore-case':
        return stringOrList(inner, at, equalsIgnoreCase);
      case 'wildcard':
        return stringOrList(inner, at, (text) => parseWildcard(text, at));
      default:
        return fail(at, `"anything-but" does not take "${name}"`);
    }
  }
  return fail(path, '"anything-but" takes a string, a number, a list of them, or an operator object');
}

function stringOrList(operand: Json, path: string, make: (text: string) => ValueTest): ValueTest {
  const texts = typeof operand === 'string' ? [operand] : operand;
  if (!Array.isArray(texts) || texts.length === 0 || !texts.every((t) => typeof t === 'string')) {
    fail(path, 'expected a string or a non-empty list of strings');
  }
  const tests = (texts as string[]).map(make);
  return (value) => tests.some((test) => test(value));
}
