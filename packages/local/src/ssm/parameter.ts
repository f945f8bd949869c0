/**
 * What a parameter is, and the rules of its name, shared by the operations and the state file's check.
 */

/** The types Parameter Store knows. */
export type ParameterType = 'String' | 'StringList' | 'SecureString';

/** Every type, in AWS's order. */
export const PARAMETER_TYPES: readonly ParameterType[] = ['String', 'StringList', 'SecureString'];

/** One version of a parameter. */
export interface StoredParameter {
  readonly name: string;
  readonly type: ParameterType;
  readonly value: string;
  readonly version: number;
  /** Epoch milliseconds. */
  readonly lastModified: number;
  readonly dataType: string;
  readonly description?: string | undefined;
}

/** Parameter Store keeps the 100 most recent versions of a parameter and deletes the oldest when one more is made. */
export const MAX_VERSIONS = 100;

/** A hierarchy has at most 15 levels (`/a/b/c` has 3). */
export const MAX_LEVELS = 15;

/** Longest name. */
export const MAX_NAME_LENGTH = 2048;

/** The characters of a name: letters, digits, `_`, `.`, `-`, and `/` between levels. */
export const NAME_PATTERN = /^[a-zA-Z0-9_.\-/]+$/;

/** The number of levels of a name: its non-empty parts between slashes. */
export function levelsOf(name: string): number {
  return name.split('/').filter((part) => part !== '').length;
}

/**
 * What is wrong with a stored parameter's name, or undefined when it is one Parameter Store accepts.
 *
 * @example
 * nameProblem('/a/b'); // undefined
 * nameProblem('a/b');  // 'must begin with "/" when it contains a "/"'
 */
export function nameProblem(name: string): string | undefined {
  if (name.length < 1 || name.length > MAX_NAME_LENGTH) return `must be 1 to ${MAX_NAME_LENGTH} characters long`;
  if (!NAME_PATTERN.test(name)) return 'may hold only letters, digits, "_", ".", "-" and "/"';
  if (name.includes('/') && !name.startsWith('/')) return 'must begin with "/" when it contains a "/"';
  if (levelsOf(name) > MAX_LEVELS) return `has more than ${MAX_LEVELS} levels`;
  return undefined;
}
