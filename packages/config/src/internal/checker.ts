/**
 * A tiny collector of config issues: each check records what was expected at a key path and what was found.
 */
import type { ConfigIssue } from '../errors.js';

export type Plain = Record<string, unknown>;

export function isPlainObject(value: unknown): value is Plain {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/** Shows a found value briefly: `"3s"`, `12`, `an array`, `nothing`. */
export function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'function') return 'a function';
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export function join(base: string, key: string): string {
  return base === '' ? key : `${base}.${key}`;
}

export class Checker {
  readonly issues: ConfigIssue[] = [];
  constructor(readonly file: string) {}

  /** Records `<path>: <expected>, got <value>`. */
  expected(path: string, expected: string, value: unknown): void {
    this.issues.push({ file: this.file, path, message: `expected ${expected}, got ${shown(value)}` });
  }

  /** Records a free-form message. */
  problem(path: string, message: string): void {
    this.issues.push({ file: this.file, path, message });
  }

  /** Checks that `value` is a plain object whose keys are all in `known`; returns it or undefined. */
  object(path: string, value: unknown, known: readonly string[], what = 'an object'): Plain | undefined {
    if (!isPlainObject(value)) {
      this.expected(path, what, value);
      return undefined;
    }
    for (const key of Object.keys(value)) {
      if (!known.includes(key)) this.problem(join(path, key), `unknown key; expected one of ${known.join(', ')}`);
    }
    return value;
  }

  /** A required (or optional) string matching `pattern`, described by `what`. */
  string(
    path: string,
    value: unknown,
    what: string,
    options: { optional?: boolean; pattern?: RegExp; max?: number } = {},
  ): string | undefined {
    if (value === undefined && options.optional) return undefined;
    if (
      typeof value !== 'string' ||
      (options.pattern !== undefined && !options.pattern.test(value)) ||
      (options.max !== undefined && value.length > options.max)
    ) {
      this.expected(path, what, value);
      return undefined;
    }
    return value;
  }

  /** An optional integer within [min, max]. */
  integer(path: string, value: unknown, min: number, max: number, what: string): number | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.expected(path, what, value);
      return undefined;
    }
    return value;
  }

  /** One of a fixed set of strings. */
  oneOf<const T extends string>(path: string, value: unknown, choices: readonly T[], optional: boolean): T | undefined {
    if (value === undefined && optional) return undefined;
    if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
      this.expected(path, `one of ${choices.map((c) => `"${c}"`).join(', ')}`, value);
      return undefined;
    }
    return value as T;
  }
}
