/**
 * Config errors: every problem found, each naming the file, the key path and what was expected.
 */
import path from 'node:path';

/** One problem in a config. */
export interface ConfigIssue {
  /** The config file (absolute), or a pseudo-source such as `--stage`. */
  readonly file: string;
  /** The key path, dotted: `functions.get.timeout`; empty for the file as a whole. */
  readonly path: string;
  /** What was expected and what was found. */
  readonly message: string;
}

/** Shows a file relative to the working directory when it lies below it. */
export function displayFile(file: string): string {
  if (!path.isAbsolute(file)) return file;
  const relative = path.relative(process.cwd(), file);
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

/** Formats one issue as `<file>: <key path>: <message>`. */
export function formatIssue(issue: ConfigIssue): string {
  const where = issue.path === '' ? displayFile(issue.file) : `${displayFile(issue.file)}: ${issue.path}`;
  return `${where}: ${issue.message}`;
}

/**
 * Thrown when one or more configs are missing or invalid. `message` holds one line per issue.
 *
 * @example
 * try {
 *   await loadServices(['examples/records']);
 * } catch (error) {
 *   if (isConfigError(error)) for (const issue of error.issues) console.error(formatIssue(issue));
 * }
 */
export class ConfigError extends Error {
  readonly code = 'ConfigError';
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

/**
 * Recognises a ConfigError by name and code (works across bundled copies).
 *
 * @example
 * if (isConfigError(error)) process.exitCode = 1;
 */
export function isConfigError(error: unknown): error is ConfigError {
  return (
    error instanceof Error &&
    error.name === 'ConfigError' &&
    (error as { code?: unknown }).code === 'ConfigError' &&
    Array.isArray((error as { issues?: unknown }).issues)
  );
}
