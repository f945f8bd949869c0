/**
 * The `--payload` of `lambdaport invoke`: inline JSON, or `@file`.
 */
import { readFileSync } from 'node:fs';

/** A usage error: printed without a stack, exit code 1. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * Reads the payload: `@path` reads a file, anything else is the JSON itself; checked to be JSON.
 * No payload means `{}`.
 */
export function readPayload(option: string | undefined): string {
  if (option === undefined) return '{}';
  let text = option;
  let where = '--payload';
  if (option.startsWith('@')) {
    const file = option.slice(1);
    where = `--payload file ${file}`;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new UsageError(
        `cannot read ${where}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
    }
  }
  try {
    JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `${where} is not valid JSON (${(error as Error).message}): ${JSON.stringify(text.slice(0, 80))}`,
    );
  }
  return text;
}
